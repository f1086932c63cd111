package org.mosaiccrm.analytics.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * What a caller asks of a metric: records whose moment on the metric's time axis lies in
 * [{@code from}, {@code to}), counted for {@code user} inside their reach.
 *
 * @param buckets how figures are split in time; null for one total over the range
 * @param dimension one of the definition's dimensions, or null
 * @param filters the definition's filters with their values (record ids)
 */
public record MetricQuery(UserPrincipal user, Instant from, Instant to, TimeBuckets buckets, String dimension, Map<String, String> filters) {

    public MetricQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        filters = Map.copyOf(filters);
    }

    /** The bucket label of a moment, or null when the query asks for one total. */
    public String bucketOf(Instant moment) {
        return buckets == null ? null : buckets.label(moment);
    }

    /** True when the moment lies in the query's range. */
    public boolean covers(Instant moment) {
        return !moment.isBefore(from) && moment.isBefore(to);
    }
}
