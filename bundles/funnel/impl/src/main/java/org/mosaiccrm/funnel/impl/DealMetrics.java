package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.MetricTally;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The funnel's metrics over deals: deals created (at their creation), and deals won with their
 * amounts (at the moment they were won). One column query over the deals, the user's access
 * rule inside it; the few columns a figure needs are bucketed as they are read.
 */
@Component(service = DealMetrics.class)
public class DealMetrics {

    static final List<String> DIMENSIONS = List.of("owner", "team", "pipeline");
    static final List<String> FILTERS = List.of("ownerId", "teamId", "pipelineId");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** What is summed per deal, and the metric that sums it. */
    enum Measure {
        CREATED("funnel.deals.created", "Deals created", MetricDefinition.COUNT, "createdAt"),
        /** Deals in a won stage, counted when they were won. */
        WON("funnel.deals.won", "Deals won", MetricDefinition.COUNT, "closedAt"),
        /** The amounts of deals won, per currency (deals without an amount add nothing). */
        WON_AMOUNT("funnel.deals.wonAmount", "Amount won", MetricDefinition.MONEY, "closedAt");

        final MetricDefinition definition;

        Measure(String id, String label, String unit, String timeAxis) {
            definition = new MetricDefinition(id, FunnelModule.ID, label, unit, timeAxis, DIMENSIONS, FILTERS);
        }
    }

    List<MetricPoint> evaluate(MetricQuery query, Measure measure) {
        if (!query.user().hasPermission(FunnelModule.READ)) {
            throw Problems.missingPermission(FunnelModule.READ, "See the funnel's deals");
        }
        DateProperty<LocalDateTime> at = measure == Measure.CREATED ? MosaicRecord.CREATED_AT : Deal.CLOSED_AT;
        Expression where = at.gte(utc(query.from())).andExp(at.lt(utc(query.to())));
        for (String f : FILTERS) {
            String value = query.filters().get(f);
            if (value != null) {
                where = where.andExp((switch (f) {
                    case "ownerId" -> MosaicRecord.OWNER_ID;
                    case "teamId" -> MosaicRecord.TEAM_ID;
                    default -> Deal.PIPELINE_ID;
                }).eq(value));
            }
        }
        Expression scope = where;
        MetricTally tally = new MetricTally(query);
        persistence.read(ctx -> {
            Expression won = scope;
            if (measure != Measure.CREATED) {
                List<String> wonStages = DealsResource.stagesById(ctx).values().stream().filter(s -> s.getKind() == StageKind.WON)
                        .map(MosaicRecord::getId).toList();
                if (wonStages.isEmpty()) {
                    return null;
                }
                won = scope.andExp(Deal.STAGE_ID.in(wonStages));
            }
            for (Object[] r : ObjectSelect.columnQuery(Deal.class, at, MosaicRecord.OWNER_ID, MosaicRecord.TEAM_ID, Deal.PIPELINE_ID,
                    Deal.CURRENCY, Deal.AMOUNT).where(Records.visible(access, query.user(), won)).select(ctx)) {
                java.time.Instant moment = ((LocalDateTime) r[0]).toInstant(ZoneOffset.UTC);
                String key = query.dimension() == null ? null : switch (query.dimension()) {
                    case "team" -> (String) r[2];
                    case "pipeline" -> (String) r[3];
                    default -> (String) r[1];
                };
                if (measure == Measure.WON_AMOUNT) {
                    tally.add(moment, key, (String) r[4], (BigDecimal) r[5]);
                } else {
                    tally.count(moment, key);
                }
            }
            return null;
        });
        return tally.points();
    }

    private static LocalDateTime utc(java.time.Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    /** A metric over deals: its measure, evaluated by {@link DealMetrics}. Each is a component of its own below. */
    abstract static class DealMetric implements Metric {

        private final DealMetrics deals;
        private final Measure measure;

        DealMetric(DealMetrics deals, Measure measure) {
            this.deals = deals;
            this.measure = measure;
        }

        @Override
        public MetricDefinition definition() {
            return measure.definition;
        }

        @Override
        public List<MetricPoint> evaluate(MetricQuery query) {
            return deals.evaluate(query, measure);
        }
    }

    @Component(service = Metric.class)
    public static class Created extends DealMetric {

        @Activate
        public Created(@Reference DealMetrics deals) {
            super(deals, Measure.CREATED);
        }
    }

    @Component(service = Metric.class)
    public static class Won extends DealMetric {

        @Activate
        public Won(@Reference DealMetrics deals) {
            super(deals, Measure.WON);
        }
    }

    @Component(service = Metric.class)
    public static class WonAmount extends DealMetric {

        @Activate
        public WonAmount(@Reference DealMetrics deals) {
            super(deals, Measure.WON_AMOUNT);
        }
    }
}
