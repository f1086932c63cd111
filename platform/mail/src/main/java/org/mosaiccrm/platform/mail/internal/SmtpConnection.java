package org.mosaiccrm.platform.mail.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.MailMessage;

/**
 * One connection to the SMTP server, through Jakarta Mail (Eclipse Angus). It tells apart what
 * the server refused (nothing sent: try again later, or give up on a permanent refusal) from a
 * failure while the message was being handed over, after which nobody knows whether it went:
 * the outbox never sends such a mail again.
 */
final class SmtpConnection implements AutoCloseable {

    /** What became of one mail. */
    enum Outcome {
        SENT, RETRY, REFUSED, UNKNOWN
    }

    record Result(Outcome outcome, String reply) {
    }

    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int IO_TIMEOUT_MS = 60_000;

    private final SmtpSettings settings;
    private final Session session;
    private final Transport transport;
    private final String replyTo;

    private SmtpConnection(SmtpSettings settings, Session session, Transport transport, String replyTo) {
        this.settings = settings;
        this.session = session;
        this.transport = transport;
        this.replyTo = replyTo;
    }

    /** Connects and signs in; a failure here sent nothing. */
    static SmtpConnection open(SmtpSettings settings) throws MessagingException {
        return open(settings, null);
    }

    /** {@link #open(SmtpSettings)} for messages whose replies go to {@code replyTo} (null: to the sender). */
    static SmtpConnection open(SmtpSettings settings, String replyTo) throws MessagingException {
        return withMailClassLoader(() -> {
            Session session = Session.getInstance(properties(settings));
            Transport transport = session.getTransport(SmtpSettings.TLS.equals(settings.security()) ? "smtps" : "smtp");
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            return new SmtpConnection(settings, session, transport, replyTo);
        });
    }

    boolean connected() {
        return transport.isConnected();
    }

    /** The server's last answer, as it said it (for the settings page's test). */
    String lastReply() {
        return transport instanceof SMTPTransport smtp && smtp.getLastServerResponse() != null
                ? smtp.getLastServerResponse().trim() : "";
    }

    /** A file a mail carries: its name, its type and its bytes. */
    record Attached(String name, String contentType, byte[] content) {
    }

    /** Sends one mail; {@code messageId} is the Message-ID it carries (stable per outbox row). */
    Result send(Mail mail, String messageId) {
        return send(mail, messageId, List.of());
    }

    /** Sends one mail with its files as attachments (multipart/mixed: the body first, then each file). */
    Result send(Mail mail, String messageId, List<Attached> files) {
        MimeMessage message;
        try {
            message = message(mail.to(), mail.subject(), mail.text(), mail.html(), messageId, mail.headers());
            if (!files.isEmpty()) {
                attach(message, files);
            }
            if (mail.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(mail.replyTo(), true)});
                withMailClassLoader(() -> {
                    message.saveChanges();
                    return null;
                });
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new Result(Outcome.REFUSED, "The mail could not be written: " + e.getMessage());
        }
        return deliver(message);
    }

    /** Sends one message of a module that keeps each recipient's state itself (its Message-ID and headers its own). */
    Result send(MailMessage m) {
        MimeMessage message;
        try {
            message = message(List.of(m.to()), m.subject(), m.text(), m.html(), m.messageId(), m.headers());
        } catch (MessagingException | UnsupportedEncodingException e) {
            return new Result(Outcome.REFUSED, "The message could not be written: " + e.getMessage());
        }
        return deliver(message);
    }

    /** The message's body becomes the first part of a multipart/mixed, each file a part of its own after it. */
    private static void attach(MimeMessage message, List<Attached> files) throws MessagingException {
        MimeBodyPart body = new MimeBodyPart();
        Object content = withMailClassLoader(message::getContent);
        if (content instanceof MimeMultipart alternative) {
            body.setContent(alternative);
        } else {
            body.setText((String) content, StandardCharsets.UTF_8.name());
        }
        MimeMultipart mixed = new MimeMultipart("mixed", body);
        for (Attached f : files) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(f.content(), f.contentType())));
            part.setFileName(f.name());
            part.setDisposition(jakarta.mail.Part.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        message.setContent(mixed);
        withMailClassLoader(() -> {
            message.saveChanges();
            return null;
        });
    }

    private Result deliver(MimeMessage message) {
        try {
            withMailClassLoader(() -> {
                transport.sendMessage(message, message.getAllRecipients());
                return null;
            });
            return new Result(Outcome.SENT, lastReply());
        } catch (SMTPSendFailedException e) {
            // The server answered with a refusal (to the sender, a recipient or the data).
            return refusal(e, e.getReturnCode(), e.getMessage());
        } catch (SendFailedException e) {
            return refusal(e, 0, e.getMessage());
        } catch (MessagingException e) {
            // The connection failed while the message was on its way: it may have arrived.
            return new Result(Outcome.UNKNOWN, String.valueOf(e.getMessage()));
        }
    }

    private static Result refusal(SendFailedException e, int code, String text) {
        Address[] sent = e.getValidSentAddresses();
        if (sent != null && sent.length > 0) {
            // Some recipients have it: sending again would give them a second copy.
            return new Result(Outcome.SENT, "Sent to " + sent.length + " of the recipients; refused: " + text);
        }
        return new Result(code >= 400 && code < 500 ? Outcome.RETRY : Outcome.REFUSED, text);
    }

    private MimeMessage message(List<String> to, String subject, String text, String html, String messageId, Map<String, String> headers)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(settings.fromName() == null ? new InternetAddress(settings.fromAddress())
                : new InternetAddress(settings.fromAddress(), settings.fromName(), StandardCharsets.UTF_8.name()));
        InternetAddress[] recipients = new InternetAddress[to.size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(to.get(i), true);
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        if (replyTo != null) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(replyTo, true)});
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new java.util.Date());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            message.setHeader(h.getKey(), MimeUtility.fold(h.getKey().length() + 2, h.getValue()));
        }
        if (html == null) {
            message.setText(text, StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setText(html, StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        }
        withMailClassLoader(() -> {
            message.saveChanges();
            return null;
        });
        return message;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            // Closing a connection the server already dropped: nothing left to do.
        }
    }

    private static Properties properties(SmtpSettings settings) {
        String protocol = SmtpSettings.TLS.equals(settings.security()) ? "smtps" : "smtp";
        Properties props = connection(protocol, settings.host(), settings.port(), settings.security());
        props.put("mail." + protocol + ".auth", String.valueOf(settings.username() != null));
        props.put("mail." + protocol + ".from", settings.fromAddress());
        return props;
    }

    /** What every connection of the protocol ({@code smtp}, {@code imaps}…) sets: the server, timeouts, and TLS as asked. */
    static Properties connection(String protocol, String host, int port, String security) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", String.valueOf(port));
        props.put(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        props.put(p + "timeout", String.valueOf(IO_TIMEOUT_MS));
        props.put(p + "writetimeout", String.valueOf(IO_TIMEOUT_MS));
        if (SmtpSettings.STARTTLS.equals(security)) {
            // Required, not merely enabled: a server that does not offer it must not get the password in clear.
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (!SmtpSettings.NONE.equals(security)) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /**
     * Jakarta Mail looks up its providers and MIME handlers through the thread's context class
     * loader; in OSGi that must be this bundle's, which holds the embedded jars.
     */
    static <T> T withMailClassLoader(Callable<T> work) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpConnection.class.getClassLoader());
        try {
            return work.call();
        } catch (MessagingException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MessagingException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
