package org.mosaiccrm.platform.api.mail;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One mail to send.
 *
 * @param key     what makes this mail the one it is (say {@code security.password-reset:<request id>}):
 *                queuing a second mail with the same key queues nothing, so a retried job or a
 *                repeated request never sends it twice; at most 200 characters
 * @param to      the recipients' addresses, at least one
 * @param subject one line, at most 200 characters
 * @param text    the plain-text body
 * @param html    an HTML alternative, or null; whoever builds it encodes what it puts in
 * @param messageId the Message-ID it carries ({@code <unique@domain>}), or null for one the outbox makes:
 *                  a module that threads replies (a ticket) chooses and stores it (since 1.3)
 * @param replyTo   where replies go (a ticket queue's address), or null for the sender (since 1.3)
 * @param headers   extra headers, one line each ({@code In-Reply-To}, {@code References},
 *                  {@code Auto-Submitted}), none of those the mail sets itself (since 1.3)
 * @param files     the ids of stored files ({@link org.mosaiccrm.platform.api.files.StoredFiles}) it carries as
 *                  attachments, at most {@value #MAX_FILES}; read when the mail is sent (since 1.4)
 */
public record Mail(String key, List<String> to, String subject, String text, String html, String messageId, String replyTo,
        Map<String, String> headers, List<String> files) {

    /** Attachments one mail carries at most. */
    public static final int MAX_FILES = 10;

    /** Addresses as a mail server takes them in an envelope: no spaces, no angle brackets, one @. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>@,;\"]+@[^\\s<>@,;\"]+\\.[^\\s<>@,;\"]+");

    public Mail {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("A mail needs a key of 1 to 200 characters");
        }
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        if (to.isEmpty() || to.size() > 50) {
            throw new IllegalArgumentException("A mail needs 1 to 50 recipients");
        }
        for (String address : to) {
            if (!isAddress(address)) {
                throw new IllegalArgumentException("Not a mail address: " + address);
            }
        }
        // A line break in a header would let a value add headers of its own (header injection).
        if (subject == null || subject.isBlank() || subject.length() > 200 || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A mail needs a subject of one line, 1 to 200 characters");
        }
        Objects.requireNonNull(text, "text");
        if (messageId != null && !MailMessage.isMessageId(messageId)) {
            throw new IllegalArgumentException("A Message-ID has the form <unique@domain>");
        }
        if (replyTo != null && !isAddress(replyTo)) {
            throw new IllegalArgumentException("Not a mail address: " + replyTo);
        }
        headers = MailMessage.checkHeaders(headers);
        files = List.copyOf(files == null ? List.of() : files);
        if (files.size() > MAX_FILES || !files.stream().allMatch(org.mosaiccrm.platform.api.persistence.RecordIds::isWellFormed)) {
            throw new IllegalArgumentException("A mail carries at most " + MAX_FILES + " stored files, named by their ids");
        }
    }

    /** A mail as in 1.3, without attachments. */
    public Mail(String key, List<String> to, String subject, String text, String html, String messageId, String replyTo,
            Map<String, String> headers) {
        this(key, to, subject, text, html, messageId, replyTo, headers, List.of());
    }

    /** A mail as before 1.3: the outbox makes its Message-ID, replies go to the sender, no extra headers. */
    public Mail(String key, List<String> to, String subject, String text, String html) {
        this(key, to, subject, text, html, null, null, Map.of());
    }

    /**
     * This mail in a conversation: its own Message-ID, where replies go, and headers such as
     * In-Reply-To, References and Auto-Submitted.
     *
     * @since 1.3
     */
    public Mail threaded(String messageId, String replyTo, Map<String, String> headers) {
        return new Mail(key, to, subject, text, html, messageId, replyTo, headers, files);
    }

    /**
     * This mail with stored files as attachments (the files of a ticket's reply, say), sent as
     * they are stored: their names, their served types, their bytes.
     *
     * @since 1.4
     */
    public Mail withFiles(List<String> storedFileIds) {
        return new Mail(key, to, subject, text, html, messageId, replyTo, headers, storedFileIds);
    }

    /** A plain-text mail to one recipient. */
    public static Mail text(String key, String to, String subject, String text) {
        return new Mail(key, List.of(to), subject, text, null);
    }

    /** Whether a string is a single address a mail can be sent to (no display name). */
    public static boolean isAddress(String value) {
        return value != null && value.length() <= 254 && ADDRESS.matcher(value).matches();
    }
}
