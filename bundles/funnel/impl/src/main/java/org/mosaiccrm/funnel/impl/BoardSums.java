package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DerivedTable;

/**
 * The sales board's totals per pipeline, stage, currency, own probability, team and owner
 * (FN_BOARD_SUM), kept in step with the deals by the platform (see {@link DerivedTable}): a
 * board then sums a few hundred rows per pipeline instead of every deal in it — at 100,000
 * deals a pipeline, the difference between reading 100,000 index entries per request and
 * reading a page. Owner and team are in the key so that the access rule applies to the
 * totals as it does to the deals; the own probability so that the weighted amount is computed
 * at read time with the stage's current probability (an admin may change it).
 */
final class BoardSums implements DerivedTable {

    private static final String KEY = "PIPELINE_ID, STAGE_ID, CURRENCY, PROBABILITY, TEAM_ID, OWNER_ID";

    /** A group's key; compared as a whole so that every transaction locks rows in the same order. */
    record Key(String pipelineId, String stageId, String currency, int probability, String teamId, String ownerId) implements Comparable<Key> {

        static Key of(Map<String, Object> deal) {
            Object probability = deal.get(Deal.PROBABILITY.getName());
            Object currency = deal.get(Deal.CURRENCY.getName());
            return new Key((String) deal.get(Deal.PIPELINE_ID.getName()), (String) deal.get(Deal.STAGE_ID.getName()),
                    currency == null ? BoardSum.NO_CURRENCY : (String) currency,
                    probability == null ? BoardSum.STAGE_PROBABILITY : ((Number) probability).intValue(),
                    (String) deal.get("teamId"), (String) deal.get("ownerId"));
        }

        @Override
        public int compareTo(Key o) {
            int c = pipelineId.compareTo(o.pipelineId);
            c = c != 0 ? c : stageId.compareTo(o.stageId);
            c = c != 0 ? c : currency.compareTo(o.currency);
            c = c != 0 ? c : Integer.compare(probability, o.probability);
            c = c != 0 ? c : teamId.compareTo(o.teamId);
            return c != 0 ? c : ownerId.compareTo(o.ownerId);
        }

        Object[] values() {
            return new Object[] {pipelineId, stageId, currency, probability, teamId, ownerId};
        }
    }

    /** What a transaction adds to a group: deals and amount, either may be negative. */
    private static final class Delta {
        long deals;
        BigDecimal amount = BigDecimal.ZERO;

        boolean none() {
            return deals == 0 && amount.signum() == 0;
        }
    }

    @Override
    public Class<?> type() {
        return Deal.class;
    }

    @Override
    public void apply(ObjectContext ctx, DatabaseKind database, List<Change> changes) {
        Map<Key, Delta> deltas = new TreeMap<>();
        for (Change change : changes) {
            if (change.before() != null) {
                add(deltas, change.before(), -1);
            }
            if (change.after() != null) {
                add(deltas, change.after(), 1);
            }
        }
        deltas.forEach((key, delta) -> {
            if (!delta.none()) {
                write(ctx, database, key, delta);
            }
        });
    }

    private static void add(Map<Key, Delta> deltas, Map<String, Object> deal, int sign) {
        Delta delta = deltas.computeIfAbsent(Key.of(deal), k -> new Delta());
        delta.deals += sign;
        Object amount = deal.get(Deal.AMOUNT.getName());
        if (amount != null) {
            BigDecimal value = (BigDecimal) amount;
            delta.amount = delta.amount.add(sign < 0 ? value.negate() : value);
        }
    }

    /**
     * Adds the delta to its group's row, creating the row the first time. PostgreSQL's upsert is
     * safe against a concurrent first insert of the same group; on Derby a failed insert only
     * undoes its statement, so the other transaction's new row is then updated instead.
     */
    private static void write(ObjectContext ctx, DatabaseKind database, Key key, Delta delta) {
        Object[] k = key.values();
        if (database == DatabaseKind.POSTGRESQL) {
            Sql.exec(ctx, "INSERT INTO FN_BOARD_SUM (" + KEY + ", DEALS, AMOUNT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (" + KEY + ") DO UPDATE SET DEALS = FN_BOARD_SUM.DEALS + EXCLUDED.DEALS,"
                    + " AMOUNT = FN_BOARD_SUM.AMOUNT + EXCLUDED.AMOUNT",
                    k[0], k[1], k[2], k[3], k[4], k[5], delta.deals, delta.amount);
            return;
        }
        if (update(ctx, k, delta) > 0) {
            return;
        }
        try {
            Sql.exec(ctx, "INSERT INTO FN_BOARD_SUM (" + KEY + ", DEALS, AMOUNT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    k[0], k[1], k[2], k[3], k[4], k[5], delta.deals, delta.amount);
        } catch (RuntimeException e) {
            if (!duplicate(e) || update(ctx, k, delta) == 0) {
                throw e;
            }
        }
    }

    private static int update(ObjectContext ctx, Object[] k, Delta delta) {
        return Sql.exec(ctx, "UPDATE FN_BOARD_SUM SET DEALS = DEALS + ?, AMOUNT = AMOUNT + ? WHERE PIPELINE_ID = ? AND STAGE_ID = ?"
                + " AND CURRENCY = ? AND PROBABILITY = ? AND TEAM_ID = ? AND OWNER_ID = ?",
                delta.deals, delta.amount, k[0], k[1], k[2], k[3], k[4], k[5]);
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && Objects.equals(sql.getSQLState(), "23505")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table from the deals, with the deals locked against change first: a transaction that
     * already changed a deal commits (its totals with it) before the lock is granted, and the
     * recount sees it; one that comes later waits until the recount committed. Every writer
     * takes the deal before its totals, and so does this, so neither waits for the other
     * crosswise. Writes of deals pause for the recount (well under a second at 100,000 deals).
     */
    @Override
    public void rebuild(ObjectContext ctx, DatabaseKind database) {
        Sql.exec(ctx, "LOCK TABLE FN_DEAL IN SHARE MODE");
        Sql.exec(ctx, "DELETE FROM FN_BOARD_SUM");
        Sql.exec(ctx, "INSERT INTO FN_BOARD_SUM (" + KEY + ", DEALS, AMOUNT)"
                + " SELECT PIPELINE_ID, STAGE_ID, COALESCE(CURRENCY, ''), COALESCE(PROBABILITY, -1), TEAM_ID, OWNER_ID,"
                + " COUNT(*), COALESCE(SUM(AMOUNT), 0) FROM FN_DEAL GROUP BY PIPELINE_ID, STAGE_ID, CURRENCY, PROBABILITY, TEAM_ID, OWNER_ID");
    }

    /** The table of migration 8; the first start fills it ({@link #rebuild}). */
    static void create(org.mosaiccrm.platform.spi.MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE FN_BOARD_SUM (PIPELINE_ID VARCHAR(36) NOT NULL, STAGE_ID VARCHAR(36) NOT NULL,"
                + " CURRENCY VARCHAR(3) NOT NULL, PROBABILITY INTEGER NOT NULL, TEAM_ID VARCHAR(36) NOT NULL,"
                + " OWNER_ID VARCHAR(36) NOT NULL, DEALS BIGINT NOT NULL, AMOUNT DECIMAL(31, 4) NOT NULL,"
                + " PRIMARY KEY (" + KEY + "))");
    }
}
