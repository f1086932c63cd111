package org.mosaiccrm.platform.persistence.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mosaic builds a database has run, one row each (MOSAIC_INSTALLATION), checked before
 * anything else touches the database: a build older than the newest one recorded is refused
 * ({@link DowngradeRefused}), a newer one is recorded and says which it upgraded from. The
 * check and the record are one transaction under a table lock, so that nodes starting together
 * on one PostgreSQL agree. Which build this is comes from the distribution's
 * {@code etc/mosaic-version.properties}; without that file (tests of the engine alone) nothing
 * is checked.
 */
public final class InstallationVersion {

    private static final Logger LOG = LoggerFactory.getLogger(InstallationVersion.class);

    /** One Mosaic build: its version and when it was built (later builds of one version are newer). */
    public record Build(String version, String built, String id) {

        static final Comparator<Build> AGE = Comparator.comparing(Build::version, InstallationVersion::compareVersions)
                .thenComparing(Build::built);

        boolean newerThan(Build other) {
            return AGE.compare(this, other) > 0;
        }

        @Override
        public String toString() {
            return version + " (built " + built + ")";
        }
    }

    /** What happened at this start, for the log and the operator. */
    public record Outcome(Build current, Optional<Build> previous, boolean earlierUnrecorded) {

        public Optional<String> message() {
            if (previous.isPresent() && !previous.get().id().equals(current.id())) {
                return Optional.of("Mosaic upgraded from " + previous.get() + " to " + current);
            }
            if (previous.isEmpty() && earlierUnrecorded) {
                return Optional.of("Mosaic upgraded from an earlier version (one that did not record its version) to " + current);
            }
            return Optional.empty();
        }
    }

    private InstallationVersion() {
    }

    /** This installation's build, from {@code <karaf.etc>/mosaic-version.properties}; empty where there is none. */
    public static Optional<Build> ofInstallation() {
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            return Optional.empty();
        }
        Path file = Path.of(etc, "mosaic-version.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("The distribution's " + file + " could not be read", e);
        }
        return Optional.of(new Build(p.getProperty("version", "unknown"), p.getProperty("built", ""),
                p.getProperty("build.id", p.getProperty("version", "unknown"))));
    }

    /**
     * Refuses a database a newer build has run; otherwise records this build as run now.
     *
     * @throws DowngradeRefused when a newer build is on record
     */
    public static Outcome check(Connection c, Build current) throws SQLException {
        c.setAutoCommit(true);
        try (Statement create = c.createStatement()) {
            create.execute("CREATE TABLE MOSAIC_INSTALLATION (BUILD_ID VARCHAR(200) NOT NULL PRIMARY KEY,"
                    + " VERSION VARCHAR(100) NOT NULL, BUILT VARCHAR(40) NOT NULL, FIRST_STARTED TIMESTAMP NOT NULL,"
                    + " LAST_STARTED TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            if (!SchemaMigrator.isAlreadyExists(e)) {
                throw e;
            }
        }
        c.setAutoCommit(false);
        try {
            try (Statement lock = c.createStatement()) {
                lock.execute("LOCK TABLE MOSAIC_INSTALLATION IN EXCLUSIVE MODE");
            }
            List<Build> known = new ArrayList<>();
            Build last = null;
            Timestamp lastAt = null;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT BUILD_ID, VERSION, BUILT, LAST_STARTED FROM MOSAIC_INSTALLATION")) {
                while (rs.next()) {
                    Build b = new Build(rs.getString(2), rs.getString(3), rs.getString(1));
                    known.add(b);
                    if (lastAt == null || rs.getTimestamp(4).after(lastAt)) {
                        last = b;
                        lastAt = rs.getTimestamp(4);
                    }
                }
            }
            Optional<Build> newest = known.stream().max(Build.AGE);
            if (newest.isPresent() && newest.get().newerThan(current)) {
                throw new DowngradeRefused("This database has been run by Mosaic " + newest.get() + ", which is newer than this Mosaic "
                        + current + ". Mosaic does not run on data a newer version has used: start Mosaic " + newest.get().version()
                        + " or later, or restore a backup made before the upgrade.");
            }
            boolean earlierUnrecorded = known.isEmpty() && hasEarlierSchema(c);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement update = c.prepareStatement("UPDATE MOSAIC_INSTALLATION SET LAST_STARTED = ? WHERE BUILD_ID = ?")) {
                update.setTimestamp(1, now);
                update.setString(2, current.id());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO MOSAIC_INSTALLATION"
                            + " (BUILD_ID, VERSION, BUILT, FIRST_STARTED, LAST_STARTED) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, current.id());
                        insert.setString(2, current.version());
                        insert.setString(3, current.built());
                        insert.setTimestamp(4, now);
                        insert.setTimestamp(5, now);
                        insert.executeUpdate();
                    }
                }
            }
            c.commit();
            Outcome outcome = new Outcome(current, Optional.ofNullable(last), earlierUnrecorded);
            outcome.message().ifPresent(LOG::info);
            return outcome;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Whether an earlier Mosaic, one that kept no build record, has run on this database. */
    private static boolean hasEarlierSchema(Connection c) throws SQLException {
        // Asked of the catalog, not by a query that fails: a failed statement aborts a PostgreSQL transaction.
        for (String name : List.of("MOSAIC_SCHEMA_VERSION", "mosaic_schema_version")) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM MOSAIC_SCHEMA_VERSION")) {
                        return rs.next() && rs.getLong(1) > 0;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Compares Maven versions: numeric parts in order (1.10 after 1.9), then a release after any
     * qualified version of the same numbers (0.2.0 after 0.2.0-SNAPSHOT), then qualifiers as text.
     */
    static int compareVersions(String a, String b) {
        String[] qa = a.split("-", 2);
        String[] qb = b.split("-", 2);
        String[] na = qa[0].split("\\.");
        String[] nb = qb[0].split("\\.");
        for (int i = 0; i < Math.max(na.length, nb.length); i++) {
            int c = Long.compare(number(na, i), number(nb, i));
            if (c != 0) {
                return c;
            }
        }
        if (qa.length == 1 || qb.length == 1) {
            return Integer.compare(qb.length, qa.length);
        }
        return qa[1].compareTo(qb[1]);
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
