package org.mosaiccrm.analytics.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One figure of a metric.
 *
 * @param bucket the time bucket's label ({@link TimeBuckets#label}), or null when the query asked for one total
 * @param key the dimension's value (an owner's id, a pipeline's id), or null without a dimension
 * @param currency the ISO currency of a money figure, null for counts
 * @param value the count or the sum
 */
public record MetricPoint(String bucket, String key, String currency, BigDecimal value) {

    public MetricPoint {
        Objects.requireNonNull(value, "value");
    }
}
