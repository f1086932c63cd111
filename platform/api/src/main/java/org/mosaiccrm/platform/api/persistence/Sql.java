package org.mosaiccrm.platform.api.persistence;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.SQLExec;
import org.apache.cayenne.query.SQLSelect;

/**
 * SQL through Cayenne, so that it joins the surrounding {@code Persistence.write}
 * transaction. Parameters are JDBC-style {@code ?} placeholders, turned into Cayenne's
 * {@code #bind} directives here; a null parameter becomes the literal NULL. Column names come
 * back upper case on every database. For tables a module works with in bulk or without
 * entities (sessions, leases, audit); records belong in entities.
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

    private record Bound(String sql, Object[] params) {
    }

    private static Bound bind(String sql, Object[] params) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * params.length);
        java.util.List<Object> values = new java.util.ArrayList<>();
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != '?') {
                out.append(c);
                continue;
            }
            if (next >= params.length) {
                throw new IllegalArgumentException("more placeholders than parameters: " + sql);
            }
            Object value = params[next++];
            if (value == null) {
                out.append("NULL");
            } else {
                values.add(value);
                out.append("#bind($p").append(values.size()).append(')');
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

    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
