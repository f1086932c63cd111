package org.mosaiccrm.platform.api.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The paging parameters of a list request: how many items, and the opaque cursor a previous
 * page handed out (null for the first page). Record lists page by keyset
 * ({@code org.mosaiccrm.platform.api.persistence.RecordLists}), which reads the cursor itself;
 * the few short platform lists (users, teams) page by offset through {@link #offset()}.
 *
 * <p>A jump to page N ({@code ?page=N}, {@link #parse(Integer, String, Integer)}) is a cursor
 * too: it names the rows to skip. A record list reads such a page with an OFFSET, whose cost
 * grows with it (the rows skipped are read), so a jump goes at most {@link #MAX_JUMP} rows
 * deep; the page it answers carries an ordinary keyset cursor on from there.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The deepest row a jump may skip to (the lists' count cap): beyond it, narrow the list or sort it the other way. */
    public static final int MAX_JUMP = 50_000;

    private static final String OFFSET_PREFIX = "o:";
    private static final String JUMP_PREFIX = "j:";

    /** Parses {@code limit} and {@code cursor} query parameters; answers 400 naming a bad limit. */
    public static PageRequest parse(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw Problems.invalid("limit", "notInRange", "must be between 1 and " + MAX_LIMIT, "min", 1, "max", MAX_LIMIT);
        }
        return new PageRequest(l, cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /**
     * As {@link #parse(Integer, String)}, with {@code page} (1-based) a jump there instead of a
     * cursor: page 1 is the first page; both a page and a cursor, or a jump deeper than
     * {@link #MAX_JUMP} rows, answer 400.
     */
    public static PageRequest parse(Integer limit, String cursor, Integer page) {
        PageRequest request = parse(limit, cursor);
        if (page == null || page == 1) {
            return request;
        }
        if (request.cursor != null) {
            throw Problems.invalid("page", "cannot be given with a cursor");
        }
        long skip = (long) (page - 1) * request.limit;
        if (page < 1 || skip > MAX_JUMP) {
            throw Problems.invalid("page", "must be between 1 and " + Math.max(1, MAX_JUMP / request.limit + 1)
                    + " at this page size; to go further, narrow the list or sort it the other way");
        }
        return new PageRequest(request.limit, encode(JUMP_PREFIX + skip));
    }

    /** The rows a jump skips; -1 when this is no jump (a first page or a keyset cursor). */
    public int jumpOffset() {
        String raw = cursor == null ? null : decode(cursor);
        if (raw == null || !raw.startsWith(JUMP_PREFIX)) {
            return -1;
        }
        try {
            int skip = Integer.parseInt(raw.substring(JUMP_PREFIX.length()));
            if (skip >= 0 && skip <= MAX_JUMP) {
                return skip;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw badCursor();
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** True on the first page (no cursor). */
    public boolean first() {
        return cursor == null;
    }

    /** The offset an offset cursor (or a jump) encodes (0 on the first page); 400 for any other cursor. */
    public int offset() {
        if (cursor == null) {
            return 0;
        }
        int jump = jumpOffset();
        if (jump >= 0) {
            return jump;
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
        return next < total ? encode(OFFSET_PREFIX + next) : null;
    }

    /** The refusal of a cursor this server did not issue for this list. */
    public static ProblemException badCursor() {
        return Problems.invalid("cursor", "badCursor", "is not a cursor this server issued for this list and sort");
    }
}
