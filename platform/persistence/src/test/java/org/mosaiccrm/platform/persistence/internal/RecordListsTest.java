package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosaiccrm.platform.api.persistence.CollationKeys;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;

/**
 * Keyset pages on a real database — in-memory Derby and, in CI, PostgreSQL — against one
 * expected order computed in Java: sort key by code point with NULLs last ascending, then id.
 * Both databases must hand out every row once, in that same order, across page boundaries
 * that fall inside ties and between values and NULLs, with a filter and a visibility-like
 * condition in the same query, and with Derby's index override in play.
 */
class RecordListsTest {

    private static final Sorts SORTS = Sorts.of("-createdAt", SortKey.nullable("topic", Item.TOPIC),
            SortKey.of("updatedAt", MosaicRecord.UPDATED_AT), SortKey.of("createdAt", MosaicRecord.ID));

    /** The count cap of the large-list test: the lists' own is larger than a test wants to insert. */
    private static final int CAP = 1_000;

    static Stream<DatabaseSettings> databases() {
        return TestDatabases.all().stream();
    }

    private static DataContribution items() {
        // Byte order on PostgreSQL whatever the database's locale (sortKeyType): the same order as Derby's.
        Migration table = Migration.of(1, "item table and its sort indexes", context -> {
            context.execute("CREATE TABLE TEST_ITEM (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL,"
                    + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36), TEAM_ID VARCHAR(36),"
                    + " TOPIC " + context.sortKeyType(50) + ", GROUP_ID VARCHAR(36) NOT NULL)",
                    "CREATE INDEX TEST_ITEM_GROUP ON TEST_ITEM (GROUP_ID)");
            context.createSortIndex("TEST_ITEM_ID", "TEST_ITEM", "ID");
            context.createSortIndex("TEST_ITEM_TOPIC", "TEST_ITEM", "TOPIC");
            context.createSortIndex("TEST_ITEM_UPDATED", "TEST_ITEM", "UPDATED_AT");
            context.createReachIndex("TEST_ITEM_REACH", "TEST_ITEM");
        });
        return new DataContribution() {
            @Override
            public String moduleId() {
                return "items";
            }

            @Override
            public String cayenneProject() {
                return "org/mosaiccrm/platform/persistence/internal/cayenne-items.xml";
            }

            @Override
            public List<Migration> migrations() {
                return List.of(table);
            }
        };
    }

    private static PersistenceEngine open(DatabaseSettings settings) throws SQLException {
        PersistenceEngine engine = new PersistenceEngine(settings, events -> { }, () -> "user-1");
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("DROP TABLE TEST_ITEM");
            } catch (SQLException absent) {
                // first run on this database
            }
        }
        engine.migrator().currentVersion("items");
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM MOSAIC_SCHEMA_VERSION WHERE MODULE_ID = 'items'");
        }
        engine.add(new Contribution(items(), RecordListsTest.class.getClassLoader()));
        return engine;
    }

    /** 230 items: six topics in several scripts and cases (many ties), a fifth without one, two teams, two groups. */
    private static void fill(PersistenceEngine engine) {
        String[] topics = {"ana", "Ana", "bojan", "čeh", "иванов", "zala"};
        Random random = new Random(11);
        engine.write(ctx -> {
            for (int i = 0; i < 230; i++) {
                Item item = ctx.newObject(Item.class);
                item.setTopic(random.nextInt(5) == 0 ? null : topics[random.nextInt(topics.length)]);
                item.setTeamId(random.nextBoolean() ? "team-a" : "team-b");
                item.setOwnerId(random.nextInt(10) == 0 ? "user-1" : "user-2");
                item.setGroupId(random.nextInt(4) == 0 ? "g1" : "g2");
            }
            return null;
        });
    }

    private static Comparator<Item> expected(Sort sort) {
        Comparator<Item> byTopic = Comparator.comparing(Item::getTopic, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Item> order = "createdAt".equals(sort.key().name()) ? Comparator.comparing(Item::getId)
                : "updatedAt".equals(sort.key().name()) ? Comparator.comparing(Item::getUpdatedAt).thenComparing(Item::getId)
                : byTopic.thenComparing(Item::getId);
        return sort.descending() ? order.reversed() : order;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesHandOutEveryRowOnceInTheSameOrderOnEveryDatabase(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            fill(engine);
            // Everything; the reach of a user of team-a (its records, and user-1's of other teams) as the
            // access rule gives it in disjoint parts; the same with a filter on an indexed column.
            List<Expression> reach = List.of(MosaicRecord.TEAM_ID.eq("team-a"),
                    MosaicRecord.OWNER_ID.eq("user-1").andExp(MosaicRecord.TEAM_ID.ne("team-a")));
            Expression visible = MosaicRecord.TEAM_ID.eq("team-a").orExp(MosaicRecord.OWNER_ID.eq("user-1"));
            for (int variant = 0; variant < 3; variant++) {
                List<Expression> parts = variant == 0 ? List.of() : reach;
                Expression filters = variant == 2 ? Item.GROUP_ID.eq("g1") : null;
                Expression where = variant == 0 ? null : variant == 1 ? visible : filters.andExp(visible);
                List<Item> all = engine.read(ctx -> ObjectSelect.query(Item.class, where).select(ctx));
                for (String token : SORTS.choices()) {
                    Sort sort = SORTS.parse(token);
                    List<String> want = all.stream().sorted(expected(sort)).map(Item::getId).toList();
                    for (int limit : new int[] {7, 50, 500}) {
                        List<String> seen = new ArrayList<>();
                        String cursor = null;
                        int pages = 0;
                        do {
                            PageRequest page = PageRequest.parse(limit, cursor);
                            ListPage<String> p = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, parts, filters, sort, page, Item::getId));
                            seen.addAll(p.items());
                            assertEquals(all.size(), p.total(), "the total is exact below the cap");
                            assertTrue(p.totalExact());
                            cursor = p.next();
                            pages++;
                        } while (cursor != null && pages <= all.size());
                        assertEquals(want, seen, db.kind() + " " + token + " by " + limit + " where " + where);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLargeListCountsUpToTheCapAndSaysSo(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            for (int batch = 0; batch < 2; batch++) {
                engine.write(ctx -> {
                    for (int i = 0; i < CAP / 2 + 3; i++) {
                        Item item = ctx.newObject(Item.class);
                        item.setGroupId("g");
                    }
                    return null;
                });
            }
            Sort sort = SORTS.parse(null);
            ListPage<String> first = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), null, sort, PageRequest.parse(10, null), Item::getId, CAP));
            assertEquals(CAP, first.total());
            assertFalse(first.totalExact());
            ListPage<String> second = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), null, sort,
                    PageRequest.parse(10, first.next()), Item::getId, CAP));
            assertEquals(CAP, second.total(), "later pages carry the first page's count");
            assertFalse(second.totalExact());
            // A count is kept until something changes: a record added or changed is counted at once.
            Expression kept = Item.TOPIC.eq("kept");
            for (int expected = 2; expected <= 3; expected++) {
                while (engine.read(ctx -> ObjectSelect.query(Item.class, kept).selectCount(ctx)) < expected) {
                    engine.write(ctx -> {
                        Item item = ctx.newObject(Item.class);
                        item.setGroupId("g");
                        item.setTopic("kept");
                        return null;
                    });
                }
                assertEquals(expected, engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), kept, sort, PageRequest.parse(1, null),
                        Item::getId, CAP)).total());
            }
            engine.write(ctx -> {
                ObjectSelect.query(Item.class, kept).select(ctx).get(0).setTopic("changed");
                return null;
            });
            assertEquals(2, engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), kept, sort, PageRequest.parse(1, null),
                    Item::getId, CAP)).total());
            ListPage<String> last = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), null, sort,
                    PageRequest.parse(500, null), Item::getId, CAP));
            assertEquals(500, last.items().size());
            ListPage<String> none = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, List.of(), Item.GROUP_ID.eq("nothing"), sort,
                    PageRequest.parse(10, null), Item::getId, CAP));
            assertEquals(0, none.total());
            assertNull(none.next());
        }
    }
    /**
     * Names keyed as contacts keys them (CollationKeys: last name, then first name, in the
     * company's language, here Slovenian): both databases hand the rows out in the language's
     * order — Č after C, equal last names by first name, then by id — across page boundaries
     * inside the ties, and a jump to page N gives the page that walking there gives.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void collationKeysSortInTheLanguagesOrderAndJumpsLandOnTheWalkedPage(DatabaseSettings db) throws Exception {
        String[][] names = {{"Zupančič", "Ana"}, {"Čebašek", "Bor"}, {"Cvetko", "Eva"}, {"Dolenc", "Ana"}, {"Novak", "Žan"},
            {"Novak", "Ana"}, {"Novak", "Zala"}, {"Novaková", "Ana"}, {"Šuštar", "Ida"}, {"Sever", "Ida"}, {null, "Ana"}};
        java.text.Collator sl = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("sl"));
        sl.setStrength(java.text.Collator.PRIMARY);
        Comparator<String> name = Comparator.nullsLast(sl);
        CollationKeys.languageSource(() -> "sl");
        try (PersistenceEngine engine = open(db)) {
            Random random = new Random(5);
            engine.write(ctx -> {
                for (int i = 0; i < 120; i++) {
                    int n = random.nextInt(names.length);
                    Item item = ctx.newObject(Item.class);
                    item.setTopic(CollationKeys.composite(50, names[n][0], names[n][1]));
                    item.setTeamId(random.nextBoolean() ? "team-a" : "team-b");
                    item.setOwnerId(random.nextInt(10) == 0 ? "user-1" : "user-2");
                    // The group names the row's names, for the expected order.
                    item.setGroupId(Integer.toString(n));
                }
                return null;
            });
            List<Item> all = engine.read(ctx -> ObjectSelect.query(Item.class).select(ctx));
            java.util.function.Function<Item, String[]> namesOf = i -> names[Integer.parseInt((String) i.readProperty("groupId"))];
            Sort sort = SORTS.parse("topic");
            List<String> want = all.stream().sorted(Comparator.<Item, String>comparing(i -> namesOf.apply(i)[0], name)
                    .thenComparing(i -> namesOf.apply(i)[1], name).thenComparing(Item::getId)).map(Item::getId).toList();
            List<Expression> reach = List.of(MosaicRecord.TEAM_ID.eq("team-a"),
                    MosaicRecord.OWNER_ID.eq("user-1").andExp(MosaicRecord.TEAM_ID.ne("team-a")));
            Expression visible = MosaicRecord.TEAM_ID.eq("team-a").orExp(MosaicRecord.OWNER_ID.eq("user-1"));
            for (List<Expression> parts : List.of(List.<Expression>of(), reach)) {
                List<String> expected = parts.isEmpty() ? want
                        : want.stream().filter(id -> all.stream().anyMatch(i -> i.getId().equals(id) && visible.match(i))).toList();
                int limit = 7;
                List<List<String>> walked = new ArrayList<>();
                String cursor = null;
                do {
                    PageRequest page = PageRequest.parse(limit, cursor);
                    ListPage<String> p = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, parts, null, sort, page, Item::getId));
                    walked.add(p.items());
                    cursor = p.next();
                } while (cursor != null);
                assertEquals(expected, walked.stream().flatMap(List::stream).toList(), db.kind() + " Slovenian order, parts " + parts.size());
                for (int n = 1; n <= walked.size(); n++) {
                    PageRequest jump = PageRequest.parse(limit, null, n);
                    ListPage<String> p = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, parts, null, sort, jump, Item::getId));
                    assertEquals(walked.get(n - 1), p.items(), db.kind() + " jump to page " + n);
                    assertEquals(expected.size(), p.total());
                    if (n < walked.size()) {
                        String after = p.next();
                        ListPage<String> following = engine.read(ctx -> RecordLists.page(engine, ctx, Item.class, parts, null, sort,
                                PageRequest.parse(limit, after), Item::getId));
                        assertEquals(walked.get(n), following.items(), "the page after a jump goes on by keyset");
                    } else {
                        assertNull(p.next());
                    }
                }
            }
        } finally {
            CollationKeys.languageSource(null);
        }
    }
}
