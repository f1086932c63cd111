package org.mosaiccrm.analytics.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A measure a module offers over its own data, registered as a DS service by that module: the
 * count of deals won, the revenue of orders. The module evaluates it itself, with the user's
 * record access rule inside its query, so analytics never reads another module's tables and a
 * figure never includes a record the user could not open.
 */
@ConsumerType
public interface Metric {

    /** What the metric measures, by which dimensions it may be split and which filters it takes. */
    MetricDefinition definition();

    /**
     * The measure over the query's time range for {@link MetricQuery#user()}, one point per time
     * bucket (and dimension value, and currency for money) that has data; buckets without data are
     * left out. Unknown filters or a dimension the definition does not name are refused by the
     * caller before this is called.
     */
    List<MetricPoint> evaluate(MetricQuery query);
}
