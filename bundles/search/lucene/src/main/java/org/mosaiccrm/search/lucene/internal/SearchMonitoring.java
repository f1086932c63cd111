package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.mosaiccrm.platform.api.events.ChangeLog;
import org.mosaiccrm.platform.api.monitoring.HealthCheck;
import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.api.monitoring.MetricsWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The search index in the metrics and the health answer: how far it is behind the change log
 * (entries committed to the database that this node's index has not applied yet), its size and
 * whether it is rebuilding. Part of the search bundle, so it goes when the module is switched off.
 */
@Component(service = {MetricsSource.class, HealthCheck.class})
public class SearchMonitoring implements MetricsSource, HealthCheck {

    @Reference
    private SearchService search;

    @Reference
    private ChangeLog changeLog;

    private record Figures(SearchStatus status, long logSequence) {
        long lag() {
            return Math.max(0, logSequence - status.sequence());
        }
    }

    private Figures figures() {
        try {
            return new Figures(search.status(), changeLog.lastSequence());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void collect(MetricsWriter metrics) {
        Figures f = figures();
        metrics.gauge("mosaic_search_index_lag", "Change log entries committed to the database that this node's search index has not applied yet.")
                .sample(f.lag());
        metrics.gauge("mosaic_search_index_sequence", "The change log sequence this node's search index has applied up to.")
                .sample(f.status().sequence());
        metrics.gauge("mosaic_search_changelog_sequence", "The last sequence committed to the change log.").sample(f.logSequence());
        metrics.gauge("mosaic_search_index_documents", "Documents in this node's search index.").sample(f.status().documents());
        metrics.gauge("mosaic_search_index_rebuilding", "1 while the search index is being rebuilt from the database.")
                .sample("rebuilding".equals(f.status().state()) ? 1 : 0);
    }

    @Override
    public String component() {
        return "search";
    }

    /** Searches answer while the index is ready or rebuilding alike; the figures say how current it is. */
    @Override
    public Status check() {
        Figures f = figures();
        return Status.up(Map.of("state", f.status().state(), "documents", f.status().documents(), "lag", f.lag()));
    }
}
