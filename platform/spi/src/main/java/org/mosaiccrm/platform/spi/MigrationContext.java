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
     * The indexes a keyset list needs for a sort on {@code column} (ties broken by ID), for
     * everyone and for a team (RecordLists reads a user's team through its own range): on
     * (column, ID) named {@code name} and on (TEAM_ID, column, ID) named {@code name_T}; on
     * Derby, which does not scan an index backwards, also {@code name_D} and {@code name_TD}
     * with column and ID descending. For a sort on ID itself the primary key serves everyone
     * ascending. A table with sort indexes also wants {@link #createReachIndex}.
     */
    default void createSortIndex(String name, String table, String column) throws SQLException {
        boolean derby = database() == DatabaseKind.DERBY;
        String order = "ID".equals(column) ? "ID" : column + ", ID";
        String descending = "ID".equals(column) ? "ID DESC" : column + " DESC, ID DESC";
        if (!"ID".equals(column)) {
            execute("CREATE INDEX " + name + " ON " + table + " (" + order + ")");
        }
        execute("CREATE INDEX " + name + "_T ON " + table + " (TEAM_ID, " + order + ")");
        if (derby) {
            execute("CREATE INDEX " + name + "_D ON " + table + " (" + descending + ")",
                    "CREATE INDEX " + name + "_TD ON " + table + " (TEAM_ID, " + descending + ")");
        }
    }

    /**
     * The index behind the second part of a user's reach, the records they own in other teams
     * (few): on (OWNER_ID, TEAM_ID), so that this part is a short range read whatever the sort.
     */
    default void createReachIndex(String name, String table) throws SQLException {
        execute("CREATE INDEX " + name + " ON " + table + " (OWNER_ID, TEAM_ID)");
    }

    /** Column type for long text: CLOB on Derby, TEXT on PostgreSQL. */
    default String longTextType() {
        return database() == DatabaseKind.DERBY ? "CLOB" : "TEXT";
    }
}
