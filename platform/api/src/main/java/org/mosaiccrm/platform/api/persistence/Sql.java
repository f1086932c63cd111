package org.mosaiccrm.platform.api.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.access.DataContext;
import org.apache.cayenne.access.DataNode;
import org.apache.cayenne.query.SQLExec;
import org.apache.cayenne.query.SQLSelect;

/**
 * SQL through Cayenne, so that it joins the surrounding {@code Persistence.write}
 * transaction. Parameters are JDBC-style {@code ?} placeholders, turned into Cayenne's
 * {@code #bind} directives here; a {@code ?} inside a string literal, a quoted identifier or a
 * comment is text, not a placeholder. Column names come back upper case on every database. For
 * tables a module works with in bulk or without entities (sessions, leases, audit); records
 * belong in entities.
 *
 * <h2>Null parameters</h2>
 * A null parameter is bound as a real SQL NULL parameter ({@code #bind($pN 'NULL')}, i.e.
 * {@code setNull(n, Types.NULL)}, which Derby and PostgreSQL both type from the column) where it
 * is a value: in {@code VALUES (...)}, in an {@code UPDATE}'s {@code SET}, in a select list, in a
 * {@code CASE}'s {@code THEN}/{@code ELSE}. Where it would be compared &mdash; anywhere in a
 * {@code WHERE}, {@code HAVING}, {@code ON} or {@code WHEN} condition, subqueries included &mdash;
 * it is refused with an {@link IllegalArgumentException} naming the parameter and the query:
 * in SQL {@code X = NULL} (and {@code <>}, {@code <}, {@code IN}, {@code LIKE} with a NULL) is
 * never true, so such a query would silently match nothing. Write {@code X IS NULL} (or a
 * second query) for the null case instead.
 */
public final class Sql {

    private Sql() {
    }

    public static List<DataRow> rows(ObjectContext ctx, String sql, Object... params) {
        Bound b = bind(sql, params);
        return SQLSelect.dataRowQuery(b.sql()).paramsArray(b.params()).upperColumnNames().select(ctx);
    }

    public static DataRow row(ObjectContext ctx, String sql, Object... params) {
        List<DataRow> rows = rows(ctx, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static long count(ObjectContext ctx, String sql, Object... params) {
        DataRow row = row(ctx, sql, params);
        return row == null ? 0 : ((Number) row.values().iterator().next()).longValue();
    }

    public static int exec(ObjectContext ctx, String sql, Object... params) {
        Bound b = bind(sql, params);
        return SQLExec.query(b.sql()).paramsArray(b.params()).update(ctx);
    }

    /** Rows one multi-row INSERT of {@link #insert} carries at most. */
    static final int ROWS_PER_INSERT = 100;

    /**
     * Inserts rows into {@code table} within the caller's transaction, in bulk: for a table
     * written without entities (the change log, the audit log), where a statement per row costs
     * the database a parse, plan and round trip for every row. The rows go as one JDBC batch
     * over the transaction's own connection (PostgreSQL's driver sends it as multi-row INSERTs);
     * through Cayenne's SQL template each batch was a template of a {@code #bind} per value,
     * parsed anew every time (a third of the audit writer's time during an import). Values are
     * bound by their class, nulls typed as their columns.
     *
     * @param columns the columns, in the order of each row's values
     * @param rows    the rows' values, each as long as {@code columns}
     * @return the number of rows inserted
     * @since 1.5
     */
    public static int insert(ObjectContext ctx, String table, List<String> columns, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("A row of " + row.length + " values for the " + columns.size() + " columns of " + table);
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Connection connection = transactionConnection(ctx);
        if (connection == null) {
            return insertByTemplates(ctx, table, columns, rows);
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            // Derby wants a null typed as its column (Cayenne's Derby adapter does the same); PostgreSQL types it itself.
            int[] nullTypes = new int[columns.size()];
            java.util.Arrays.fill(nullTypes, Types.NULL);
            if (connection.getMetaData().getDatabaseProductName().startsWith("Apache Derby")) {
                java.sql.ParameterMetaData parameters = st.getParameterMetaData();
                for (int i = 0; i < nullTypes.length; i++) {
                    nullTypes[i] = parameters.getParameterType(i + 1);
                }
            }
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    bindValue(st, i + 1, row[i], nullTypes[i]);
                }
                st.addBatch();
            }
            st.executeBatch();
            return rows.size();
        } catch (SQLException e) {
            throw new org.apache.cayenne.CayenneRuntimeException("Inserting %d rows into %s failed", e, rows.size(), table);
        }
    }

    /**
     * The connection of the thread's Cayenne transaction for the context's only data node (its
     * data source hands out the transaction's connection), or null when there is none to take.
     */
    private static Connection transactionConnection(ObjectContext ctx) {
        if (!(ctx instanceof DataContext dc) || org.apache.cayenne.tx.BaseTransaction.getThreadTransaction() == null
                || dc.getParentDataDomain() == null || dc.getParentDataDomain().getDataNodes().size() != 1) {
            return null;
        }
        DataNode node = dc.getParentDataDomain().getDataNodes().iterator().next();
        try {
            return node.getDataSource().getConnection();
        } catch (SQLException e) {
            throw new org.apache.cayenne.CayenneRuntimeException("No connection for the transaction", e);
        }
    }

