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

    /**
     * Column type of a text a list sorts by (a lower-cased name, say): VARCHAR ordered by code
     * point on both databases, so that a list comes in the same order on Derby and PostgreSQL
     * whatever the PostgreSQL database's locale.
     */
    default String sortKeyType(int length) {
        return "VARCHAR(" + length + ")" + (database() == DatabaseKind.DERBY ? "" : " COLLATE \"C\"");
    }

    /**
     * The index a keyset list needs for a sort on {@code column} (ties broken by ID): one on
     * (column, ID) named {@code name}; on Derby, which does not scan an index backwards, also
     * {@code name_D} on (column DESC, ID DESC) for the descending sort. For a sort on ID itself
     * the primary key serves ascending, and Derby gets {@code name_D} on (ID DESC).
     */
    default void createSortIndex(String name, String table, String column) throws SQLException {
        boolean derby = database() == DatabaseKind.DERBY;
        if ("ID".equals(column)) {
            if (derby) {
                execute("CREATE INDEX " + name + "_D ON " + table + " (ID DESC)");
            }
            return;
        }
        execute("CREATE INDEX " + name + " ON " + table + " (" + column + ", ID)");
        if (derby) {
            execute("CREATE INDEX " + name + "_D ON " + table + " (" + column + " DESC, ID DESC)");
        }
    }

    /** Column type for long text: CLOB on Derby, TEXT on PostgreSQL. */
    default String longTextType() {
        return database() == DatabaseKind.DERBY ? "CLOB" : "TEXT";
    }
}
