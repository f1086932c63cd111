package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver with the connection settings Mosaic's statements are written for, as
 * defaults: a parameter in {@code MOSAIC_DB_URL} overrides them (the driver lets the URL's
 * parameters win over the properties it is handed).
 *
 * <ul>
 * <li>{@code reWriteBatchedInserts}: a JDBC batch of inserts (Cayenne flushes a transaction's
 * new records of one table as one batch; an import's batch is 500 rows) goes as multi-row
 * INSERTs instead of one statement per row.
 * <li>{@code plan_cache_mode=force_custom_plan}: the driver turns a statement run five times
 * into a server-side prepared statement, and PostgreSQL then may settle on a generic plan made
 * without the parameters' values. A generic plan chosen while a table was small or empty (the
 * first minutes of a CRM, the first batches of an import) scans the table; an import's
 * {@code PRIMARY_EMAIL IN (…)} look-ups went from under a millisecond to 90 ms as the table
 * grew. Mosaic's statements are short and index-shaped, so planning each with its values costs
 * little and always finds the index that fits them.
 * </ul>
 */
final class PostgresDefaults implements Driver {

    static final Map<String, String> DEFAULTS = Map.of(
            "reWriteBatchedInserts", "true",
            "options", "-c plan_cache_mode=force_custom_plan");

    private final Driver driver;

    PostgresDefaults(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return driver.connect(url, withDefaults(info));
    }

    static Properties withDefaults(Properties info) {
        Properties props = new Properties();
        DEFAULTS.forEach(props::setProperty);
        if (info != null) {
            props.putAll(info);
        }
        return props;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return driver.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driver.getPropertyInfo(url, withDefaults(info));
    }

    @Override
    public int getMajorVersion() {
        return driver.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return driver.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return driver.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }
}
