package org.mosaiccrm.platform.mail.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A queued mail's extra headers in its outbox row: one {@code Name: value} a line (a header's
 * value is one line, {@link org.mosaiccrm.platform.api.mail.Mail} makes sure), at most 4000 characters.
 */
final class OutboxHeaders {

    static final int MAX = 4000;

    private OutboxHeaders() {
    }

    static String write(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        if (lines.length() > MAX) {
            throw new IllegalArgumentException("A mail's extra headers take at most " + MAX + " characters");
        }
        return lines.toString();
    }

    static Map<String, String> read(String stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
