package org.mosaiccrm.funnel.impl;

import java.util.List;

import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.MetricTally;
import org.mosaiccrm.funnel.api.OrderHistory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The funnel's metrics over orders, at the moment each was ordered: how many, and their revenue
 * per currency. Read through the same access rule as {@link OrderHistory}.
 */
final class OrderMetrics {

    static final List<String> DIMENSIONS = List.of("owner", "team");
    static final List<String> FILTERS = List.of("ownerId", "teamId");

    private OrderMetrics() {
    }

    static List<MetricPoint> evaluate(OrderHistoryStore orders, MetricQuery query, boolean revenue) {
        MetricTally tally = new MetricTally(query);
        OrderHistory.Filter filter = new OrderHistory.Filter(query.from(), query.to(), query.filters().get("ownerId"),
                query.filters().get("teamId"));
        orders.forEachWithoutLines(query.user(), filter, o -> {
            String key = "team".equals(query.dimension()) ? o.teamId() : o.ownerId();
            if (revenue) {
                tally.add(o.orderedAt(), key, o.currency(), o.total());
            } else {
                tally.count(o.orderedAt(), key);
            }
        });
        return tally.points();
    }

    /** A metric over orders: a count, or revenue per currency. Each is a component of its own below. */
    abstract static class OrderMetric implements Metric {

        private final OrderHistoryStore orders;
        private final MetricDefinition definition;
        private final boolean revenue;

        OrderMetric(OrderHistoryStore orders, MetricDefinition definition, boolean revenue) {
            this.orders = orders;
            this.definition = definition;
            this.revenue = revenue;
        }

        @Override
        public MetricDefinition definition() {
            return definition;
        }

        @Override
        public List<MetricPoint> evaluate(MetricQuery query) {
            return OrderMetrics.evaluate(orders, query, revenue);
        }
    }

    /** {@code funnel.orders.count}. */
    @Component(service = Metric.class)
    public static class Count extends OrderMetric {

        @Activate
        public Count(@Reference OrderHistoryStore orders) {
            super(orders, new MetricDefinition("funnel.orders.count", FunnelModule.ID, "Orders", MetricDefinition.COUNT, "orderedAt",
                    DIMENSIONS, FILTERS), false);
        }
    }

    /** {@code funnel.orders.revenue}: the orders' totals, per currency. */
    @Component(service = Metric.class)
    public static class Revenue extends OrderMetric {

        @Activate
        public Revenue(@Reference OrderHistoryStore orders) {
            super(orders, new MetricDefinition("funnel.orders.revenue", FunnelModule.ID, "Order revenue", MetricDefinition.MONEY,
                    "orderedAt", DIMENSIONS, FILTERS), true);
        }
    }
}
