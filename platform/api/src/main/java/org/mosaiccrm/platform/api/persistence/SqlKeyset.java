package org.mosaiccrm.platform.api.persistence;

import org.mosaiccrm.platform.api.rest.PageRequest;

/**
 * Keyset paging for the few lists read with SQL rather than entities (the audit log): the
 * same cursors as {@link RecordLists} — bound to their sort, carrying the first page's
 * count — for a list that writes its own range condition
 * ({@code key <= ? AND (key < ? OR ID < ?)} descending) and its own capped count.
 */
public final class SqlKeyset {

    /** Where the page starts: after the row with this key value and id; {@code total} as counted on the first page. */
    public record Position(Object value, String lastId, ListTotal total) {
    }

    private SqlKeyset() {
    }

    /** The position the request's cursor names, null on the first page; 400 for a cursor of another list or sort. */
    public static Position after(PageRequest page, Sort sort) {
        if (page.first()) {
            return null;
        }
        KeysetCursor c = KeysetCursor.decode(page.cursor(), sort);
        return new Position(c.value(), c.lastId(), c.counted());
    }

    /** The cursor of the page after the row with this key value and id. */
    public static String next(Sort sort, Object value, String lastId, ListTotal total) {
        return new KeysetCursor(sort.token(), value, lastId, total.total(), total.exact()).encode();
    }
}
