package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.events.RecordChange;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PersistenceEngineTest {

    private final List<CommitEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger migrationRuns = new AtomicInteger();

    static Stream<DatabaseSettings> databases() {
        return TestDatabases.all().stream();
    }

    private DataContribution memos() {
        Migration create = new Migration() {
            @Override
            public int version() {
                return 1;
            }

            @Override
            public String description() {
                return "memo table";
            }

            @Override
            public void apply(org.mosaiccrm.platform.spi.MigrationContext context) throws SQLException {
                migrationRuns.incrementAndGet();
                context.execute("CREATE TABLE TEST_MEMO (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL,"
                        + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36), TEAM_ID VARCHAR(36),"
                        + " TEXT VARCHAR(200) NOT NULL)");
            }
        };
        Migration index = Migration.of(2, "memo text index", "CREATE INDEX TEST_MEMO_TEXT ON TEST_MEMO (TEXT)");
        return new DataContribution() {
            @Override
            public String moduleId() {
                return "memos";
            }

            @Override
            public String cayenneProject() {
                return "org/mosaiccrm/platform/persistence/internal/cayenne-memos.xml";
            }

            @Override
            public List<Migration> migrations() {
                return List.of(index, create);
            }
        };
    }

    private PersistenceEngine open(DatabaseSettings settings) throws SQLException {
        PersistenceEngine engine = new PersistenceEngine(settings, events::addAll, () -> "user-1");
        // PostgreSQL outlives a test run: start every test from an empty schema.
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("DROP TABLE TEST_MEMO");
            } catch (SQLException absent) {
                // first run on this database
            }
        }
        engine.migrator().currentVersion("memos");
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM MOSAIC_SCHEMA_VERSION WHERE MODULE_ID = 'memos'");
        }
        engine.add(new Contribution(memos(), getClass().getClassLoader()));
        return engine;
    }

    private static Memo create(PersistenceEngine engine, String text) {
        return engine.write(ctx -> {
            Memo memo = ctx.newObject(Memo.class);
            memo.setText(text);
            return memo;
        });
    }

    private static long count(PersistenceEngine engine) {
        return engine.read(ctx -> ObjectSelect.query(Memo.class).selectCount(ctx));
    }

    /**
     * A table filled from empty in one go (an import) is analyzed on PostgreSQL as it grows, so
     * that a look-up by an indexed column plans to the index instead of a scan of the table.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTableThatGrewFastHasStatisticsOnPostgres(DatabaseSettings db) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.kind() == org.mosaiccrm.platform.api.persistence.DatabaseKind.POSTGRESQL);
        try (PersistenceEngine engine = open(db)) {
            engine.write(ctx -> {
                for (int i = 0; i < 20 * TableStatistics.MIN_GROWTH; i++) {
                    ctx.newObject(Memo.class).setText("memo " + i);
                }
                return null;
            });
            // As an import looks its rows up: a hundred values at a time.
            String hundredTexts = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "'memo " + i * 7 + "'")
                    .collect(java.util.stream.Collectors.joining(", "));
            String plan = "";
            for (int attempt = 0; attempt < 100 && !plan.contains("TEST_MEMO_TEXT".toLowerCase()); attempt++) {
                Thread.sleep(100);
                try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement();
                        java.sql.ResultSet rs = s.executeQuery("EXPLAIN SELECT * FROM TEST_MEMO WHERE TEXT IN (" + hundredTexts + ")")) {
                    StringBuilder lines = new StringBuilder();
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                    plan = lines.toString();
                }
            }
            assertTrue(plan.contains("test_memo_text"), "the look-up should use the index once the table is analyzed:\n" + plan);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migratesOnceInOrderAndRecordsTheVersion(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            assertEquals(2, engine.migrator().currentVersion("memos"));
            engine.remove("memos");
            engine.add(new Contribution(memos(), getClass().getClassLoader()));
            assertEquals(1, migrationRuns.get(), "a migration already applied must not run again");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void stampsIdVersionAndTimesAndPublishesEventsAfterCommit(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            Memo memo = create(engine, "Call Čebašek back");
            assertTrue(RecordIds.isWellFormed(memo.getId()));
            assertEquals(1L, memo.getVersion());
            assertNotNull(memo.getCreatedAt());

            assertEquals(1, events.size());
            CommitEvent created = events.get(0);
            assertEquals("memos", created.module());
            assertEquals("Memo", created.type());
            assertEquals(memo.getId(), created.id());
            assertEquals(RecordChange.CREATED, created.change());
            assertEquals("user-1", created.actor());

            Memo updated = engine.write(ctx -> {
                Memo m = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx);
                m.requireVersion(1L);
                m.setText("Called");
                return m;
            });
            assertEquals(2L, updated.getVersion());
            assertEquals(RecordChange.UPDATED, events.get(1).change());
            assertTrue(events.get(1).changedFields().contains("text"));

            engine.write(ctx -> {
                ctx.deleteObject(ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx));
                return null;
            });
            assertEquals(RecordChange.DELETED, events.get(2).change());
            assertEquals(memo.getId(), events.get(2).id());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void staleVersionIsRefusedWithConflictAndChangesNothing(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            Memo memo = create(engine, "original");
            ProblemException stale = assertThrows(ProblemException.class, () -> engine.write(ctx -> {
                Memo m = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx);
                m.requireVersion(7L);
                m.setText("overwritten");
                return m;
            }));
            assertEquals(409, stale.status());

            // A concurrent writer commits between our read and our commit: the optimistic lock
            // catches it. The writer runs on a thread started before our transaction, because
            // Cayenne hands a thread's transaction down to the threads it creates.
            java.util.concurrent.ExecutorService otherWriter = java.util.concurrent.Executors.newSingleThreadExecutor();
            otherWriter.submit(() -> null).get();
            ProblemException raced = assertThrows(ProblemException.class, () -> engine.write(ctx -> {
                Memo mine = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx);
                try {
                    otherWriter.submit(() -> engine.write(otherCtx -> {
                        Memo theirs = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(otherCtx);
                        theirs.setText("theirs");
                        return theirs;
                    })).get();
                } catch (Exception e) {
                    throw new IllegalStateException("the concurrent writer failed", e);
                }
                mine.setText("mine");
                return mine;
            }));
            otherWriter.shutdown();
            assertEquals(409, raced.status());
            Memo stored = engine.read(ctx -> ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx));
            assertEquals("theirs", stored.getText());
            assertEquals(2L, stored.getVersion());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void failedWorkStoresNothingAndPublishesNothing(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            assertThrows(IllegalStateException.class, () -> engine.write((ObjectContext ctx) -> {
                ctx.newObject(Memo.class).setText("first");
                ctx.commitChanges();
                ctx.newObject(Memo.class).setText("second");
                throw new IllegalStateException("boom");
            }));
            assertEquals(0, count(engine));
            assertTrue(events.isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void removingAModuleKeepsItsDataForWhenItComesBack(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            create(engine, "kept");
            engine.remove("memos");
            assertThrows(RuntimeException.class, () -> count(engine));
            engine.add(new Contribution(memos(), getClass().getClassLoader()));
            assertEquals(1, count(engine));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void migrationsWithGapsAreRefused(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.migrator().migrate("gappy", List.of(Migration.of(1, "a"), Migration.of(3, "c"))));
            assertTrue(e.getMessage().contains("without gaps"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNestedWriteJoinsTheOuterTransactionAndItsEventsWaitForTheOuterCommit(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            engine.write(outer -> {
                outer.newObject(Memo.class).setText("outer");
                create(engine, "inner");
                assertTrue(events.isEmpty(), "nothing is published before the outer transaction commits");
                return null;
            });
            assertEquals(2, events.size());
            assertThrows(IllegalStateException.class, () -> engine.write(outer -> {
                create(engine, "inner, rolled back with the outer");
                throw new IllegalStateException("outer fails");
            }));
            assertEquals(2, count(engine), "the inner write rolled back with the outer one");
            assertEquals(2, events.size());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyCommittedChangeIsLoggedInItsOwnTransaction(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            org.mosaiccrm.platform.api.events.ChangeLog log = engine.changeLog();
            long before = log.lastSequence();
            Memo memo = create(engine, "logged");
            engine.write(ctx -> {
                Memo m = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(memo.getId())).selectOne(ctx);
                ctx.deleteObject(m);
                return null;
            });
            assertThrows(IllegalStateException.class, () -> engine.write(ctx -> {
                Memo m = ctx.newObject(Memo.class);
                m.setText("rolled back");
                ctx.commitChanges();
                throw new IllegalStateException("after the flush, before the commit");
            }));
            engine.write(ctx -> {
                log.append(ctx, List.of(new org.mosaiccrm.platform.api.events.ChangeLog.Change("memos", "memo", "bulk-1", RecordChange.UPDATED)));
                return null;
            });
            List<org.mosaiccrm.platform.api.events.ChangeLog.Entry> entries = log.after(before, 100);
            assertEquals(List.of(RecordChange.CREATED, RecordChange.DELETED, RecordChange.UPDATED),
                    entries.stream().map(org.mosaiccrm.platform.api.events.ChangeLog.Entry::kind).toList(), "nothing of the rollback");
            assertEquals(memo.getId(), entries.get(0).id());
            assertEquals("memo", entries.get(0).type());
            assertEquals("bulk-1", entries.get(2).id());
            assertEquals(entries.get(2).sequence(), log.lastSequence());
            assertEquals(entries.subList(1, 2), log.bySequence(List.of(entries.get(1).sequence())));
            assertEquals(log.lastSequence(), log.startingPointFor(java.time.Instant.now().plusSeconds(60)));
            assertTrue(log.startingPointFor(java.time.Instant.EPOCH) < entries.get(0).sequence());
            assertTrue(log.prune(java.time.Instant.now().plusSeconds(60)) >= 3);
            assertEquals(List.of(), log.after(before, 100));
        }
    }

    /**
     * writeMany inserts the new records of its work in bulk, next to the usual commit of what it
     * changed, in one transaction: the rows are as Cayenne would have written them, each is
     * published and logged as created, and a failure stores nothing.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void writeManyInsertsNewRecordsInBulkAsOneTransactionWithTheirEvents(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            Memo existing = create(engine, "existing");
            long logBefore = engine.changeLog().lastSequence();
            events.clear();
            List<Memo> made = engine.writeMany(ctx -> {
                List<Memo> memos = new java.util.ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Memo m = ctx.newObject(Memo.class);
                    m.setText("bulk " + i);
                    memos.add(m);
                }
                memos.get(7).setText("changed before the commit");
                ctx.deleteObject(memos.remove(9));
                Memo e = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(existing.getId())).selectOne(ctx);
                e.setText("existing, changed");
                return memos;
            });
            assertEquals(50, count(engine), "49 new and the existing one");
            Memo seventh = engine.read(ctx -> ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(made.get(7).getId())).selectOne(ctx));
            assertEquals("changed before the commit", seventh.getText());
            assertEquals(1L, seventh.getVersion());
            assertEquals(made.get(7).getCreatedAt(), seventh.getCreatedAt());
            assertEquals(2L, engine.read(ctx -> ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(existing.getId())).selectOne(ctx))
                    .getVersion());
            assertEquals(49, events.stream().filter(e -> e.change() == RecordChange.CREATED).count());
            assertEquals(1, events.stream().filter(e -> e.change() == RecordChange.UPDATED).count());
            CommitEvent one = events.stream().filter(e -> e.id().equals(made.get(7).getId())).findFirst().orElseThrow();
            assertEquals("memos", one.module());
            assertEquals("Memo", one.type());
            assertTrue(one.changedFields().contains("text"), one.toString());
            assertEquals(50, engine.changeLog().after(logBefore, 1000).size(), "every change in the change log");
            // A record inserted in bulk is an ordinary row afterwards: it can be changed and deleted.
            Memo again = engine.write(ctx -> {
                Memo m = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(made.get(3).getId())).selectOne(ctx);
                m.requireVersion(1L);
                m.setText("changed later");
                return m;
            });
            assertEquals(2L, again.getVersion());
            engine.writeMany(ctx -> {
                for (Memo m : ObjectSelect.query(Memo.class).where(Memo.TEXT_PROPERTY.like("bulk 1%")).select(ctx)) {
                    m.setText(m.getText() + ", again");
                }
                for (int i = 0; i < 25; i++) {
                    ctx.newObject(Memo.class).setText("second batch " + i);
                }
                return null;
            });
            assertEquals(75, count(engine));

            events.clear();
            assertThrows(IllegalStateException.class, () -> engine.writeMany(ctx -> {
                for (int i = 0; i < 30; i++) {
                    ctx.newObject(Memo.class).setText("never " + i);
                }
                ctx.newObject(Memo.class).setText("x".repeat(300));
                throw new IllegalStateException("boom");
            }));
            assertEquals(75, count(engine), "a failed bulk write stores nothing");
            assertTrue(events.isEmpty());
        }
    }

    /**
     * A derived table (memos per text) follows creates, bulk creates, changes and deletes in
     * their transactions, and is recounted from the records when the module's data arrives.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aDerivedTableFollowsEveryChangeAndIsRebuiltWhenTheModuleArrives(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
                try {
                    s.execute("DROP TABLE TEST_MEMO_COUNT");
                } catch (SQLException absent) {
                    // first run on this database
                }
                s.execute("CREATE TABLE TEST_MEMO_COUNT (TEXT VARCHAR(200) NOT NULL PRIMARY KEY, N INTEGER NOT NULL)");
            }
            create(engine, "before");
            create(engine, "before");
            engine.remove("memos");
            engine.add(new Contribution(withCounts(memos()), getClass().getClassLoader()));
            assertEquals(java.util.Map.of("before", 2), counts(engine), "recounted when the module arrived");

            Memo a = create(engine, "a");
            engine.writeMany(ctx -> {
                for (int i = 0; i < 25; i++) {
                    ctx.newObject(Memo.class).setText(i % 2 == 0 ? "even" : "odd");
                }
                return null;
            });
            engine.write(ctx -> {
                Memo m = ObjectSelect.query(Memo.class).where(MosaicRecord.ID.eq(a.getId())).selectOne(ctx);
                m.setText("odd");
                ctx.deleteObject(ObjectSelect.query(Memo.class).where(Memo.TEXT_PROPERTY.eq("before")).select(ctx).get(0));
                return null;
            });
            assertEquals(java.util.Map.of("before", 1, "even", 13, "odd", 13), counts(engine));
            assertThrows(IllegalStateException.class, () -> engine.write(ctx -> {
                ctx.newObject(Memo.class).setText("never");
                ctx.commitChanges();
                throw new IllegalStateException("rolled back with its derived rows");
            }));
            assertEquals(java.util.Map.of("before", 1, "even", 13, "odd", 13), counts(engine));
        }
    }

    private static DataContribution withCounts(DataContribution memos) {
        org.mosaiccrm.platform.spi.DerivedTable counts = new org.mosaiccrm.platform.spi.DerivedTable() {
            @Override
            public Class<?> type() {
                return Memo.class;
            }

            @Override
            public void apply(ObjectContext ctx, org.mosaiccrm.platform.api.persistence.DatabaseKind database, List<Change> changes) {
                for (Change c : changes) {
                    if (c.before() != null) {
                        org.mosaiccrm.platform.api.persistence.Sql.exec(ctx, "UPDATE TEST_MEMO_COUNT SET N = N - 1 WHERE TEXT = ?",
                                c.before().get("text"));
                    }
                    if (c.after() != null && org.mosaiccrm.platform.api.persistence.Sql.exec(ctx,
                            "UPDATE TEST_MEMO_COUNT SET N = N + 1 WHERE TEXT = ?", c.after().get("text")) == 0) {
                        org.mosaiccrm.platform.api.persistence.Sql.exec(ctx, "INSERT INTO TEST_MEMO_COUNT (TEXT, N) VALUES (?, 1)",
                                c.after().get("text"));
                    }
                }
            }

            @Override
            public void rebuild(ObjectContext ctx, org.mosaiccrm.platform.api.persistence.DatabaseKind database) {
                org.mosaiccrm.platform.api.persistence.Sql.exec(ctx, "DELETE FROM TEST_MEMO_COUNT");
                org.mosaiccrm.platform.api.persistence.Sql.exec(ctx,
                        "INSERT INTO TEST_MEMO_COUNT (TEXT, N) SELECT TEXT, COUNT(*) FROM TEST_MEMO GROUP BY TEXT");
            }
        };
        return new DataContribution() {
            @Override
            public String moduleId() {
                return memos.moduleId();
            }

            @Override
            public String cayenneProject() {
                return memos.cayenneProject();
            }

            @Override
            public List<Migration> migrations() {
                return memos.migrations();
            }

            @Override
            public List<org.mosaiccrm.platform.spi.DerivedTable> derivedTables() {
                return List.of(counts);
            }
        };
    }

    /** The derived table's counts, without the texts that have none left. */
    private static java.util.Map<String, Integer> counts(PersistenceEngine engine) throws SQLException {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT TEXT, N FROM TEST_MEMO_COUNT WHERE N <> 0")) {
            while (r.next()) {
                out.put(r.getString(1), r.getInt(2));
            }
        }
        return out;
    }
}
