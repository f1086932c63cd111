package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.cayenne.access.jdbc.ColumnDescriptor;
import org.apache.cayenne.access.translator.DbAttributeBinding;
import org.apache.cayenne.access.translator.select.SelectTranslator;
import org.apache.cayenne.access.translator.select.SelectTranslatorFactory;
import org.apache.cayenne.dba.DbAdapter;
import org.apache.cayenne.map.EntityResolver;
import org.apache.cayenne.map.ObjAttribute;
import org.apache.cayenne.query.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Derby read a limited, ordered page of one table through the index that holds that
 * order, so that a list page stops after its rows instead of sorting the whole table.
 *
 * <p>Why: Derby's optimizer does not weigh {@code FETCH NEXT n ROWS}. For a page ordered by
 * (LAST_NAME_KEY, ID) with any filter it cannot use an index for (the visibility rule's
 * {@code TEAM_ID = ? OR OWNER_ID = ?}, a {@code LIKE '%…%'}), it costs "scan the index and
 * fetch every row" above "scan the table and sort", and takes the second: 30–100 ms for a
 * page of 100,000 rows instead of about one. PostgreSQL weighs the limit and needs no help.
 *
 * <p>So on Derby, a select on a single table with an ORDER BY and a FETCH gets an optimizer
 * override ({@code --DERBY-PROPERTIES index=…}) naming an index whose leading columns are
 * the ORDER BY's, in the same directions — unless the WHERE clause has a top-level equality
 * on the leading column of another index (a record's activities, an organization's people),
 * which narrows the rows more than any order can. Indexes are read from the database's
 * metadata once per table and runtime (a runtime is rebuilt after every migration).
 */
