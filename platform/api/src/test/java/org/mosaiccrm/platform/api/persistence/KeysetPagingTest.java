package org.mosaiccrm.platform.api.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;

/**
 * Keyset paging through the conditions {@link RecordLists} puts in its queries, evaluated in
 * memory: every sort, forwards through ties and NULLs, must hand out each row exactly once
 * and in the order the databases sort (NULLs last ascending, first descending; ties by id).
 */
class KeysetPagingTest {

    private static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    private static final DateProperty<LocalDateTime> AT = PropertyFactory.createDate("at", LocalDateTime.class);
    private static final Sorts SORTS = Sorts.of("-createdAt", SortKey.nullable("name", NAME), SortKey.of("at", AT),
            SortKey.of("createdAt", MosaicRecord.ID));

    /** Rows with many ties (six names), NULL names, equal timestamps, and ids in creation order. */
    private static List<Map<String, Object>> rows(int n) {
        Random random = new Random(7);
        String[] names = {"ana", "Ana", "bojan", "čeh", "ivanov", "zala"};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", RecordIds.newId());
            row.put("name", random.nextInt(5) == 0 ? null : names[random.nextInt(names.length)]);
            row.put("at", LocalDateTime.of(2026, 1, 1, 0, 0).plusMinutes(random.nextInt(10)));
            rows.add(row);
        }
        return rows;
    }

    /** The order the databases give: the key (NULLs high, as Derby and PostgreSQL sort them), then the id. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Map<String, Object>> expected(Sort sort) {
        String name = sort.key().property().getName();
        Comparator<Map<String, Object>> byKey = Comparator.comparing(r -> (Comparable) r.get(name),
                Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Map<String, Object>> total = byKey.thenComparing(r -> (String) r.get("id"));
        return sort.descending() ? total.reversed() : total;
    }

    /** What RecordLists.page does, with the database replaced by filtering and sorting in memory. */
    private static List<List<Map<String, Object>>> pageThrough(List<Map<String, Object>> all, Sort sort, int limit) {
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        KeysetCursor after = null;
        while (true) {
            List<Map<String, Object>> fetched = new ArrayList<>();
            for (Expression range : RecordLists.ranges(sort, after)) {
                int wanted = limit + 1 - fetched.size();
                if (wanted <= 0) {
                    break;
                }
                all.stream().filter(r -> range == null || range.match(r)).sorted(expected(sort)).limit(wanted).forEach(fetched::add);
            }
            boolean more = fetched.size() > limit;
            List<Map<String, Object>> page = more ? fetched.subList(0, limit) : fetched;
            pages.add(page);
            if (!more) {
                return pages;
            }
            Map<String, Object> last = page.get(page.size() - 1);
            String token = new KeysetCursor(sort.token(), RecordLists.valueOf(last, sort.key()), (String) last.get("id"), 42, false).encode();
            after = KeysetCursor.decode(token, sort);
            assertEquals(42, after.total());
        }
    }

    @Test
    void everySortHandsOutEveryRowOnceInOrder() {
        List<Map<String, Object>> all = rows(157);
        for (String token : SORTS.choices()) {
            Sort sort = SORTS.parse(token);
            for (int limit : new int[] {1, 3, 20, 156, 157, 500}) {
                List<Map<String, Object>> seen = new ArrayList<>();
                pageThrough(all, sort, limit).forEach(seen::addAll);
                List<Map<String, Object>> want = all.stream().sorted(expected(sort)).toList();
                assertEquals(ids(want), ids(seen), token + " by " + limit);
            }
        }
    }

    @Test
    void aPageBoundaryInsideTiesAndAtTheNullsLosesNothing() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : new String[] {"b", "a", null, "a", "a", null, "b", null}) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", RecordIds.newId());
            row.put("name", name);
            all.add(row);
        }
        for (String token : List.of("name", "-name")) {
            Sort sort = SORTS.parse(token);
            List<List<Map<String, Object>>> pages = pageThrough(all, sort, 2);
            assertEquals(4, pages.size(), token);
            List<Object> names = pages.stream().flatMap(List::stream).map(r -> r.get("name")).toList();
            List<Object> want = "name".equals(token) ? java.util.Arrays.asList("a", "a", "a", "b", "b", null, null, null)
                    : java.util.Arrays.asList(null, null, null, "b", "b", "a", "a", "a");
            assertEquals(want, names, token);
        }
    }

    @Test
    void sortParsingNamesTheChoices() {
        assertEquals("-createdAt", SORTS.parse(null).token());
        assertEquals("-createdAt", SORTS.parse("  ").token());
        assertEquals("name", SORTS.parse("name").token());
        assertTrue(SORTS.parse("-at").descending());
        ProblemException e = assertThrows(ProblemException.class, () -> SORTS.parse("salary"));
        assertEquals(400, e.status());
        assertEquals("sort", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("-createdAt"), e.errors().get(0).message());
        assertThrows(IllegalArgumentException.class, () -> Sorts.of("name", SortKey.of("name", NAME), SortKey.of("name", NAME)));
    }

    @Test
    void aCursorServesOnlyItsOwnSort() {
        Sort byName = SORTS.parse("name");
        String token = new KeysetCursor("name", "ana", RecordIds.newId(), 5, true).encode();
        assertEquals("ana", KeysetCursor.decode(token, byName).value());
        assertThrows(ProblemException.class, () -> KeysetCursor.decode(token, SORTS.parse("-name")));
        assertThrows(ProblemException.class, () -> KeysetCursor.decode(token, SORTS.parse("at")));
        // A value of another type than the key's, junk, a truncated cursor and an offset cursor are all refused.
        String wrongType = new KeysetCursor("at", "ana", RecordIds.newId(), 5, true).encode();
        assertThrows(ProblemException.class, () -> KeysetCursor.decode(wrongType, SORTS.parse("at")));
        String nullForNotNull = new KeysetCursor("at", null, RecordIds.newId(), 5, true).encode();
        assertThrows(ProblemException.class, () -> KeysetCursor.decode(nullForNotNull, SORTS.parse("at")));
        assertThrows(ProblemException.class, () -> KeysetCursor.decode("not a cursor!", byName));
        assertThrows(ProblemException.class, () -> KeysetCursor.decode(token.substring(0, token.length() - 4), byName));
        assertThrows(ProblemException.class, () -> KeysetCursor.decode("bzoyMA", byName));
        LocalDateTime at = LocalDateTime.of(2026, 12, 3, 23, 59, 1, 123_000_000);
        assertEquals(at, KeysetCursor.decode(new KeysetCursor("-at", at, RecordIds.newId(), 0, true).encode(), SORTS.parse("-at")).value());
        assertNull(KeysetCursor.decode(new KeysetCursor("name", null, RecordIds.newId(), 0, true).encode(), byName).value());
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }
}
