package org.mosaiccrm.distribution;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The board and the forecast as a developer would write them by hand in SQL over JDBC, the
 * floor beside the API's figures in {@code FunnelBenchmark}; and both answers reduced to the
 * same text (counts and amounts per stage or period, key and currency; the board's card ids),
 * so that the benchmark can check that the API and the SQL did the same work.
 */
final class FunnelSql {

    /** Whose view: everything (null user) or a team member's (the team's deals and their own). */
    record Reach(String userId, String teamId) {
        static final Reach ALL = new Reach(null, null);

        String rule() {
            return userId == null ? "" : " AND (d.TEAM_ID = ? OR d.OWNER_ID = ?)";
        }

        int bind(PreparedStatement s, int p) throws SQLException {
            if (userId != null) {
                s.setString(p++, teamId);
                s.setString(p++, userId);
            }
            return p;
        }
    }

    private FunnelSql() {
    }

    /**
     * The board of a pipeline: its stages in order, per stage and currency the count, amount and
     * weighted amount (the deal's probability, else the stage's) in one grouped query, and per
     * stage its first 50 deals, recently changed first, with their organizations' names.
     */
    static String board(Connection c, String pipelineId, Reach reach) throws SQLException {
        List<String> stages = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ID, NAME, PROBABILITY, KIND, ROT_DAYS FROM FN_STAGE WHERE PIPELINE_ID = ?"
                + " ORDER BY POSITION")) {
            s.setString(1, pipelineId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stages.add(rs.getString(1));
                }
            }
        }
        Map<String, Map<String, String>> totals = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.STAGE_ID, d.CURRENCY, COUNT(*), SUM(d.AMOUNT),"
                + " SUM(d.AMOUNT * COALESCE(d.PROBABILITY, st.PROBABILITY)) / 100 FROM FN_DEAL d JOIN FN_STAGE st ON st.ID = d.STAGE_ID"
                + " WHERE d.PIPELINE_ID = ?" + reach.rule() + " GROUP BY d.STAGE_ID, d.CURRENCY")) {
            s.setString(1, pipelineId);
            reach.bind(s, 2);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String stage = rs.getString(1);
                    String currency = rs.getString(2);
                    long count = rs.getLong(3);
                    BigDecimal amount = rs.getBigDecimal(4);
                    rs.getBigDecimal(5);
                    counts.merge(stage, count, Long::sum);
                    if (currency != null) {
                        totals.computeIfAbsent(stage, k -> new TreeMap<>()).put(currency, count + " " + plain(amount));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("SELECT d.ID, d.VERSION, d.TITLE, d.ORGANIZATION_ID, o.NAME, d.AMOUNT, d.CURRENCY,"
                + " d.OWNER_ID, d.STAGE_SINCE, d.EXPECTED_CLOSE FROM FN_DEAL d LEFT JOIN CT_ORGANIZATION o ON o.ID = d.ORGANIZATION_ID"
                + " WHERE d.PIPELINE_ID = ? AND d.STAGE_ID = ?" + reach.rule() + " ORDER BY d.UPDATED_AT DESC, d.ID DESC"
                + " FETCH FIRST 51 ROWS ONLY")) {
            for (String stage : stages) {
                s.setString(1, pipelineId);
                s.setString(2, stage);
                reach.bind(s, 3);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        for (int col = 2; col <= 10; col++) {
                            rs.getObject(col);
                        }
                        ids.add(rs.getString(1));
                    }
                }
                out.append(line(stage, counts.getOrDefault(stage, 0L), totals.getOrDefault(stage, Map.of()), ids.subList(0,
                        Math.min(ids.size(), 50))));
            }
        }
        return out.toString();
    }

    /** The API's board reduced as {@link #board} reduces the SQL's. */
    static String board(JsonNode board) {
        StringBuilder out = new StringBuilder();
        for (JsonNode stage : board.path("stages")) {
            Map<String, String> totals = new TreeMap<>();
            for (JsonNode t : stage.path("totals")) {
                totals.put(t.path("currency").asText(), t.path("count").asLong() + " " + plain(new BigDecimal(t.path("amount").asText())));
            }
            List<String> ids = new ArrayList<>();
            stage.path("deals").forEach(d -> ids.add(d.path("id").asText()));
            out.append(line(stage.path("id").asText(), stage.path("count").asLong(), totals, ids));
        }
        return out.toString();
    }

    private static String line(String stage, long count, Map<String, String> totals, List<String> ids) {
        return stage + " count " + count + " " + totals + " cards " + ids + "\n";
    }

    /**
     * The forecast of a pipeline by month over {@code from} to {@code to}: open deals with an
     * amount by expected close, weighted by their probability (else their stage's); won deals by
     * the day they were won, at 100 % and as won; grouped by {@code key} (OWNER_ID, TEAM_ID or
     * STAGE_ID) and currency. Two grouped queries, as anyone would write them.
     */
    static String forecast(Connection c, String pipelineId, LocalDate from, LocalDate to, String key, Reach reach) throws SQLException {
        boolean postgres = RawJdbcBaseline.isPostgres(c);
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        String open = "SELECT " + ym(postgres, "d.EXPECTED_CLOSE") + ", d." + key + ", d.CURRENCY, COUNT(*), SUM(d.AMOUNT),"
                + " SUM(d.AMOUNT * COALESCE(d.PROBABILITY, st.PROBABILITY)) / 100 FROM FN_DEAL d JOIN FN_STAGE st ON st.ID = d.STAGE_ID"
                + " WHERE d.PIPELINE_ID = ? AND d.AMOUNT IS NOT NULL AND d.CLOSED_AT IS NULL AND d.EXPECTED_CLOSE BETWEEN ? AND ?"
                + reach.rule() + " GROUP BY " + ym(postgres, "d.EXPECTED_CLOSE") + ", d." + key + ", d.CURRENCY";
        try (PreparedStatement s = c.prepareStatement(open)) {
            s.setString(1, pipelineId);
            s.setDate(2, Date.valueOf(from));
            s.setDate(3, Date.valueOf(to));
            reach.bind(s, 4);
            add(s, sums, false);
        }
        String won = "SELECT " + ym(postgres, "d.CLOSED_AT") + ", d." + key + ", d.CURRENCY, COUNT(*), SUM(d.AMOUNT), SUM(d.AMOUNT)"
                + " FROM FN_DEAL d JOIN FN_STAGE st ON st.ID = d.STAGE_ID WHERE d.PIPELINE_ID = ? AND d.AMOUNT IS NOT NULL"
                + " AND st.KIND = 'won' AND d.CLOSED_AT >= ? AND d.CLOSED_AT < ?" + reach.rule()
                + " GROUP BY " + ym(postgres, "d.CLOSED_AT") + ", d." + key + ", d.CURRENCY";
        try (PreparedStatement s = c.prepareStatement(won)) {
            s.setString(1, pipelineId);
            s.setTimestamp(2, Timestamp.valueOf(from.atStartOfDay()));
            s.setTimestamp(3, Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
            reach.bind(s, 4);
            add(s, sums, true);
        }
        StringBuilder out = new StringBuilder();
        sums.forEach((k, v) -> out.append(k).append(' ').append(v[0].longValue()).append(' ').append(plain(v[1])).append('\n'));
        return out.toString();
    }

    private static String ym(boolean postgres, String column) {
        return postgres ? "EXTRACT(YEAR FROM " + column + "), EXTRACT(MONTH FROM " + column + ")"
                : "YEAR(" + column + "), MONTH(" + column + ")";
    }

    private static void add(PreparedStatement s, Map<String, BigDecimal[]> sums, boolean won) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String period = String.format(Locale.ROOT, "%04d-%02d", rs.getInt(1), rs.getInt(2));
                BigDecimal[] sum = sums.computeIfAbsent(period + " " + rs.getString(3) + " " + rs.getString(4),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sum[0] = sum[0].add(BigDecimal.valueOf(rs.getLong(5)));
                sum[1] = sum[1].add(rs.getBigDecimal(6));
                sum[2] = sum[2].add(rs.getBigDecimal(7));
                if (won) {
                    sum[3] = sum[3].add(rs.getBigDecimal(6));
                }
            }
        }
    }

    /** The API's forecast reduced as {@link #forecast} reduces the SQL's. */
    static String forecast(JsonNode forecast) {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode r : forecast.path("periods")) {
            rows.put(r.path("period").asText() + " " + r.path("key").asText() + " " + r.path("currency").asText(),
                    r.path("count").asLong() + " " + plain(new BigDecimal(r.path("amount").asText())));
        }
        StringBuilder out = new StringBuilder();
        rows.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
        return out.toString();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "0" : amount.stripTrailingZeros().toPlainString();
    }

    /** A query of this class as closed-loop clients, each on a connection of its own. */
    @FunctionalInterface
    interface Query {
        String run(Connection c) throws SQLException;
    }

    static ClosedLoop.Workers workers(Bench.Database database, Query query) {
        return client -> new ClosedLoop.Worker() {
            private final Connection connection = database.connect();

            @Override
            public boolean call(long i) throws SQLException {
                query.run(connection);
                return true;
            }

            @Override
            public void close() throws SQLException {
                connection.close();
            }
        };
    }
}
