package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.spi.MigrationContext;

record JdbcMigrationContext(Connection connection, DatabaseKind database) implements MigrationContext {

    @Override
    public void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