final class DerbyIndexHints implements SelectTranslatorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyIndexHints.class);

    /** {@code … FROM TABLE t0 [WHERE …] ORDER BY … FETCH NEXT …}, as Cayenne writes a single-table select. */
    private static final Pattern SHAPE = Pattern.compile(
            "^(SELECT .*? FROM (\\w+) t0)( WHERE (.*?))? ORDER BY (t0\\.\\w+(?: DESC)?(?:, t0\\.\\w+(?: DESC)?)*)( .*FETCH NEXT .*)$",
            Pattern.DOTALL);
    private static final Pattern EQUALITY = Pattern.compile("^t0\\.(\\w+) = \\?$");

    /** One index: its name and its columns, each with {@code " DESC"} when descending. */
    record Index(String name, List<String> columns) {
    }

    private final SelectTranslatorFactory delegate;
    private final DataSource dataSource;
    private final Map<String, List<Index>> indexes = new ConcurrentHashMap<>();
    /** Statements as rewritten: the same few statements run again and again, the regex need not. */
    private final Map<String, String> rewritten = new ConcurrentHashMap<>();
    private static final int REWRITTEN_LIMIT = 5_000;

    DerbyIndexHints(SelectTranslatorFactory delegate, DataSource dataSource) {
        this.delegate = delegate;
        this.dataSource = dataSource;
    }

    @Override
    public SelectTranslator translator(Select<?> query, DbAdapter adapter, EntityResolver resolver) {
        SelectTranslator translator = delegate.translator(query, adapter, resolver);
        return new SelectTranslator() {
            @Override
            public String getSql() throws Exception {
                String sql = translator.getSql();
                if (translator.hasJoins()) {
                    return sql;
                }
                String hinted = rewritten.get(sql);
                if (hinted == null) {
                    hinted = hint(sql, this::indexesOf);
                    if (rewritten.size() >= REWRITTEN_LIMIT) {
                        rewritten.clear();
                    }
                    rewritten.put(sql, hinted);
                }
                return hinted;
            }

            private List<Index> indexesOf(String table) {
                return indexes.computeIfAbsent(table, DerbyIndexHints.this::readIndexes);
            }

            @Override
            public DbAttributeBinding[] getBindings() {
                return translator.getBindings();
            }

            @Override
            public Map<ObjAttribute, ColumnDescriptor> getAttributeOverrides() {
                return translator.getAttributeOverrides();
            }

            @Override
            public ColumnDescriptor[] getResultColumns() {
                return translator.getResultColumns();
            }

            @Override
            public boolean isSuppressingDistinct() {
                return translator.isSuppressingDistinct();
            }

            @Override
            public boolean hasJoins() {
                return translator.hasJoins();
            }
        };
    }

    /** The statement with an index override when one fits (see the class comment); otherwise as it was. */
    static String hint(String sql, java.util.function.Function<String, List<Index>> indexesOf) {
        Matcher m = SHAPE.matcher(sql);
        if (!m.matches()) {
            return sql;
        }
        List<String> order = new ArrayList<>();
        for (String column : m.group(5).split(", ")) {
            order.add(column.substring(3).toUpperCase(Locale.ROOT));
        }
        List<Index> candidates = indexesOf.apply(m.group(2).toUpperCase(Locale.ROOT));
        String where = m.group(4);
        java.util.Set<String> equal = new java.util.HashSet<>();
        if (where != null) {
            for (String term : topLevelConjuncts(where)) {
                Matcher eq = EQUALITY.matcher(term);
                if (eq.matches()) {
                    equal.add(eq.group(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        // The index that holds the order after a prefix of columns the WHERE fixes by equality
        // (a team's records in name order), the longest such prefix first.
        Index chosen = null;
        int chosenPrefix = -1;
        for (Index index : candidates) {
            int prefix = 0;
            while (prefix < index.columns().size() && equal.contains(name(index.columns().get(prefix)))) {
                prefix++;
            }
            for (int p = prefix; p >= 0; p--) {
                if (p > chosenPrefix && index.columns().size() >= p + order.size()
                        && index.columns().subList(p, p + order.size()).equals(order)) {
                    chosen = index;
                    chosenPrefix = p;
                    break;
                }
            }
        }
        if (chosen == null) {
            return sql;
        }
        for (String column : equal) {
            if (!chosen.columns().subList(0, chosenPrefix).stream().map(DerbyIndexHints::name).toList().contains(column)
                    && leadsAnotherIndex(column, chosen, candidates)) {
                return sql;
            }
        }
        // The override is a comment that runs to the end of its line.
        return m.group(1) + " --DERBY-PROPERTIES index=" + chosen.name() + "\n" + (where == null ? "" : " WHERE " + where)
                + " ORDER BY " + m.group(5) + m.group(6);
    }

    /** An index column's name without its direction. */
    private static String name(String column) {
        return column.endsWith(" DESC") ? column.substring(0, column.length() - 5) : column;
    }

    private static boolean leadsAnotherIndex(String column, Index chosen, List<Index> indexes) {
        for (Index index : indexes) {
            if (index != chosen && name(index.columns().get(0)).equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** The terms joined by AND outside any parentheses, each without its enclosing parentheses. */
    static List<String> topLevelConjuncts(String where) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < where.length(); i++) {
            char c = where.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && where.startsWith(" AND ", i)) {
                terms.add(unwrap(where.substring(start, i)));
                start = i + 5;
                i += 4;
            } else if (!quoted && depth == 0 && where.startsWith(" OR ", i)) {
                return List.of();
            }
        }
        terms.add(unwrap(where.substring(start)));
        if (terms.size() == 1 && !terms.get(0).equals(where.strip())) {
            // One parenthesised term: look inside it.
            return topLevelConjuncts(terms.get(0));
        }
        return terms;
    }

    private static String unwrap(String term) {
        String t = term.strip();
        while (t.startsWith("(") && t.endsWith(")") && balanced(t.substring(1, t.length() - 1))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /**
     * The table's indexes that can be named in an override, leading columns first. Indexes
     * behind constraints (the primary key) have generated names and are named differently, so
     * they are left out: a sort on the id alone has an index of its own where it matters.
     */
    private synchronized List<Index> readIndexes(String table) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            // Derby answers metadata with stored statements that it recompiles after DDL (a module's
            // migrations), writing SYSSTATEMENTS in the caller's transaction. A pooled connection
            // handed back with that transaction open kept the row locked, and every other request
            // reading metadata waited for Derby's lock timeout (60 s) — seen right after a module
            // was switched on. Autocommit ends it with each statement; one reader at a time keeps
            // two recompilations of the same statement from waiting on each other.
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getIndexInfo(null, null, table, false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (name == null || column == null || name.matches("SQL\\d+(-.*)?")) {
                        continue;
                    }
                    int position = rs.getInt("ORDINAL_POSITION");
                    List<String> list = columns.computeIfAbsent(name, n -> new ArrayList<>());
                    while (list.size() < position) {
                        list.add(null);
                    }
                    list.set(position - 1, column.toUpperCase(Locale.ROOT) + ("D".equals(rs.getString("ASC_OR_DESC")) ? " DESC" : ""));
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not read the indexes of {}; its pages go without index hints: {}", table, e.getMessage());
            return List.of();
        }
        List<Index> result = new ArrayList<>();
        columns.forEach((name, cols) -> result.add(new Index(name, List.copyOf(cols))));
        return List.copyOf(result);
    }
}
