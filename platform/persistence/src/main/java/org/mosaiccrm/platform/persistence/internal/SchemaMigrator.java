package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.spi.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a module's schema forward. The version each module reached is a row of
 * MOSAIC_SCHEMA_VERSION; each pending migration runs in its own transaction together with
 * the version bump, under a table lock so that several nodes starting at once apply it once.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DataSource dataSource;
    private final DatabaseKind kind;

    public SchemaMigrator(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /** The version the module's schema has reached, 0 when it has none yet. */
    public int currentVersion(String moduleId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ensureVersionTable(c);
            return readVersion(c, moduleId);
        }
    }

    public void migrate(String moduleId, List<Migration> migrations) throws SQLException {
        List<Migration> ordered = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).version() != i + 1) {
                throw new IllegalArgumentException("Migrations of module '" + moduleId + "' must be numbered 1.." + ordered.size()
                        + " without gaps; found version " + ordered.get(i).version() + " at position " + (i + 1));
            }
        }
        try (Connection c = dataSource.getConnection()) {
            ensureVersionTable(c);
            ensureVersionRow(c, moduleId);
            int reached = readVersion(c, moduleId);
            if (reached > ordered.size()) {
                throw new DowngradeRefused("Module '" + moduleId + "': the database's schema is at version " + reached
                        + ", this build knows " + ordered.size() + " migrations; a newer Mosaic has run on this database.");
            }
            for (Migration migration : ordered) {
                applyIfPending(c, moduleId, migration);
            }
        }
    }

    private void applyIfPending(Connection c, String moduleId, Migration migration) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement lock = c.createStatement()) {
                lock.execute("LOCK TABLE MOSAIC_SCHEMA_VERSION IN EXCLUSIVE MODE");
            }
            if (readVersion(c, moduleId) >= migration.version()) {
                c.rollback();
                return;
            }
            migration.apply(new JdbcMigrationContext(c, kind));
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE MOSAIC_SCHEMA_VERSION SET VERSION = ?, APPLIED_AT = ? WHERE MODULE_ID = ?")) {
                update.setInt(1, migration.version());
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, moduleId);
                update.executeUpdate();
            }
            c.commit();
            LOG.info("Module '{}': schema migrated to version {} ({})", moduleId, migration.version(), migration.description());
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static int readVersion(Connection c, String moduleId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT VERSION FROM MOSAIC_SCHEMA_VERSION WHERE MODULE_ID = ?")) {
            select.setString(1, moduleId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void ensureVersionRow(Connection c, String moduleId) throws SQLException {
        c.setAutoCommit(true);
        if (readVersion(c, moduleId) > 0) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO MOSAIC_SCHEMA_VERSION (MODULE_ID, VERSION, APPLIED_AT) VALUES (?, 0, ?)")) {
            insert.setString(1, moduleId);
            insert.setTimestamp(2, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement create = c.createStatement()) {
            create.execute("CREATE TABLE MOSAIC_SCHEMA_VERSION (MODULE_ID VARCHAR(100) NOT NULL PRIMARY KEY,"
                    + " VERSION INTEGER NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            if (!isAlreadyExists(e)) {
                throw e;
            }
        }
    }

    static boolean isAlreadyExists(SQLException e) {
        // Derby: X0Y32; PostgreSQL: 42P07 (duplicate table), 23505 when two nodes race on the catalog.
        return "X0Y32".equals(e.getSQLState()) || "42P07".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
