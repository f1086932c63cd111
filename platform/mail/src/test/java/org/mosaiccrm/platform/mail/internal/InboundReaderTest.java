package org.mosaiccrm.platform.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.mail.DeliveryReport;
import org.mosaiccrm.platform.api.mail.InboundMessage;

class InboundReaderTest {

    private static InboundMessage read(String raw, long limit) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        return InboundReader.read(m, limit);
    }

    @Test
    void aReplyHasItsThreadingHeadersSenderAndText() throws Exception {
        InboundMessage m = read("""
                Return-Path: <Ana@Example.com>
                From: Ana Novak <Ana@Example.com>
                To: news@mosaic.test
                Subject: Re: Spring offer
                Message-ID: <r1@example.com>
                In-Reply-To: <c1@mosaic.test>
                References: <c0@mosaic.test>
                 <c1@mosaic.test>
                Content-Type: text/plain; charset=utf-8

                Yes, call me.
                """, 1000);
        assertEquals("<r1@example.com>", m.messageId());
        assertEquals(List.of("<c1@mosaic.test>"), m.inReplyTo());
        assertEquals(List.of("<c0@mosaic.test>", "<c1@mosaic.test>"), m.references());
        assertEquals(List.of("<c1@mosaic.test>", "<c0@mosaic.test>"), m.threadIds());
        assertEquals("ana@example.com", m.from());
        assertEquals("Ana Novak", m.fromName());
        assertEquals("ana@example.com", m.returnPath());
        assertEquals("Yes, call me.", m.text());
        assertFalse(m.isAutomatic());
        assertNull(m.report());
    }

    @Test
    void htmlOnlyBecomesTextWithoutScriptsAndAttachmentsOverTheLimitAreDescribedOnly() throws Exception {
        InboundMessage m = read("""
                From: ana@example.com
                Subject: Hello
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/html; charset=utf-8

                <html><head><style>p{}</style></head><body><p>First &amp; <b>bold</b></p><script>alert(1)</script><p>Second<br>line</p></body></html>
                --b1
                Content-Type: application/pdf; name="../../etc/small.pdf"
                Content-Disposition: attachment; filename="../../etc/small.pdf"
                Content-Transfer-Encoding: base64

                MTIzNDU=
                --b1
                Content-Type: application/zip
                Content-Disposition: attachment; filename="big.zip"
                Content-Transfer-Encoding: base64

                MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=
                --b1--
                """, 10);
        assertEquals("First & bold\nSecond\nline", m.text());
        assertEquals(2, m.attachments().size());
        assertEquals("small.pdf", m.attachments().get(0).fileName());
        assertEquals("application/pdf", m.attachments().get(0).contentType());
        assertEquals("12345", new String(m.attachments().get(0).content(), StandardCharsets.US_ASCII));
        assertEquals("big.zip", m.attachments().get(1).fileName());
        assertEquals(20, m.attachments().get(1).size());
        assertFalse(m.attachments().get(1).kept());
    }

    @Test
    void automaticMessagesAreRecognised() throws Exception {
        String body = "Subject: Away\nFrom: ana@example.com\nContent-Type: text/plain\n\nI am away.\n";
        assertEquals(InboundMessage.Automatic.AUTO_SUBMITTED, read("Auto-Submitted: auto-replied\n" + body, 10).automatic());
        assertNull(read("Auto-Submitted: no\n" + body, 10).automatic());
        assertEquals(InboundMessage.Automatic.PRECEDENCE, read("Precedence: bulk\n" + body, 10).automatic());
        assertEquals(InboundMessage.Automatic.PRECEDENCE, read("Precedence: auto_reply\n" + body, 10).automatic());
        assertNull(read("Precedence: first-class\n" + body, 10).automatic());
        assertEquals(InboundMessage.Automatic.NULL_RETURN_PATH, read("Return-Path: <>\n" + body, 10).automatic());
    }

    @Test
    void aDeliveryStatusReportGivesEachRecipientsActionStatusAndTheOriginalMessageId() throws Exception {
        InboundMessage m = read("""
                Return-Path: <>
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

                --r1
                Content-Type: text/plain

                Your message could not be delivered.
                --r1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com
                Arrival-Date: Sat, 5 Dec 2026 01:00:00 +0000

                Final-Recipient: rfc822; Gone@Example.com
                Original-Recipient: rfc822;gone@example.com
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>:
                 Recipient address rejected: User unknown

                Final-Recipient: rfc822; slow@example.com
                Action: delayed
                Status: 4.4.1

                --r1
                Content-Type: text/rfc822-headers

                From: news@mosaic.test
                To: gone@example.com
                Subject: Spring offer
                Message-ID: <c1@mosaic.test>

                --r1--
                """, 10);
        assertEquals(InboundMessage.Automatic.DELIVERY_REPORT, m.automatic());
        assertEquals("", m.returnPath());
        DeliveryReport r = m.report();
        assertEquals("<c1@mosaic.test>", r.originalMessageId());
        assertEquals(2, r.recipients().size());
        DeliveryReport.Recipient gone = r.recipients().get(0);
        assertEquals("gone@example.com", gone.finalRecipient());
        assertEquals("failed", gone.action());
        assertEquals("5.1.1", gone.status());
        assertTrue(gone.hard());
        assertEquals("550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown", gone.diagnosticCode());
        assertFalse(r.recipients().get(1).hard());
        assertTrue(r.recipients().get(1).soft());
        assertEquals("Your message could not be delivered.", m.text());
    }
}
