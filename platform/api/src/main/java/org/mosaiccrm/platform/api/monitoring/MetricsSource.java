package org.mosaiccrm.platform.api.monitoring;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's figures for {@code GET /api/v1/metrics}, registered as a DS service. The platform
 * calls {@link #collect} on every scrape, so it must be quick: read counters kept in memory, or
 * at most a few indexed counts. Name metrics {@code mosaic_<module>_…} in Prometheus style
 * (base units: seconds, bytes; counters without {@code _total}, the writer adds it). A source
 * that fails or writes a name another source already wrote is left out of that scrape alone.
 */
@ConsumerType
public interface MetricsSource {

    /** The permission a role needs to read the metrics; administrators have it. */
    String PERMISSION = "system.metrics";

    void collect(MetricsWriter metrics);
}
