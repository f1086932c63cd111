package org.mosaiccrm.platform.api.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging parameters of a list request. The cursor is opaque to clients; it encodes the
 * offset of the next page so that it can be validated rather than trusted.
 */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Parses {@code limit} and {@code cursor} query parameters; answers 400 naming the bad one. */
    public static PageRequest parse(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw Problems.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, decode(cursor));
    }

    /** The cursor of the page after this one, or null when {@code total} says there is none. */
    public String nextCursor(long total) {
        long next = (long) offset + limit;
        return next < total ? encode(next) : null;
    }

    private static String encode(long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith("o:")) {
                int offset = Integer.parseInt(raw.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw Problems.invalid("cursor", "is not a cursor this server issued");
    }
}
