package org.mosaiccrm.platform.persistence.internal;

import java.sql.Driver;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.cayenne.datasource.DataSourceBuilder;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;

/**
 * Opens the connection pool. Drivers are instantiated directly rather than looked up by
 * class name, which in OSGi would need the driver's packages on Cayenne's class path.
 */
final class DataSources {

    /** The most connections the pool opens; requests beyond wait for one to come back. */
    static final int MAX_CONNECTIONS = 20;

    private DataSources() {
    }

    /**
     * Opens the pool. A database server's connection may have been dropped by the network or a
     * restart of the database: it is checked before use when it has been idle
     * ({@link IdleCheckedPool}), not on every hand-out. An embedded Derby connection lives in
     * this JVM and cannot be dropped, so it is handed out unchecked.
     */
    static DataSource open(DatabaseSettings settings) {
        DataSource pool = DataSourceBuilder.url(settings.url())
                .driver(driver(settings.kind()))
                .userName(settings.user())
                .password(settings.password())
                .pool(1, MAX_CONNECTIONS)
                .maxQueueWaitTime(20_000)
                .build();
        return settings.kind() == DatabaseKind.DERBY ? pool : new IdleCheckedPool(pool);
    }

    static Driver driver(DatabaseKind kind) {
        return switch (kind) {
            case DERBY -> {
                tuneDerby();
                yield new org.apache.derby.jdbc.EmbeddedDriver();
            }
            case POSTGRESQL -> new PostgresDefaults(new org.postgresql.Driver());
        };
    }

    /**
     * Engine-wide Derby settings, set before the engine boots unless the operator set them.
     * Derby keeps a statement's plan until it has run {@code stalePlanCheckInterval} times
     * (100 by default) before asking whether the table has grown since it was compiled. A CRM
     * fills its tables from empty, often in one import: a lookup compiled while a table was
     * empty keeps scanning it whole for the next 100 runs, each one slower. Checking after every
     * 5 runs (Derby's lowest) lets the plan switch to the index as soon as the table grows.
     */
    static void tuneDerby() {
        if (System.getProperty("derby.language.stalePlanCheckInterval") == null) {
            System.setProperty("derby.language.stalePlanCheckInterval", "5");
        }
    }

    /** Stops an embedded Derby database cleanly so the next start needs no recovery. */
    static void shutdownEmbedded(DatabaseSettings settings) {
        if (settings.kind() != DatabaseKind.DERBY) {
            return;
        }
        String base = settings.url().split(";", 2)[0];
        try {
            new org.apache.derby.jdbc.EmbeddedDriver().connect(base + ";shutdown=true", new java.util.Properties());
        } catch (SQLException expected) {
            // Derby reports a successful shutdown as SQLState 08006.
        }
    }
}
