package org.mosaiccrm.platform.api.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.cayenne.DataObject;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.exp.property.ComparableProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;

/**
 * Pages of a record list by keyset: each page is the next {@code limit} rows after the last
 * one handed out, in the list's total order (sort key, then id), found by a range condition
 * rather than an OFFSET. With an index on (key, ID) a page costs the same at row 20 and at
 * row 900,000. The caller's qualifier — filters and the user's visibility rule — goes into the
 * same query.
 *
 * <p>{@code total} is counted on the first page only, and only up to {@link #TOTAL_CAP}
 * matches: beyond that the page says {@code "totalExact": false} ("at least this many"), since
 * an exact count of a large filtered list costs a scan of the table on every request. The
 * count is kept until the data changes ({@link Persistence#countUpTo}); later pages carry the
 * first page's count in their cursor.
 */
public final class RecordLists {

    /** How many matches a list counts before it stops and reports "at least". */
    public static final int TOTAL_CAP = 50_000;

    private RecordLists() {
    }

    /**
     * One page of the records of {@code type} within the user's reach that match
     * {@code filters}, in the sort's order, each turned into its view. {@code reach} is the
     * user's visibility rule as disjoint parts ({@code AccessControl.visibleRecordParts}; empty
     * for everything): each part is read through its own index range (its team's records in
     * the sort's order, say) and the parts are merged, so that a user of a small team does not
     * wait while the database scans past every other team's records.
     */
    public static <T extends MosaicRecord, V> ListPage<V> page(Persistence persistence, ObjectContext ctx, Class<T> type,
            List<Expression> reach, Expression filters, Sort sort, PageRequest page, Function<T, V> view) {
        return page(persistence, ctx, type, reach, filters, sort, page, view, TOTAL_CAP);
    }

