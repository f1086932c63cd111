package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.stream.Stream;

import org.apache.cayenne.DataRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosaiccrm.platform.api.persistence.Sql;

/** {@link Sql}'s null parameters on the real databases: stored as NULL, refused in comparisons. */
class SqlNullsTest {

    static Stream<DatabaseSettings> databases() {
        return TestDatabases.all().stream();
    }

    private static PersistenceEngine open(DatabaseSettings db) throws SQLException {
        PersistenceEngine engine = new PersistenceEngine(db, events -> { }, () -> "user-1");
        try (Connection c = engine.dataSource().getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("DROP TABLE TEST_SQL_NULLS");
            } catch (SQLException absent) {
                // first run on this database
            }
            s.execute("CREATE TABLE TEST_SQL_NULLS (ID VARCHAR(36) NOT NULL PRIMARY KEY, TEXT VARCHAR(20),"
                    + " AT_TIME TIMESTAMP, SMALL INTEGER, BIG BIGINT)");
        }
        return engine;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertsAndUpdatesNullsOfEveryColumnType(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            Timestamp at = Sql.ts(Sql.now());
            engine.write(ctx -> Sql.exec(ctx, "INSERT INTO TEST_SQL_NULLS (ID, TEXT, AT_TIME, SMALL, BIG) VALUES (?, ?, ?, ?, ?)",
                    "a", null, null, null, null));
            engine.write(ctx -> Sql.exec(ctx, "INSERT INTO TEST_SQL_NULLS (ID, TEXT, AT_TIME, SMALL, BIG) VALUES (?, ?, ?, ?, ?)",
                    "b", "text", at, 1, 2L));
            assertEquals(1, (int) engine.write(ctx -> Sql.exec(ctx,
                    "UPDATE TEST_SQL_NULLS SET TEXT = ?, AT_TIME = ?, SMALL = ?, BIG = ? WHERE ID = ?", null, null, null, null, "b")));

            assertEquals(2L, (long) engine.read(ctx -> Sql.count(ctx,
                    "SELECT COUNT(*) FROM TEST_SQL_NULLS WHERE TEXT IS NULL AND AT_TIME IS NULL AND SMALL IS NULL AND BIG IS NULL")));
            DataRow b = engine.read(ctx -> Sql.row(ctx, "SELECT TEXT, AT_TIME, SMALL, BIG FROM TEST_SQL_NULLS WHERE ID = ?", "b"));
            assertNull(b.get("TEXT"));
            assertNull(b.get("AT_TIME"));
            assertNull(b.get("SMALL"));
            assertNull(b.get("BIG"));

            // and back from null to values
            engine.write(ctx -> Sql.exec(ctx, "UPDATE TEST_SQL_NULLS SET TEXT = ?, AT_TIME = ?, SMALL = ?, BIG = ? WHERE ID = ?",
                    "again", at, 3, 4L, "a"));
            DataRow a = engine.read(ctx -> Sql.row(ctx, "SELECT TEXT, SMALL, BIG FROM TEST_SQL_NULLS WHERE ID = ? AND AT_TIME = ?", "a", at));
            assertEquals("again", a.get("TEXT"));
            assertEquals(3, ((Number) a.get("SMALL")).intValue());
            assertEquals(4L, ((Number) a.get("BIG")).longValue());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void insertsRowsInChunksWithTheirNullsAndRollsBackWithTheTransaction(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            Timestamp at = Sql.ts(Sql.now());
            java.util.List<String> columns = java.util.List.of("ID", "TEXT", "AT_TIME", "SMALL", "BIG");
            java.util.List<Object[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 250; i++) { // three statements: 100, 100 and 50 rows
                rows.add(new Object[] {"r" + i, i % 2 == 0 ? null : "t" + i, i % 3 == 0 ? null : at, i, (long) i * 1_000_000_000L});
            }
            assertEquals(250, (int) engine.write(ctx -> Sql.insert(ctx, "TEST_SQL_NULLS", columns, rows)));
            assertEquals(250L, (long) engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM TEST_SQL_NULLS")));
            assertEquals(125L, (long) engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM TEST_SQL_NULLS WHERE TEXT IS NULL")));
            DataRow last = engine.read(ctx -> Sql.row(ctx, "SELECT TEXT, AT_TIME, SMALL, BIG FROM TEST_SQL_NULLS WHERE ID = ?", "r247"));
            assertEquals("t247", last.get("TEXT"));
            assertEquals(at.toLocalDateTime(), Sql.time(last.get("AT_TIME")));
            assertEquals(247, ((Number) last.get("SMALL")).intValue());
            assertEquals(247_000_000_000L, ((Number) last.get("BIG")).longValue());

            // A row of the wrong length is refused, and what the transaction inserted before it goes with it.
            java.util.List<Object[]> broken = java.util.List.<Object[]>of(new Object[] {"x1", null, null, 1, 1L}, new Object[] {"x2", null});
            assertThrows(IllegalArgumentException.class, () -> engine.write(ctx -> {
                Sql.insert(ctx, "TEST_SQL_NULLS", columns, java.util.List.<Object[]>of(new Object[] {"x0", null, null, 0, 0L}));
                return Sql.insert(ctx, "TEST_SQL_NULLS", columns, broken);
            }));
            assertEquals(0L, (long) engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM TEST_SQL_NULLS WHERE ID LIKE 'x%'")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNullComparisonIsRefusedInsteadOfMatchingNothing(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            engine.write(ctx -> Sql.exec(ctx, "INSERT INTO TEST_SQL_NULLS (ID, TEXT) VALUES (?, ?)", "a", null));
            String select = "SELECT ID FROM TEST_SQL_NULLS WHERE TEXT = ?";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.read(ctx -> Sql.rows(ctx, select, (Object) null)));
            assertTrue(e.getMessage().contains(select), e.getMessage());
            String update = "UPDATE TEST_SQL_NULLS SET SMALL = ? WHERE TEXT = ?";
            e = assertThrows(IllegalArgumentException.class, () -> engine.write(ctx -> Sql.exec(ctx, update, 1, null)));
            assertTrue(e.getMessage().contains(update), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM TEST_SQL_NULLS WHERE AT_TIME < ?", (Object) null)));
            // nothing was changed by the refused update; IS NULL finds the row
            assertEquals(1L, (long) engine.read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM TEST_SQL_NULLS WHERE TEXT IS NULL AND SMALL IS NULL")));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aQuestionMarkInALiteralIsText(DatabaseSettings db) throws Exception {
        try (PersistenceEngine engine = open(db)) {
            engine.write(ctx -> Sql.exec(ctx, "INSERT INTO TEST_SQL_NULLS (ID, TEXT) VALUES (?, 'why?')", "a"));
            assertEquals("why?", engine.read(ctx -> Sql.str(Sql.row(ctx, "SELECT TEXT FROM TEST_SQL_NULLS WHERE ID = ?", "a"), "TEXT")));
        }
    }
}
