package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics in step with tables that grow fast. PostgreSQL plans a
 * query from the statistics the last ANALYZE left; autovacuum analyzes a table only after its
 * naptime (a minute) and once a tenth of it changed. A table that is filled from empty by an
 * import therefore has no statistics while it fills, and the planner takes the import's own
 * look-ups ({@code PRIMARY_EMAIL IN (…)} over 100 values) for a scan of the table: 50 ms at
 * 30,000 rows instead of 2 ms over the index, and growing with the table. PostgreSQL's
 * documentation says to run ANALYZE after a bulk load; this does so as the load goes on.
 *
 * <p>Committed inserts are counted per table; when a table has received {@link #due} rows (half
 * as many as it held at its last analysis, within bounds), one background thread analyzes it (a
 * sample of the table: a fraction of a second), so a table that grows from empty to a million
 * rows is analyzed about fifty times. Never on Derby, which
 * estimates row counts from the table itself.
 */
final class TableStatistics implements AutoCloseable {

    static final long MIN_GROWTH = 1_000;
    /** An analysis samples a fixed number of rows (a fraction of a second at any size): affordable every this many inserts. */
    static final long MAX_GROWTH = 25_000;

    private static final Logger LOG = LoggerFactory.getLogger(TableStatistics.class);
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource dataSource;
    /** Rows inserted since the table's last analysis. */
    private final Map<String, Long> inserted = new ConcurrentHashMap<>();
    /** The table's rows as its last analysis counted them. */
    private final Map<String, Long> analyzed = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-table-statistics");
        t.setDaemon(true);
        return t;
    });

    TableStatistics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rows inserted after which a table of {@code rows} (at its last analysis) is analyzed again:
     * half its size, at least {@link #MIN_GROWTH} and at most {@link #MAX_GROWTH}. The cap is for
     * what the size does not show. A large table may fill with rows of a new kind: another team's
     * import into a million people, whose team the last statistics gave one row. The planner
     * then read the team's index for every duplicate look-up of that import, 70,000 rows for 100
     * keys (45 ms each), until half the table again had been inserted.
     */
    static long due(long rows) {
        return Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, rows / 2));
    }

    /** Notes rows committed into a table; may queue its analysis. */
    void inserted(String table, long rows) {
        if (rows <= 0 || !TABLE.matcher(table).matches()) {
            return;
        }
        long since = inserted.merge(table, rows, Long::sum);
        if (since >= due(analyzed.getOrDefault(table, 0L)) && queued.add(table)) {
            worker.execute(() -> analyze(table));
        }
    }

    private void analyze(String table) {
        long counted = inserted.getOrDefault(table, 0L);
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + table);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
                p.setString(1, table.toLowerCase(java.util.Locale.ROOT));
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        analyzed.put(table, Math.max(0, rs.getLong(1)));
                    }
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            inserted.merge(table, -counted, Long::sum);
            LOG.debug("Analyzed {} after {} inserted rows", table, counted);
        } catch (SQLException e) {
            LOG.warn("Could not analyze {}: {}", table, e.getMessage());
        } finally {
            queued.remove(table);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
