package org.mosaiccrm.analytics.api;

import java.util.List;
import java.util.Objects;

/**
 * What a metric is.
 *
 * @param id unique across modules, led by the module's id: {@code funnel.orders.revenue}
 * @param module the contributing module's id
 * @param label its name in English, for lists and exports
 * @param unit {@link #COUNT}, {@link #MONEY} (summed per currency, never across), {@link #RATIO},
 *        {@link #HOURS} or {@link #AVERAGE} (the last three worked out by the module per bucket and key, never summed)
 * @param timeAxis the record's moment the metric is counted at: {@code orderedAt}, {@code createdAt}
 * @param dimensions what the figures may be split by: {@code owner}, {@code team}, {@code pipeline}
 * @param filters the filters it takes, each a record id matched exactly: {@code ownerId}, {@code teamId}
 */
public record MetricDefinition(String id, String module, String label, String unit, String timeAxis, List<String> dimensions,
        List<String> filters) {

    public static final String COUNT = "count";
    public static final String MONEY = "money";
    /** A share from 0 to 1 (an open rate, SLA compliance), to four decimals. @since 1.1 */
    public static final String RATIO = "ratio";
    /** An average duration in hours (first-response time), to two decimals. @since 1.1 */
    public static final String HOURS = "hours";
    /**
     * The mean of the records' values in each bucket and dimension value (a satisfaction score): a
     * figure is never added to another one.
     *
     * @since 1.1
     */
    public static final String AVERAGE = "average";

    public MetricDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(module, "module");
        if (!List.of(COUNT, MONEY, RATIO, HOURS, AVERAGE).contains(unit)) {
            throw new IllegalArgumentException("unit must be count, money, ratio, hours or average: " + unit);
        }
        dimensions = List.copyOf(dimensions);
        filters = List.copyOf(filters);
    }
}