    private static void bindValue(PreparedStatement st, int position, Object value, int nullType) throws SQLException {
        if (value == null) {
            st.setNull(position, nullType);
        } else if (value instanceof String text) {
            st.setString(position, text);
        } else if (value instanceof Timestamp time) {
            st.setTimestamp(position, time);
        } else if (value instanceof LocalDateTime time) {
            st.setTimestamp(position, Timestamp.valueOf(time));
        } else {
            st.setObject(position, value);
        }
    }

    /** The same rows through Cayenne's SQL templates, as multi-row INSERTs: for a context outside a transaction. */
    private static int insertByTemplates(ObjectContext ctx, String table, List<String> columns, List<Object[]> rows) {
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        String marks = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder(head.length() + chunk.size() * (marks.length() + 2)).append(head);
            Object[] params = new Object[chunk.size() * columns.size()];
            int p = 0;
            for (Object[] row : chunk) {
                sql.append(p == 0 ? "" : ", ").append(marks);
                System.arraycopy(row, 0, params, p, row.length);
                p += row.length;
            }
            inserted += exec(ctx, sql.toString(), params);
        }
        return inserted;
    }

    /** The query with Cayenne's {@code #bind} directives in place of {@code ?}, and its values. */
    record Bound(String sql, Object[] params) {
    }

    /** Clauses in which a parameter is compared rather than stored or selected. */
    private static final java.util.Set<String> CONDITIONS = java.util.Set.of("WHERE", "HAVING", "ON", "WHEN");
    /** Clauses in which a parameter is a value. */
    private static final java.util.Set<String> VALUES = java.util.Set.of("SET", "VALUES", "SELECT", "THEN", "ELSE", "FROM",
            "ORDER", "GROUP", "OFFSET", "FETCH", "LIMIT", "RETURNING");

    static Bound bind(String sql, Object[] params) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * params.length);
        java.util.List<Object> values = new java.util.ArrayList<>();
        // The clause a placeholder is in, one level per parenthesis or CASE ... END.
        java.util.Deque<String> clauses = new java.util.ArrayDeque<>();
        String clause = "";
        int next = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                // a doubled quote inside is two adjacent quoted runs: copied the same way
                end = end < 0 ? n - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n - 1 : end + 1;
                out.append(sql, i, end + 1);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end).toUpperCase(java.util.Locale.ROOT);
                if (word.equals("CASE")) {
                    clauses.push(clause);
                } else if (word.equals("END") && !clauses.isEmpty()) {
                    clause = clauses.pop();
                } else if (CONDITIONS.contains(word) || VALUES.contains(word)) {
                    clause = word;
                }
                out.append(sql, i, end);
                i = end - 1;
            } else if (c == '(') {
                clauses.push(clause);
                out.append(c);
            } else if (c == ')') {
                if (!clauses.isEmpty()) {
                    clause = clauses.pop();
                }
                out.append(c);
            } else if (c != '?') {
                out.append(c);
            } else {
                if (next >= params.length) {
                    throw new IllegalArgumentException("more placeholders than parameters: " + sql);
                }
                Object value = params[next++];
                if (value == null && CONDITIONS.contains(clause)) {
                    throw new IllegalArgumentException("parameter " + next + " is null in a " + clause + " condition, where"
                            + " a comparison with NULL is never true and the query would silently match nothing;"
                            + " test the column with IS NULL instead: " + sql);
                }
                values.add(value);
                out.append("#bind($p").append(values.size()).append(value == null ? " 'NULL')" : ")");
            }
        }
        if (next != params.length) {
            throw new IllegalArgumentException("more parameters than placeholders: " + sql);
        }
        return new Bound(out.toString(), values.toArray());
    }

    public static Timestamp ts(LocalDateTime utc) {
        return utc == null ? null : Timestamp.valueOf(utc);
    }

    public static LocalDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (value instanceof LocalDateTime l) {
            return l;
        }
        if (value instanceof java.util.Date d) {
            // Cayenne reads TIMESTAMP columns of data rows as Date; both sides use the JVM zone.
            return new Timestamp(d.getTime()).toLocalDateTime();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }

    /** A TIMESTAMP column (stored in UTC) as an instant. */
    public static java.time.Instant instant(Object value) {
        LocalDateTime t = time(value);
        return t == null ? null : t.toInstant(java.time.ZoneOffset.UTC);
    }

    /**
     * The platform's now, in UTC as the database keeps times, to the millisecond: the machine's
     * clock, moved by {@link TestClock} when a test server was started with one.
     */
    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).plus(TestClock.offset()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** {@link #now()} as an instant: for code that reckons in instants (SLA clocks, due times). */
    public static java.time.Instant instant() {
        return now().toInstant(ZoneOffset.UTC);
    }

    public static String str(DataRow row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    public static boolean flag(DataRow row, String column) {
        Object v = row.get(column);
        return v instanceof Number n ? n.intValue() != 0 : Boolean.TRUE.equals(v);
    }
}
