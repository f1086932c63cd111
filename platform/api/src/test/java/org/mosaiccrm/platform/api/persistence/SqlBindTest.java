package org.mosaiccrm.platform.api.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlBindTest {

    private static Sql.Bound bind(String sql, Object... params) {
        return Sql.bind(sql, params);
    }

    private static void refused(String sql, Object... params) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sql.bind(sql, params), sql);
        assertTrue(e.getMessage().contains(sql), "the message names the query: " + e.getMessage());
        assertTrue(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void placeholdersBecomeBindDirectivesInOrder() {
        Sql.Bound b = bind("SELECT A FROM T WHERE B = ? AND C > ?", "x", 3);
        assertEquals("SELECT A FROM T WHERE B = #bind($p1) AND C > #bind($p2)", b.sql());
        assertArrayEquals(new Object[] {"x", 3}, b.params());
    }

    @Test
    void aNullValueIsBoundAsATypedNullParameterNotSpliced() {
        Sql.Bound insert = bind("INSERT INTO T (A, B, C) VALUES (?, ?, ?)", "a", null, 1);
        assertEquals("INSERT INTO T (A, B, C) VALUES (#bind($p1), #bind($p2 'NULL'), #bind($p3))", insert.sql());
        assertArrayEquals(new Object[] {"a", null, 1}, insert.params());

        Sql.Bound update = bind("UPDATE T SET A = ?, B = ? WHERE ID = ?", null, "b", "id");
        assertEquals("UPDATE T SET A = #bind($p1 'NULL'), B = #bind($p2) WHERE ID = #bind($p3)", update.sql());
        assertArrayEquals(new Object[] {null, "b", "id"}, update.params());
    }

    @Test
    void aNullComparedInAConditionIsRefusedNamingTheQuery() {
        refused("SELECT A FROM T WHERE B = ?", (Object) null);
        refused("SELECT A FROM T WHERE B = ? AND C = ?", "b", null);
        refused("SELECT A FROM T WHERE B <> ?", (Object) null);
        refused("SELECT A FROM T WHERE B IN (?, ?)", "x", null);
        refused("SELECT A FROM T WHERE B BETWEEN ? AND ?", 1, null);
        refused("DELETE FROM T WHERE B = ?", (Object) null);
        refused("UPDATE T SET A = ? WHERE B = ?", "a", null);
        refused("SELECT A FROM T JOIN U ON U.X = T.X AND U.Y = ?", (Object) null);
        refused("SELECT A, COUNT(*) FROM T GROUP BY A HAVING MAX(B) = ?", (Object) null);
        refused("UPDATE T SET A = (SELECT MAX(X) FROM U WHERE U.Y = ?)", (Object) null);
        refused("UPDATE T SET A = CASE WHEN B = ? THEN 1 ELSE 2 END", (Object) null);
        refused("select a from t where b = ?", (Object) null);
    }

    @Test
    void theClauseIsTrackedThroughSubqueriesAndCase() {
        // back in SET after the subquery's WHERE and after CASE ... END
        Sql.Bound b = bind("UPDATE T SET A = (SELECT MAX(X) FROM U WHERE U.Y = ?), B = ?,"
                + " C = CASE WHEN D = ? THEN ? ELSE ? END, E = ? WHERE ID = ?", "y", null, "d", null, null, null, "id");
        assertEquals(7, b.params().length);
        assertTrue(b.sql().endsWith("E = #bind($p6 'NULL') WHERE ID = #bind($p7)"), b.sql());
        // a null in a select list is a value
        assertEquals("SELECT #bind($p1 'NULL') AS A FROM T", bind("SELECT ? AS A FROM T", (Object) null).sql());
        // an INSERT ... SELECT stores the values of its select list
        bind("INSERT INTO T (A, B) SELECT ?, X FROM U WHERE U.ID = ?", null, "u");
    }

    @Test
    void aQuestionMarkInALiteralOrCommentIsNotAPlaceholder() {
        Sql.Bound b = bind("SELECT 'why?', \"odd?\" FROM T /* really? */ WHERE A = ? -- ok?\n AND B = 'it''s?'", "a");
        assertEquals("SELECT 'why?', \"odd?\" FROM T /* really? */ WHERE A = #bind($p1) -- ok?\n AND B = 'it''s?'", b.sql());
        assertArrayEquals(new Object[] {"a"}, b.params());
    }

    @Test
    void countsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> Sql.bind("SELECT A FROM T WHERE B = ? AND C = ?", new Object[] {"b"}));
        assertThrows(IllegalArgumentException.class, () -> Sql.bind("SELECT A FROM T WHERE B = ?", new Object[] {"b", "c"}));
    }
}
