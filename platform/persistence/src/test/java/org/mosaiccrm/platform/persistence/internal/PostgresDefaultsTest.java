package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class PostgresDefaultsTest {

    @Test
    void givenPropertiesWinOverTheDefaults() {
        Properties given = new Properties();
        given.setProperty("user", "mosaic");
        given.setProperty("reWriteBatchedInserts", "false");
        Properties merged = PostgresDefaults.withDefaults(given);
        assertEquals("false", merged.getProperty("reWriteBatchedInserts"));
        assertEquals("mosaic", merged.getProperty("user"));
        assertEquals("-c plan_cache_mode=force_custom_plan", merged.getProperty("options"));
    }

    /** On a real server: the session plans every statement with its values. */
    @Test
    void sessionsPlanWithTheValues() throws Exception {
        String url = System.getenv("MOSAIC_TEST_PG_URL");
        assumeTrue(url != null, "MOSAIC_TEST_PG_URL names no PostgreSQL database");
        Properties info = new Properties();
        info.setProperty("user", System.getenv("MOSAIC_TEST_PG_USER"));
        info.setProperty("password", System.getenv("MOSAIC_TEST_PG_PASSWORD"));
        try (Connection c = DataSources.driver(DatabaseSettings.of(url, null, null).kind()).connect(url, info);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            assertEquals("force_custom_plan", rs.getString(1));
        }
    }
}
