package org.mosaiccrm.platform.api.mail;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One message to one recipient, sent at once through a {@link MailConnection}: a module that
 * keeps its own state per recipient (a campaign) sends with it rather than through the outbox.
 *
 * @param messageId the Message-ID it carries, {@code <unique@domain>}: the sender stores it to match
 *                  replies and bounces later
 * @param headers   extra headers ({@code List-Unsubscribe}, say), one line each; none of those the
 *                  message sets itself (From, To, Subject, Message-ID, Date, MIME and content headers)
 * @param html      an HTML alternative (multipart/alternative with the text), or null
 * @since 1.2
 */
public record MailMessage(String messageId, String to, String subject, String text, String html, Map<String, String> headers) {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,76}");
    private static final Set<String> RESERVED = Set.of("from", "to", "cc", "bcc", "subject", "message-id", "date", "mime-version",
            "content-type", "content-transfer-encoding", "reply-to", "sender", "return-path");

    public MailMessage {
        if (!isMessageId(messageId)) {
            throw new IllegalArgumentException("A message needs a Message-ID of the form <unique@domain>");
        }
        if (!Mail.isAddress(to)) {
            throw new IllegalArgumentException("Not a mail address: " + to);
        }
        if (!oneLine(subject) || subject.isBlank() || subject.length() > 200) {
            throw new IllegalArgumentException("A message needs a subject of one line, 1 to 200 characters");
        }
        if (text == null) {
            throw new IllegalArgumentException("A message needs a text part");
        }
        headers = checkHeaders(headers);
    }

    /** Whether the value is a Message-ID this platform sends: {@code <unique@domain>}, at most 250 characters. */
    static boolean isMessageId(String value) {
        return value != null && value.length() <= 250 && MESSAGE_ID.matcher(value).matches();
    }

    /** The headers as an unmodifiable map, when each may be added by a module; an exception naming the first that may not. */
    static Map<String, String> checkHeaders(Map<String, String> headers) {
        Map<String, String> copy = Map.copyOf(headers == null ? Map.of() : headers);
        for (Map.Entry<String, String> h : copy.entrySet()) {
            // A line break in a header would let a value add headers of its own (header injection).
            if (!HEADER_NAME.matcher(h.getKey()).matches() || RESERVED.contains(h.getKey().toLowerCase(Locale.ROOT))
                    || !oneLine(h.getValue()) || h.getValue().length() > 1000) {
                throw new IllegalArgumentException("Not a header a message may add: " + h.getKey());
            }
        }
        return copy;
    }

    private static boolean oneLine(String value) {
        return value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0;
    }
}
