package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** The pool's sizes are read from Cayenne's pool as it is: this fails when an upgrade moves them. */
class PoolMetricsTest {

    @Test
    void readsConnectionsInUseAndIdleFromCayennesPool() throws Exception {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:derby:memory:" + UUID.randomUUID() + ";create=true", null, null);
        DataSource pool = DataSources.open(settings);
        try {
            PoolMetrics.Sizes before = PoolMetrics.sizes(pool);
            assertNotNull(before, "Cayenne's pool no longer has poolSize()/availableSize()");
            try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                PoolMetrics.Sizes busy = PoolMetrics.sizes(pool);
                assertEquals(2, busy.open() - busy.idle(), "two connections in use");
            }
            PoolMetrics.Sizes after = PoolMetrics.sizes(pool);
            assertEquals(0, after.open() - after.idle(), "none in use once both are back");
            assertEquals(after.open(), after.idle());
        } finally {
            ((AutoCloseable) pool).close();
            DataSources.shutdownEmbedded(settings);
        }
    }
}