    /** {@link #page} counting up to {@code totalCap} matches rather than {@link #TOTAL_CAP}. */
    public static <T extends MosaicRecord, V> ListPage<V> page(Persistence persistence, ObjectContext ctx, Class<T> type,
            List<Expression> reach, Expression filters, Sort sort, PageRequest page, Function<T, V> view, int totalCap) {
        int skip = page.jumpOffset();
        KeysetCursor after = page.first() || skip >= 0 ? null : KeysetCursor.decode(page.cursor(), sort);
        List<Expression> parts = reach.isEmpty() ? java.util.Collections.singletonList(null) : reach;
        // One more row than the page holds tells whether there is a next page without counting.
        List<T> rows = new ArrayList<>(page.limit() + 1);
        for (Expression part : parts) {
            rows.addAll(skip > 0 ? jump(ctx, type, and(filters, part), sort, parts.size() > 1 ? 0 : skip, page.limit() + 1
                    + (parts.size() > 1 ? skip : 0)) : fetch(ctx, type, and(filters, part), sort, after, page.limit() + 1));
        }
        if (parts.size() > 1) {
            rows.sort(order(sort));
            // A jump through several parts read each part from its start: the rows before the page go here.
            int from = skip > 0 ? Math.min(skip, rows.size()) : 0;
            rows = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + page.limit() + 1)));
        }
        boolean more = rows.size() > page.limit();
        List<T> items = more ? rows.subList(0, page.limit()) : rows;
        // A jump's page is counted as a first page would be, but the rows it skipped are no evidence of the total.
        ListTotal counted = ListTotal.of(after == null ? null : after.counted(), more || skip > 0, items.size(), totalCap, () -> {
            int sum = 0;
            for (Expression part : parts) {
                sum += persistence.countUpTo(ctx, type, and(filters, part), totalCap);
            }
            return sum;
        });
        String next = null;
        if (more) {
            T last = items.get(items.size() - 1);
            next = new KeysetCursor(sort.token(), valueOf(last, sort.key()), last.getId(), counted.total(), counted.exact()).encode();
        }
        return new ListPage<>(items.stream().map(view).toList(), next, counted.total(), counted.exact());
    }

    /**
     * A jump's rows: {@code limit} rows after the first {@code skip} in the sort's order, by
     * OFFSET — the database reads the rows it skips, so a jump costs its depth (at most
     * {@link PageRequest#MAX_JUMP} rows); the pages after it go on by keyset.
     */
    private static <T> List<T> jump(ObjectContext ctx, Class<T> type, Expression where, Sort sort, int skip, int limit) {
        return ObjectSelect.query(type, where).orderBy(sort.orderings()).offset(skip).limit(limit).select(ctx);
    }

    /** Up to {@code limit} rows after the cursor in the sort's order, through each range in turn. */
    private static <T> List<T> fetch(ObjectContext ctx, Class<T> type, Expression where, Sort sort, KeysetCursor after, int limit) {
        List<T> rows = new ArrayList<>(limit);
        for (Expression range : ranges(sort, after)) {
            if (rows.size() >= limit) {
                break;
            }
            rows.addAll(ObjectSelect.query(type, and(where, range)).orderBy(sort.orderings()).limit(limit - rows.size()).select(ctx));
        }
        return rows;
    }

    /**
     * The sort's order in Java, to merge the parts of a reach as the database orders each:
     * NULLs last ascending (first descending), ties by id. Strings compare by UTF-16 unit as on
     * Derby, which is code point order (PostgreSQL's "C" sort-key columns) outside the rare
     * characters beyond the Basic Multilingual Plane.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T extends MosaicRecord> java.util.Comparator<T> order(Sort sort) {
        java.util.Comparator<T> byKey = java.util.Comparator.comparing(r -> (Comparable) valueOf(r, sort.key()),
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        java.util.Comparator<T> total = byKey.thenComparing(MosaicRecord::getId);
        return sort.descending() ? total.reversed() : total;
    }

    /** Every record of the list in the sort's order, for an export that streams them all. */
    public static <T> ObjectSelect<T> select(Class<T> type, Expression where, Sort sort) {
        return ObjectSelect.query(type, where).orderBy(sort.orderings());
    }

    /**
     * The ranges, in order, that together hold every row after the cursor: one for a NOT NULL
     * key; for a nullable key the non-null values and the NULLs are two index ranges (NULLs
     * last ascending, first descending), since one condition spanning both would make the
     * database scan from the start of the index.
     */
    static List<Expression> ranges(Sort sort, KeysetCursor after) {
        if (after == null) {
            return java.util.Collections.singletonList(null);
        }
        @SuppressWarnings("unchecked")
        ComparableProperty<Object> key = (ComparableProperty<Object>) sort.key().property();
        boolean desc = sort.descending();
        String id = after.lastId();
        Expression idAfter = desc ? MosaicRecord.ID.lt(id) : MosaicRecord.ID.gt(id);
        if (sort.key().isId()) {
            return List.of(idAfter);
        }
        Object v = after.value();
        if (v == null) {
            // Within the NULLs, by id; descending, the non-null values follow.
            Expression inNulls = ExpressionFactory.matchExp(key.getName(), null).andExp(idAfter);
            return desc ? List.of(inNulls, ExpressionFactory.noMatchExp(key.getName(), null)) : List.of(inNulls);
        }
        // key >= v AND (key > v OR id > last): the first conjunct is the index range's start.
        Expression rest = desc ? key.lte(v).andExp(key.lt(v).orExp(idAfter)) : key.gte(v).andExp(key.gt(v).orExp(idAfter));
        return sort.key().nullable() && !desc ? List.of(rest, ExpressionFactory.matchExp(key.getName(), null)) : List.of(rest);
    }

    /** The sort key's value of a record (or of a map, in tests). */
    static Object valueOf(Object record, SortKey<?> key) {
        String name = key.property().getName();
        return record instanceof DataObject d ? d.readProperty(name) : ((Map<?, ?>) record).get(name);
    }

    private static Expression and(Expression a, Expression b) {
        return a == null ? b : b == null ? a : a.andExp(b);
    }
}
