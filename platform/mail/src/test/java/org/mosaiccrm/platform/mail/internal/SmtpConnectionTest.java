package org.mosaiccrm.platform.mail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.mail.Mail;

/** Against a real SMTP server (GreenMail) on a free port: what arrives, and what a refusal is. */
class SmtpConnectionTest {

    private GreenMail server;
    private SmtpSettings settings;

    @BeforeEach
    void start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        settings = new SmtpSettings("127.0.0.1", server.getSmtp().getPort(), SmtpSettings.NONE, null, null, "crm@example.com", "Kovač CRM");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aMailArrivesWithItsHeadersBodiesAndMessageId() throws Exception {
        try (SmtpConnection c = SmtpConnection.open(settings)) {
            SmtpConnection.Result r = c.send(new Mail("k1", List.of("ana@example.com", "bor@example.com"), "Ponastavitev gesla: Čšž",
                    "Plain ünïcode", "<p>Rich &amp; <b>bold</b></p>"), "<row-1@mosaiccrm>");
            assertEquals(SmtpConnection.Outcome.SENT, r.outcome(), r.reply());
            assertTrue(r.reply().startsWith("250"), r.reply());
        }
        MimeMessage[] received = server.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage m = received[0];
        assertEquals("Ponastavitev gesla: Čšž", m.getSubject());
        assertEquals("<row-1@mosaiccrm>", m.getMessageID());
        assertTrue(m.getFrom()[0].toString().contains("crm@example.com"));
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertEquals("Plain ünïcode", parts.getBodyPart(0).getContent().toString().trim());
        assertTrue(parts.getBodyPart(1).getContentType().startsWith("text/html"));
    }

    @Test
    void aMailInAConversationCarriesItsMessageIdReplyToAndThreadingHeaders() throws Exception {
        Mail mail = Mail.text("k2", "ana@example.com", "[#12] Re: Printer", "We are on it.").threaded("<t12.r1@desk.example.com>",
                "support@desk.example.com", java.util.Map.of("In-Reply-To", "<a1@example.com>", "References", "<a0@example.com> <a1@example.com>",
                        "Auto-Submitted", "auto-generated"));
        try (SmtpConnection c = SmtpConnection.open(settings)) {
            assertEquals(SmtpConnection.Outcome.SENT, c.send(mail, mail.messageId()).outcome());
        }
        MimeMessage m = server.getReceivedMessages()[0];
        assertEquals("<t12.r1@desk.example.com>", m.getMessageID());
        assertEquals("support@desk.example.com", m.getReplyTo()[0].toString());
        assertEquals("<a1@example.com>", m.getHeader("In-Reply-To")[0]);
        assertEquals("<a0@example.com> <a1@example.com>", m.getHeader("References")[0].replaceAll("\\s+", " "));
        assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
        assertEquals("{In-Reply-To=<a1@example.com>}", OutboxHeaders.read(OutboxHeaders.write(java.util.Map.of("In-Reply-To", "<a1@example.com>"))).toString());
        assertThrows(IllegalArgumentException.class, () -> mail.threaded(null, null, java.util.Map.of("X-Bad", "a\r\nBcc: eve@example.com")));
        assertThrows(IllegalArgumentException.class, () -> mail.threaded(null, null, java.util.Map.of("Reply-To", "eve@example.com")));
    }

    @Test
    void aServerThatIsNotThereSendsNothingAndSaysSo() {
        server.stop();
        MessagingException e = assertThrows(MessagingException.class, () -> SmtpConnection.open(settings));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void aPasswordIsNeverSentWhereStartTlsIsNotOffered() {
        SmtpSettings starttls = new SmtpSettings("127.0.0.1", settings.port(), SmtpSettings.STARTTLS, "u", "secret", "crm@example.com", null);
        // GreenMail's plain SMTP offers no STARTTLS: the connection is refused before any sign-in.
        assertThrows(MessagingException.class, () -> {
            try (SmtpConnection c = SmtpConnection.open(starttls)) {
                c.send(Mail.text("k2", "ana@example.com", "s", "t"), "<x@mosaiccrm>");
            }
        });
        assertEquals(0, server.getReceivedMessages().length);
    }

    @Test
    void settingsFromTheEnvironmentNeverShowThePassword() {
        SmtpSettings s = SmtpSettings.fromEnvironment(java.util.Map.of("MOSAIC_MAIL_HOST", "smtp.example.com", "MOSAIC_MAIL_PASSWORD",
                "hunter2", "MOSAIC_MAIL_FROM", "crm@example.com"));
        assertEquals(587, s.port());
        assertEquals(SmtpSettings.STARTTLS, s.security());
        assertTrue(!s.toString().contains("hunter2"), s.toString());
        assertEquals(null, SmtpSettings.fromEnvironment(java.util.Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.fromEnvironment(java.util.Map.of("MOSAIC_MAIL_HOST", "h",
                "MOSAIC_MAIL_SECURITY", "ssl3")));
    }

    @Test
    void aMailRefusesHeaderInjectionAndBadAddresses() {
        assertThrows(IllegalArgumentException.class, () -> Mail.text("k", "ana@example.com", "Hi\r\nBcc: all@example.com", "t"));
        assertThrows(IllegalArgumentException.class, () -> Mail.text("k", "ana@example.com>, <b@example.com", "s", "t"));
        assertThrows(IllegalArgumentException.class, () -> Mail.text(" ", "ana@example.com", "s", "t"));
    }

    @Test
    void aMailCarriesItsFilesAfterItsBodyWithTheirNamesTypesAndBytes() throws Exception {
        byte[] pdf = new byte[3000];
        new java.util.Random(3).nextBytes(pdf);
        Mail mail = new Mail("k3", List.of("ana@example.com"), "Files", "See the files.", "<p>See the files.</p>");
        try (SmtpConnection c = SmtpConnection.open(settings)) {
            assertEquals(SmtpConnection.Outcome.SENT, c.send(mail, "<row-3@mosaiccrm>", List.of(new SmtpConnection.Attached("Račun 7.pdf",
                    "application/pdf", pdf), new SmtpConnection.Attached("notes.txt", "text/plain", "ä".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .outcome());
        }
        MimeMessage m = server.getReceivedMessages()[0];
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        assertEquals(3, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"), "the body as it was, first");
        assertEquals("Račun 7.pdf", jakarta.mail.internet.MimeUtility.decodeText(mixed.getBodyPart(1).getFileName()));
        assertEquals(jakarta.mail.Part.ATTACHMENT, mixed.getBodyPart(1).getDisposition());
        assertTrue(java.util.Arrays.equals(pdf, mixed.getBodyPart(1).getInputStream().readAllBytes()));
        assertEquals("notes.txt", mixed.getBodyPart(2).getFileName());
        assertThrows(IllegalArgumentException.class, () -> mail.withFiles(List.of("not an id")));
        assertEquals(List.of(), mail.files());
    }
}
