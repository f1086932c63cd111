package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.persistence.internal.InstallationVersion.Build;
import org.mosaiccrm.platform.spi.Migration;

class InstallationVersionTest {

    private static final Build OLD = new Build("0.1.0", "2026-01-01T00:00:00Z", "0.1.0+2026-01-01T00:00:00Z");
    private static final Build NEW = new Build("0.2.0-SNAPSHOT", "2025-01-01T00:00:00Z", "0.2.0-SNAPSHOT+2025-01-01T00:00:00Z");

    private static Connection derby() throws Exception {
        DatabaseSettings s = DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null);
        return DataSources.driver(s.kind()).connect(s.url(), new Properties());
    }

    @Test
    void versionsCompareByTheirNumbersThenReleaseAfterQualified() {
        assertTrue(InstallationVersion.compareVersions("0.10.0", "0.9.1") > 0);
        assertTrue(InstallationVersion.compareVersions("0.2.0", "0.2.0-SNAPSHOT") > 0);
        assertTrue(InstallationVersion.compareVersions("1.0", "1.0.0") == 0);
        assertTrue(InstallationVersion.compareVersions("0.2.0-SNAPSHOT", "0.1.9") > 0);
    }

    @Test
    void anUpgradeIsRecordedAndSaidAndADowngradeRefused() throws Exception {
        try (Connection c = derby()) {
            assertEquals(Optional.empty(), InstallationVersion.check(c, OLD).message(), "a new database is no upgrade");
            assertEquals(Optional.empty(), InstallationVersion.check(c, OLD).message(), "nor is a restart");
            assertEquals(Optional.of("Mosaic upgraded from " + OLD + " to " + NEW), InstallationVersion.check(c, NEW).message());
            DowngradeRefused refused = assertThrows(DowngradeRefused.class, () -> InstallationVersion.check(c, OLD));
            assertTrue(refused.getMessage().contains("0.2.0-SNAPSHOT"), refused.getMessage());
            assertEquals(Optional.empty(), InstallationVersion.check(c, NEW).message(), "the refused start recorded nothing");
        }
    }

    @Test
    void aDatabaseOfABuildThatKeptNoRecordIsAnUpgradeFromAnEarlierVersion() throws Exception {
        try (Connection c = derby()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE MOSAIC_SCHEMA_VERSION (MODULE_ID VARCHAR(100) NOT NULL PRIMARY KEY,"
                        + " VERSION INTEGER NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)");
                s.execute("INSERT INTO MOSAIC_SCHEMA_VERSION VALUES ('contacts', 3, CURRENT_TIMESTAMP)");
            }
            assertTrue(InstallationVersion.check(c, NEW).message().orElseThrow().startsWith("Mosaic upgraded from an earlier version"));
        }
    }

    @Test
    void aSchemaAheadOfTheMigrationsThisBuildKnowsIsRefused() throws Exception {
        DatabaseSettings s = DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null);
        SchemaMigrator migrator = new SchemaMigrator(DataSources.open(s), s.kind());
        Migration one = Migration.of(1, "one", "CREATE TABLE T_ONE (ID INTEGER)");
        Migration two = Migration.of(2, "two", "CREATE TABLE T_TWO (ID INTEGER)");
        migrator.migrate("m", List.of(one, two));
        migrator.migrate("m", List.of(one, two));
        assertThrows(DowngradeRefused.class, () -> migrator.migrate("m", List.of(one)));
    }
}
