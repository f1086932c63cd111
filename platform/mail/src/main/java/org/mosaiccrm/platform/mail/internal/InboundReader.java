package org.mosaiccrm.platform.mail.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.mosaiccrm.platform.api.mail.DeliveryReport;
import org.mosaiccrm.platform.api.mail.InboundAttachment;
import org.mosaiccrm.platform.api.mail.InboundMessage;

/**
 * Turns a message read by Jakarta Mail into an {@link InboundMessage}: threading headers, the
 * sender and envelope sender, the text (text/plain preferred, else HTML turned to text by jsoup),
 * the attachments up to a size limit, whether a program sent it, and the delivery status report
 * it is. The report's fields are read with Jakarta Mail's own header parser, block by block as
 * RFC 3464 lays them out (a per-message block, then one per recipient).
 */
final class InboundReader {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,240}>");
    private static final Pattern PRECEDENCE = Pattern.compile("(?i)\\s*(bulk|list|auto_reply|junk)\\s*");
    /** Text kept of a body; what is longer is cut (a module stores it, it is not an archive). */
    static final int MAX_TEXT = 100_000;
    private static final int MAX_PARTS = 100;

    private final long maxAttachmentBytes;
    private String plain;
    private String html;
    private final List<InboundAttachment> attachments = new ArrayList<>();
    private DeliveryReport report;
    private int parts;

    private InboundReader(long maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    static InboundMessage read(MimeMessage m, long maxAttachmentBytes) throws MessagingException, IOException {
        InboundReader reader = new InboundReader(maxAttachmentBytes);
        reader.walk(m, 0);
        InternetAddress from = firstAddress(m);
        String returnPath = returnPath(m.getHeader("Return-Path", null));
        String text = reader.plain != null ? reader.plain : reader.html != null ? htmlToText(reader.html) : "";
        return new InboundMessage(firstId(m.getHeader("Message-ID", null)), ids(m.getHeader("In-Reply-To", " ")),
                ids(m.getHeader("References", " ")), from == null ? null : from.getAddress(), from == null ? null : from.getPersonal(),
                returnPath, subject(m), cut(text.strip(), MAX_TEXT), reader.attachments, automatic(m, returnPath, reader.report),
                reader.report);
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (++parts > MAX_PARTS || depth > 10) {
            return;
        }
        String type = baseType(part);
        String disposition = part.getDisposition();
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multi) {
            boolean reportPart = part.isMimeType("multipart/report");
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart child = multi.getBodyPart(i);
                if (reportPart && i > 0) {
                    readReportPart(child);
                } else {
                    walk(child, depth + 1);
                }
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null) {
            attach(part, type);
        } else if ("text/plain".equals(type) && plain == null) {
            plain = text(part);
        } else if ("text/html".equals(type) && html == null) {
            html = text(part);
        } else if (!type.startsWith("text/") && !type.startsWith("multipart/")) {
            attach(part, type);
        }
    }

    /** The parts of a multipart/report after the human-readable first: the status fields, then the returned message or its headers. */
    private void readReportPart(BodyPart part) throws MessagingException, IOException {
        if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
            DeliveryReport parsed = deliveryStatus(part.getInputStream());
            report = new DeliveryReport(report == null ? null : report.originalMessageId(), parsed.recipients());
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822-headers")) {
            InternetHeaders returned = new InternetHeaders(part.getInputStream());
            String original = firstId(returned.getHeader("Message-ID", null));
            report = new DeliveryReport(original, report == null ? List.of() : report.recipients());
        }
    }

    /** The per-message block, then a block per recipient; each a set of header-like fields. */
    static DeliveryReport deliveryStatus(InputStream in) throws MessagingException {
        new InternetHeaders(in); // the per-message fields (Reporting-MTA, Arrival-Date): nothing needed from them
        List<DeliveryReport.Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            InternetHeaders r = new InternetHeaders(in);
            String recipient = typed(r.getHeader("Final-Recipient", null));
            if (recipient == null) {
                recipient = typed(r.getHeader("Original-Recipient", null));
            }
            if (recipient == null) {
                break;
            }
            String action = r.getHeader("Action", null);
            String status = r.getHeader("Status", null);
            recipients.add(new DeliveryReport.Recipient(recipient.toLowerCase(Locale.ROOT),
                    action == null ? "failed" : action.strip().toLowerCase(Locale.ROOT), status == null ? null : status.strip().split("\\s+")[0],
                    unfold(typed(r.getHeader("Diagnostic-Code", null)))));
        }
        return new DeliveryReport(null, recipients);
    }

    private void attach(Part part, String type) throws MessagingException, IOException {
        String name = part.getFileName();
        if (name != null) {
            try {
                name = MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException e) {
                // Keep the name as written.
            }
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        }
        if (name == null || name.isEmpty()) {
            name = "attachment";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                size += n;
                if (size <= maxAttachmentBytes) {
                    bytes.write(buffer, 0, n);
                }
            }
        }
        attachments.add(new InboundAttachment(cut(name, 255), type, size, size <= maxAttachmentBytes ? bytes.toByteArray() : null));
    }

    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The HTML's text: no script, style or markup; line breaks kept where blocks end (jsoup writes a br as one itself). */
    static String htmlToText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title").remove();
        for (Element block : doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote")) {
            block.before(new TextNode("\n"));
        }
        String text = doc.body() == null ? "" : doc.body().wholeText();
        return text.replaceAll("[ \\t\\x0B\\f\\r\\u00A0]+", " ").replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static InboundMessage.Automatic automatic(MimeMessage m, String returnPath, DeliveryReport report) throws MessagingException {
        String autoSubmitted = m.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !"no".equalsIgnoreCase(autoSubmitted.split(";")[0].strip())) {
            return InboundMessage.Automatic.AUTO_SUBMITTED;
        }
        if (report != null || m.isMimeType("multipart/report")) {
            return InboundMessage.Automatic.DELIVERY_REPORT;
        }
        String precedence = m.getHeader("Precedence", null);
        if (precedence != null && PRECEDENCE.matcher(precedence).matches()) {
            return InboundMessage.Automatic.PRECEDENCE;
        }
        if (returnPath != null && returnPath.isEmpty()) {
            return InboundMessage.Automatic.NULL_RETURN_PATH;
        }
        return null;
    }

    /** The envelope sender without brackets; empty for the null sender {@code <>}; null when absent. */
    static String returnPath(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static InternetAddress firstAddress(MimeMessage m) {
        try {
            Address[] from = m.getFrom();
            return from != null && from.length > 0 && from[0] instanceof InternetAddress a && a.getAddress() != null ? a : null;
        } catch (MessagingException e) {
            return null; // An unreadable From: the message is handled without a sender.
        }
    }

    private static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null ? "" : cut(s.replaceAll("[\\r\\n\\t]+", " ").strip(), 500);
        } catch (MessagingException e) {
            return "";
        }
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find() && ids.size() < 100) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    private static String firstId(String header) {
        List<String> ids = ids(header);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** {@code rfc822; ana@example.com} → {@code ana@example.com}. */
    private static String typed(String field) {
        if (field == null) {
            return null;
        }
        int semi = field.indexOf(';');
        String value = (semi >= 0 ? field.substring(semi + 1) : field).strip();
        return value.isEmpty() ? null : value;
    }

    private static String unfold(String value) {
        return value == null ? null : cut(value.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip(), 500);
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException | NullPointerException e) {
            return "application/octet-stream";
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
