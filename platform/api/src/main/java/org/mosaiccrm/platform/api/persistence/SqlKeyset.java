package org.mosaiccrm.platform.api.persistence;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;

/**
 * Keyset paging for the few lists read with SQL rather than entities (the audit log,
 * notifications): the same cursors as {@link RecordLists} — bound to their sort, carrying the
 * first page's count — and, for the common case of a log read newest first,
 * {@link #newestFirst} doing the whole page.
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

    /** The one sort of a log read newest first by a TIMESTAMP property (its cursors name it). */
    public static Sort newestFirstBy(String property) {
        return Sorts.of("-" + property, SortKey.of(property, PropertyFactory.createDate(property, LocalDateTime.class))).parse(null);
    }

    /**
     * One page of a table newest first by a TIMESTAMP column, then by ID: the range after the
     * cursor's row ({@code key <= ? AND (key < ? OR ID < ?)}, an index range on (key, ID)), one
     * row more than the limit to know whether there is a next page, and the total by
     * {@link ListTotal}'s rule, counted up to {@link RecordLists#TOTAL_CAP} on the first page only.
     *
     * @param sort    from {@link #newestFirstBy} for the column's property name
     * @param columns the selected columns; ID and {@code timeColumn} among them
     * @param where   the filters as a condition ({@code "USER_ID = ?"}, or {@code "1 = 1"}), with {@code filters} its parameters
     */
    public static <T> ListPage<T> newestFirst(ObjectContext ctx, PageRequest page, Sort sort, String table, String timeColumn,
            String columns, String where, List<Object> filters, Function<DataRow, T> item) {
        Position after = after(page, sort);
        StringBuilder range = new StringBuilder(" WHERE ").append(where);
        List<Object> params = new ArrayList<>(filters);
        if (after != null) {
            range.append(" AND ").append(timeColumn).append(" <= ? AND (").append(timeColumn).append(" < ? OR ID < ?)");
            Timestamp at = Sql.ts((LocalDateTime) after.value());
            params.addAll(List.of(at, at, after.lastId()));
        }
        List<DataRow> rows = Sql.rows(ctx, "SELECT " + columns + " FROM " + table + range + " ORDER BY " + timeColumn + " DESC, ID DESC"
                + " FETCH FIRST " + (page.limit() + 1) + " ROWS ONLY", params.toArray());
        boolean more = rows.size() > page.limit();
        int shown = Math.min(rows.size(), page.limit());
        ListTotal counted = ListTotal.of(after == null ? null : after.total(), more, shown, RecordLists.TOTAL_CAP,
                () -> (int) Sql.count(ctx, "SELECT COUNT(*) FROM (SELECT ID FROM " + table + " WHERE " + where
                        + " FETCH FIRST " + (RecordLists.TOTAL_CAP + 1) + " ROWS ONLY) C", filters.toArray()));
        List<T> items = rows.subList(0, shown).stream().map(item).toList();
        DataRow last = more ? rows.get(page.limit() - 1) : null;
        String next = last == null ? null
                : next(sort, Sql.time(last.get(timeColumn.toUpperCase(Locale.ROOT))), Sql.str(last, "ID"), counted);
        return new ListPage<>(items, next, counted.total(), counted.exact());
    }
}
