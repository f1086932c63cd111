package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.apache.cayenne.CayenneRuntimeException;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.events.RecordChange;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.Migration;

/**
 * {@link ChangeLog} on the table MOSAIC_CHANGE_LOG, whose identity column gives the sequence.
 * Appends go through Cayenne ({@link Sql}) so that they join the writing transaction; reads use
 * plain JDBC, outside any transaction, and so only ever see committed entries.
 */
final class ChangeLogTable implements ChangeLog {

    /** The schema of the log, migrated like a module's under this id. */
    static final String SCHEMA_ID = "platform.changelog";
    static final List<Migration> MIGRATIONS = List.of(Migration.of(1, "change log followed by search and other nodes",
            "CREATE TABLE MOSAIC_CHANGE_LOG (SEQ BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, CHANGED_AT TIMESTAMP NOT NULL,"
                    + " MODULE_ID VARCHAR(100) NOT NULL, RECORD_TYPE VARCHAR(100) NOT NULL, RECORD_ID VARCHAR(100) NOT NULL,"
                    + " CHANGE_KIND VARCHAR(10) NOT NULL)",
            "CREATE INDEX MOSAIC_CHANGE_LOG_AT ON MOSAIC_CHANGE_LOG (CHANGED_AT)"));

    /** The columns an append writes (the sequence is the table's). */
    private static final List<String> APPENDED = List.of("CHANGED_AT", "MODULE_ID", "RECORD_TYPE", "RECORD_ID", "CHANGE_KIND");
    private static final String COLUMNS = "SEQ, CHANGED_AT, MODULE_ID, RECORD_TYPE, RECORD_ID, CHANGE_KIND";

    private final DataSource dataSource;
    private final Duration retention;

    ChangeLogTable(DataSource dataSource, Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    @Override
    public void append(ObjectContext context, List<Change> changes) {
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (Change c : changes) {
            rows.add(new Object[] {now, c.module(), c.type(), c.id(), c.kind().name()});
        }
        Sql.insert(context, "MOSAIC_CHANGE_LOG", APPENDED, rows);
    }

    @Override
    public List<Entry> after(long after, int limit) {
        return query("SELECT " + COLUMNS + " FROM MOSAIC_CHANGE_LOG WHERE SEQ > ? ORDER BY SEQ FETCH FIRST "
                + Math.max(1, limit) + " ROWS ONLY", after);
    }

    @Override
    public List<Entry> bySequence(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(sequences.size(), "?"));
        return query("SELECT " + COLUMNS + " FROM MOSAIC_CHANGE_LOG WHERE SEQ IN (" + marks + ") ORDER BY SEQ", sequences.toArray());
    }

    @Override
    public long lastSequence() {
        return number("SELECT MAX(SEQ) FROM MOSAIC_CHANGE_LOG");
    }

    @Override
    public long startingPointFor(Instant since) {
        long first = number("SELECT MIN(SEQ) FROM MOSAIC_CHANGE_LOG WHERE CHANGED_AT >= ?", Timestamp.from(since));
        return first > 0 ? first - 1 : lastSequence();
    }

    @Override
    public int prune(Instant before) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM MOSAIC_CHANGE_LOG WHERE CHANGED_AT < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new CayenneRuntimeException("Pruning the change log failed", e);
        }
    }

    @Override
    public Duration retention() {
        return retention;
    }

    private long number(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new CayenneRuntimeException("Reading the change log failed", e);
        }
    }

    private List<Entry> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            List<Entry> entries = new ArrayList<>();
            while (rs.next()) {
                entries.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), RecordChange.valueOf(rs.getString(6))));
            }
            return entries;
        } catch (SQLException e) {
            throw new CayenneRuntimeException("Reading the change log failed", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}
