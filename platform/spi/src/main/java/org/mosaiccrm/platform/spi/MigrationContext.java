package org.mosaiccrm.platform.spi;

import java.sql.Connection;
import java.sql.SQLException;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a migration works with: a connection inside the migration's transaction and the kind
 * of database, for the few statements whose SQL differs between Derby and PostgreSQL.
 */
@ProviderType
public interface MigrationContext {

    Connection connection();

    DatabaseKind database();

    /** Executes each statement in order. */
    void execute(String... statements) throws SQLException;

    /** Column type for long text: CLOB on Derby, TEXT on PostgreSQL. */
    default String longTextType() {
        return database() == DatabaseKind.DERBY ? "CLOB" : "TEXT";
    }
}
