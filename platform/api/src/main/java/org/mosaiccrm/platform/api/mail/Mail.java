package org.mosaiccrm.platform.api.mail;

import java.util.List;
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
 */
public record Mail(String key, List<String> to, String subject, String text, String html) {

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
