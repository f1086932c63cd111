package org.mosaiccrm.tickets.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.MetricTally;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The customers' satisfaction as metrics: {@code tickets.satisfaction}, the average rating (1 to
 * 5) of the tickets rated in each bucket, at the moment they were rated, and
 * {@code tickets.satisfaction.rated}, how many were rated. Both read the tickets inside the
 * user's reach, in the query; each is a component of its own below.
 */
final class TicketSatisfactionMetric {

    static final List<String> DIMENSIONS = List.of("owner", "team", "queue");
    static final List<String> FILTERS = List.of("ownerId", "teamId", "queueId");

    /** One rating as the metrics read it. */
    record Rated(Instant at, int score, String ownerId, String teamId, String queueId) {

        String key(String dimension) {
            return dimension == null ? null : switch (dimension) {
                case "team" -> teamId;
                case "queue" -> queueId;
                default -> ownerId;
            };
        }
    }

    /** A metric over the ratings; each is a component of its own. */
    abstract static class Ratings implements Metric {

        private final Persistence persistence;
        private final AccessControl access;
        private final MetricDefinition definition;

        Ratings(Persistence persistence, AccessControl access, MetricDefinition definition) {
            this.persistence = persistence;
            this.access = access;
            this.definition = definition;
        }

        @Override
        public MetricDefinition definition() {
            return definition;
        }

        List<Rated> ratings(MetricQuery query) {
            return TicketSatisfactionMetric.ratings(persistence, access, query);
        }
    }

    private TicketSatisfactionMetric() {
    }

    /** {@code tickets.satisfaction}: the mean score per bucket and key, to two decimals. */
    @Component(service = Metric.class)
    public static class Average extends Ratings {

        @Activate
        public Average(@Reference Persistence persistence, @Reference AccessControl access) {
            super(persistence, access, new MetricDefinition("tickets.satisfaction", TicketsModule.ID, "Customer satisfaction (average rating)",
                    MetricDefinition.AVERAGE, "ratedAt", DIMENSIONS, FILTERS));
        }

        @Override
        public List<MetricPoint> evaluate(MetricQuery query) {
            return average(ratings(query), query);
        }
    }

    static List<MetricPoint> average(List<Rated> ratings, MetricQuery query) {
        Comparator<String> nulls = Comparator.nullsFirst(Comparator.naturalOrder());
        Map<List<String>, int[]> sums = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0), nulls)
                .thenComparing(k -> k.get(1), nulls));
        for (Rated r : ratings) {
            int[] sum = sums.computeIfAbsent(Arrays.asList(query.bucketOf(r.at()), r.key(query.dimension())), k -> new int[2]);
            sum[0] += r.score();
            sum[1]++;
        }
        List<MetricPoint> points = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> points.add(new MetricPoint(k.get(0), k.get(1), null,
                BigDecimal.valueOf(v[0]).divide(BigDecimal.valueOf(v[1]), 2, RoundingMode.HALF_UP))));
        return points;
    }

    /** The ratings in the query's range on tickets the user may see (403 without the tickets' read permission). */
    static List<Rated> ratings(Persistence persistence, AccessControl access, MetricQuery query) {
        if (!query.user().hasPermission(TicketsModule.READ)) {
            throw Problems.forbidden("You may not read tickets.");
        }
        Expression where = Ticket.RATED_AT.gte(query.from().atOffset(ZoneOffset.UTC).toLocalDateTime())
                .andExp(Ticket.RATED_AT.lt(query.to().atOffset(ZoneOffset.UTC).toLocalDateTime()));
        String owner = query.filters().get("ownerId");
        String team = query.filters().get("teamId");
        String queue = query.filters().get("queueId");
        where = Records.and(where, owner == null ? null : MosaicRecord.OWNER_ID.eq(owner));
        where = Records.and(where, team == null ? null : MosaicRecord.TEAM_ID.eq(team));
        where = Records.and(where, queue == null ? null : Ticket.QUEUE_ID.eq(queue));
        Expression visible = Records.visible(access, query.user(), where);
        return persistence.read(ctx -> ObjectSelect.columnQuery(Ticket.class, Ticket.RATED_AT, Ticket.SATISFACTION_SCORE, MosaicRecord.OWNER_ID,
                MosaicRecord.TEAM_ID, Ticket.QUEUE_ID).where(visible).select(ctx).stream()
                .map(row -> new Rated(((java.time.LocalDateTime) row[0]).toInstant(ZoneOffset.UTC), ((Number) row[1]).intValue(),
                        (String) row[2], (String) row[3], (String) row[4]))
                .toList());
    }

    /** {@code tickets.satisfaction.rated}: how many tickets were rated. */
    @Component(service = Metric.class)
    public static class RatedCount extends Ratings {

        @Activate
        public RatedCount(@Reference Persistence persistence, @Reference AccessControl access) {
            super(persistence, access, new MetricDefinition("tickets.satisfaction.rated", TicketsModule.ID, "Rated tickets",
                    MetricDefinition.COUNT, "ratedAt", DIMENSIONS, FILTERS));
        }

        @Override
        public List<MetricPoint> evaluate(MetricQuery query) {
            MetricTally tally = new MetricTally(query);
            ratings(query).forEach(r -> tally.count(r.at(), r.key(query.dimension())));
            return tally.points();
        }
    }
}
