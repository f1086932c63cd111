package org.mosaiccrm.platform.persistence.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A database server's connection pool that checks a connection only when it has not been handed
 * out for a while. Cayenne's pool runs its validation query each time it hands a connection out:
 * on PostgreSQL that was two round trips more per borrowing ({@code BEGIN; SELECT 1} and
 * {@code COMMIT}) around the one or two that did the work — on every request, every read by id.
 * A connection in steady use has just proved itself; one left idle may have been dropped by the
 * network, a firewall's idle timeout or a restart of the database, and is checked
 * ({@link Connection#isValid}) before use. A connection found dead is retired from the pool (its
 * rollback fails, which makes Cayenne's pool drop it) and another is taken.
 */
final class IdleCheckedPool implements DataSource, AutoCloseable {

    /** A connection not handed out for longer than this is checked first. */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    /** How long a check may take before the connection counts as dead. */
    private static final int CHECK_SECONDS = 5;

    private final DataSource pool;
    private final LongSupplier clock;
    /** When each pooled connection was last handed out; weak, so that retired connections leave with the pool's. */
    private final Map<Connection, Long> lastHandedOut = Collections.synchronizedMap(new WeakHashMap<>());

    IdleCheckedPool(DataSource pool) {
        this(pool, System::nanoTime);
    }

    IdleCheckedPool(DataSource pool, LongSupplier clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The pool itself (for its sizes in the metrics). */
    DataSource pool() {
        return pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        // A pool of n connections can hand out at most n dead ones before it opens a new one.
        for (int attempt = 0;; attempt++) {
            Connection c = pool.getConnection();
            long now = clock.getAsLong();
            Long last = lastHandedOut.put(c, now);
            if (last != null && now - last <= IDLE_NANOS) {
                return c;
            }
            boolean alive;
            try {
                alive = c.isValid(CHECK_SECONDS);
            } catch (SQLException e) {
                alive = false;
            }
            if (alive) {
                return c;
            }
            lastHandedOut.remove(c);
            retire(c);
            if (attempt >= DataSources.MAX_CONNECTIONS) {
                throw new SQLException("The database does not answer: no connection of the pool passed its check");
            }
        }
    }

    /** Cayenne's pool drops a connection whose rollback fails, and takes it back when it does not. */
    private static void retire(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException expected) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // back in the pool or gone: either way not handed out
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool's connections are all of the configured user");
    }

    @Override
    public void close() throws Exception {
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
