package org.mosaiccrm.platform.persistence.internal;

import java.lang.reflect.Method;

import javax.sql.DataSource;

import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.api.monitoring.MetricsWriter;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The database connection pool in {@code GET /api/v1/metrics}: connections in use, idle, and
 * the most it opens. Cayenne's pool keeps its sizes in package-private methods
 * ({@code poolSize()}, {@code availableSize()}); they are read by reflection, which costs nothing
 * on the way connections are handed out (a counting wrapper around every connection would).
 * {@code PoolMetricsTest} fails when a Cayenne upgrade moves them; until then the figures of
 * use are left out rather than guessed.
 */
@Component(service = MetricsSource.class)
public class PoolMetrics implements MetricsSource {

    @Reference
    private Persistence persistence;

    @Override
    public void collect(MetricsWriter metrics) {
        metrics.gauge("mosaic_db_pool_max_connections", "The most database connections the pool opens.")
                .sample(DataSources.MAX_CONNECTIONS);
        if (!(persistence instanceof PersistenceComponent component)) {
            return;
        }
        Sizes sizes = sizes(component.dataSource());
        if (sizes != null) {
            metrics.gauge("mosaic_db_pool_connections", "Open database connections of the pool, by state.")
                    .sample(Math.max(0, sizes.open() - sizes.idle()), "state", "active")
                    .sample(sizes.idle(), "state", "idle");
        }
    }

    record Sizes(int open, int idle) {
    }

    /** The pool's open and idle connections, or null when the data source is not Cayenne's pool as known. */
    static Sizes sizes(DataSource dataSource) {
        DataSource pool = dataSource instanceof IdleCheckedPool checked ? checked.pool() : dataSource;
        try {
            Method open = pool.getClass().getDeclaredMethod("poolSize");
            Method idle = pool.getClass().getDeclaredMethod("availableSize");
            open.setAccessible(true);
            idle.setAccessible(true);
            return new Sizes((Integer) open.invoke(pool), (Integer) idle.invoke(pool));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
