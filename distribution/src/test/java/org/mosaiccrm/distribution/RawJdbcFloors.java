package org.mosaiccrm.distribution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw JDBC floors of the REST benchmark: for each list the API serves, the query an ideal
 * implementation would send, run with plain JDBC against the same database and data; the REST
 * figure cannot be below it. Every statement is in {@link #QUERIES} (and {@link #POSITIONS}), by
 * name, because the list machinery is changing under this benchmark: the lists move from OFFSET
 * and COUNT(*) to keyset paging over the NOT NULL sort-key columns {@code LAST_NAME_KEY} and
 * {@code FIRST_NAME_KEY} of CT_PERSON (lower-cased names, '' for none), indexed as
 * (LAST_NAME_KEY, ID) and (UPDATED_AT, ID). A build without those columns answers such a floor
 * with an SQL error, which the benchmark prints as "n/a: …" instead of failing.
 */
final class RawJdbcFloors {

    /** Rows of a list page, as the REST rows ask for ({@code limit=20}). */
    static final int PAGE = 20;

    /** The rule a restricted user's lists carry: their own records and their team's. */
    private static final String TEAM_RULE = "(OWNER_ID = ? OR TEAM_ID = ?)";

    /**
     * The measured statements, by the name the benchmark's rows refer to. Parameters, in order:
     * {@code lastName.after}: the sort key and id of the last row before the deep page (twice the
     * key); {@code q}, {@code tag}: a LIKE pattern; {@code byId}: an id. The {@code team.} form of
     * each list (see {@link #sql}) puts the owner and team ahead of those.
     */
    static final Map<String, String> QUERIES = named(
            "lastName", "SELECT * FROM CT_PERSON ORDER BY LAST_NAME_KEY, ID FETCH FIRST " + PAGE + " ROWS ONLY",
            "lastName.after", "SELECT * FROM CT_PERSON WHERE LAST_NAME_KEY >= ? AND (LAST_NAME_KEY > ? OR ID > ?)"
                    + " ORDER BY LAST_NAME_KEY, ID FETCH FIRST " + PAGE + " ROWS ONLY",
            "-updatedAt", "SELECT * FROM CT_PERSON ORDER BY UPDATED_AT DESC, ID DESC FETCH FIRST " + PAGE + " ROWS ONLY",
            // The list's order without a sort parameter: newest first (ids are time-ordered).
            "default", "SELECT * FROM CT_PERSON ORDER BY ID DESC FETCH FIRST " + PAGE + " ROWS ONLY",
            // q and tag as the API filters today (substrings of derived columns); no index serves a LIKE '%…%'.
            "q", "SELECT * FROM CT_PERSON WHERE SEARCH_TEXT LIKE ? ORDER BY ID DESC FETCH FIRST " + PAGE + " ROWS ONLY",
            "tag", "SELECT * FROM CT_PERSON WHERE TAGS LIKE ? ORDER BY ID DESC FETCH FIRST " + PAGE + " ROWS ONLY",
            "byId", "SELECT * FROM CT_PERSON WHERE ID = ?");

    /** Not measured: where the deep page starts, the sort key and id of the row before it (offset parameter). */
    static final Map<String, String> POSITIONS = named(
            "lastName", "SELECT LAST_NAME_KEY, ID FROM CT_PERSON ORDER BY LAST_NAME_KEY, ID OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY");

    /** What the statements' parameters come from. */
    record Params(String q, String tag, String ownerId, String teamId, List<String> ids, int deepOffset) {
    }

    /** A named statement as it is run: for {@code team.<name>} the list of {@code <name>} with the restricted user's rule added. */
    static String sql(String name) {
        boolean team = name.startsWith("team.");
        String plain = team ? QUERIES.get(name.substring(5)) : QUERIES.get(name);
        if (plain == null) {
            throw new IllegalArgumentException("no query named " + name);
        }
        return team ? withTeamRule(plain) : plain;
    }

    private static String withTeamRule(String sql) {
        return sql.contains(" WHERE ") ? sql.replace(" WHERE ", " WHERE " + TEAM_RULE + " AND ")
                : sql.replace(" ORDER BY ", " WHERE " + TEAM_RULE + " ORDER BY ");
    }

    /**
     * Clients that each run the named statement on a connection of their own, reading every
     * column of every row (as the API reads them to answer). A build without the statement's
     * columns fails here, at prepare time, with the database's message.
     */
    static ClosedLoop.Workers workers(Bench.Database database, String name, Params params) throws SQLException {
        String sql = sql(name);
        boolean team = name.startsWith("team.");
        String plain = team ? name.substring(5) : name;
        Object[] fixed = switch (plain) {
            case "lastName.after" -> position(database, team, params);
            case "q" -> new Object[] {"%" + params.q().toLowerCase(java.util.Locale.ROOT) + "%"};
            // Tags are stored as a JSON array of strings; the quotes make it a whole tag, as the API matches it.
            case "tag" -> new Object[] {"%\"" + params.tag() + "\"%"};
            default -> new Object[0];
        };
        return client -> new ClosedLoop.Worker() {
            private final Connection connection = database.connect();
            private final PreparedStatement statement = connection.prepareStatement(sql);

            @Override
            public boolean call(long i) throws SQLException {
                int p = 1;
                if (team) {
                    statement.setString(p++, params.ownerId());
                    statement.setString(p++, params.teamId());
                }
                if ("byId".equals(plain)) {
                    statement.setString(p, params.ids().get(ThreadLocalRandom.current().nextInt(params.ids().size())));
                }
                for (Object value : fixed) {
                    statement.setObject(p++, value);
                }
                // An empty answer is an answer, as an empty page of the API is (a rare q in a small team).
                try (ResultSet rs = statement.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int c = 1; c <= columns; c++) {
                            rs.getObject(c);
                        }
                    }
                }
                return true;
            }

            @Override
            public void close() throws SQLException {
                connection.close();
            }
        };
    }

    /** The parameters of the keyset continuation: key, key, id of the row before the deep page. */
    private static Object[] position(Bench.Database database, boolean team, Params params) throws SQLException {
        String sql = team ? withTeamRule(POSITIONS.get("lastName")) : POSITIONS.get("lastName");
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            int p = 1;
            if (team) {
                s.setString(p++, params.ownerId());
                s.setString(p++, params.teamId());
            }
            s.setInt(p, params.deepOffset());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("fewer than " + (params.deepOffset() + 1) + " rows: no deep page");
                }
                return new Object[] {rs.getString(1), rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static Map<String, String> named(String... nameAndSql) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSql.length; i += 2) {
            map.put(nameAndSql[i], nameAndSql[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
