package org.mosaiccrm.platform.api.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging parameters of a list request: how many items, and the opaque cursor a previous
 * page handed out (null for the first page). Record lists page by keyset
 * ({@code org.mosaiccrm.platform.api.persistence.RecordLists}), which reads the cursor itself;
 * the few short platform lists (users, teams) page by offset through {@link #offset()}.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String OFFSET_PREFIX = "o:";

    /** Parses {@code limit} and {@code cursor} query parameters; answers 400 naming a bad limit. */
    public static PageRequest parse(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw Problems.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(l, cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /** True on the first page (no cursor). */
    public boolean first() {
        return cursor == null;
    }

    /** The offset an offset cursor encodes (0 on the first page); 400 for any other cursor. */
    public int offset() {
        if (cursor == null) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (raw.startsWith(OFFSET_PREFIX)) {
                int offset = Integer.parseInt(raw.substring(OFFSET_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw badCursor();
    }

    /** For offset lists: the cursor of the page after this one, or null when {@code total} says there is none. */
    public String nextCursor(long total) {
        long next = (long) offset() + limit;
        return next < total ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((OFFSET_PREFIX + next).getBytes(StandardCharsets.US_ASCII)) : null;
    }

    /** The refusal of a cursor this server did not issue for this list. */
    public static ProblemException badCursor() {
        return Problems.invalid("cursor", "is not a cursor this server issued for this list and sort");
    }
}
