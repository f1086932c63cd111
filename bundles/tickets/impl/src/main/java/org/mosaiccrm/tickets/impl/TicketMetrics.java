package org.mosaiccrm.tickets.impl;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.analytics.api.DefinedMetric;
import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.MetricTally;
import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The tickets' metrics for analytics: volume (tickets created), tickets solved, first-response
 * and resolution times (the working time their SLA clocks used, on the ticket's calendar, as the
 * targets count it; averaged in hours at the moment the response was given or the ticket
 * solved), SLA compliance (the share of tickets solved without a missed target) and the backlog
 * (tickets open at the end of each bucket: created before it and not solved by then, as far as
 * the last solve tells). Split by queue, owner or team. One column query over the tickets, the
 * user's access rule inside it, so another team's tickets are in no figure.
 */
@Component(service = TicketMetrics.class)
public class TicketMetrics {

    static final List<String> DIMENSIONS = List.of("queue", "owner", "team");
    static final List<String> FILTERS = List.of("queueId", "ownerId", "teamId");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** A ticket as the metrics read it. */
    record Row(Instant createdAt, Instant solvedAt, boolean breached, String queueId, String ownerId, String teamId, String slaState) {

        String key(String dimension) {
            return switch (dimension == null ? "" : dimension) {
                case "queue" -> queueId;
                case "team" -> teamId;
                default -> ownerId;
            };
        }

        /** The working time a clock used once met, and when it was met; null while it is not. */
        Clock met(String clock) {
            if (slaState == null) {
                return null;
            }
            try {
                Map<String, Map<String, Object>> stored = Calendars.JSON.readValue(slaState, new TypeReference<>() { });
                Map<String, Object> c = stored.get(clock);
                if (c == null || c.get("done") == null || c.get("used") == null) {
                    return null;
                }
                return new Clock(Instant.parse((String) c.get("done")), ((Number) c.get("used")).longValue());
            } catch (IOException e) {
                throw new IllegalStateException("unreadable SLA state", e);
            }
        }
    }

    record Clock(Instant doneAt, long usedSeconds) {
    }

    enum Measure {
        CREATED("created", "Tickets created", MetricDefinition.COUNT, "createdAt"),
        SOLVED("solved", "Tickets solved", MetricDefinition.COUNT, "solvedAt"),
        FIRST_RESPONSE("firstResponseHours", "First-response time (working hours)", MetricDefinition.HOURS, "firstResponseAt"),
        RESOLUTION("resolutionHours", "Resolution time (working hours)", MetricDefinition.HOURS, "solvedAt"),
        SLA_COMPLIANCE("slaCompliance", "SLA compliance of solved tickets", MetricDefinition.RATIO, "solvedAt"),
        BACKLOG("backlog", "Open tickets (backlog)", MetricDefinition.COUNT, "bucketEnd");

        final MetricDefinition definition;

        Measure(String id, String label, String unit, String timeAxis) {
            definition = new MetricDefinition("tickets." + id, TicketsModule.ID, label, unit, timeAxis, DIMENSIONS, FILTERS);
        }
    }

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    List<MetricPoint> evaluate(MetricQuery query, Measure measure) {
        List<Row> rows = rows(query, measure);
        String dim = query.dimension();
        MetricTally tally = new MetricTally(query);
        switch (measure) {
            case CREATED -> rows.forEach(r -> tally.count(r.createdAt(), r.key(dim)));
            case SOLVED -> rows.forEach(r -> tally.count(r.solvedAt(), r.key(dim)));
            case FIRST_RESPONSE, RESOLUTION -> {
                MetricTally seconds = new MetricTally(query);
                for (Row r : rows) {
                    Clock c = r.met(measure == Measure.FIRST_RESPONSE ? TicketSla.FIRST : TicketSla.RESOLUTION);
                    if (c != null) {
                        Instant at = measure == Measure.FIRST_RESPONSE ? c.doneAt() : r.solvedAt();
                        tally.count(at, r.key(dim));
                        seconds.add(at, r.key(dim), null, BigDecimal.valueOf(c.usedSeconds()));
                    }
                }
                List<MetricPoint> hours = seconds.points().stream()
                        .map(p -> new MetricPoint(p.bucket(), p.key(), null, p.value().divide(SECONDS_PER_HOUR, 6, java.math.RoundingMode.HALF_EVEN)))
                        .toList();
                return MetricTally.quotients(hours, tally.points(), 2);
            }
            case SLA_COMPLIANCE -> {
                MetricTally met = new MetricTally(query);
                for (Row r : rows) {
                    tally.count(r.solvedAt(), r.key(dim));
                    if (!r.breached()) {
                        met.count(r.solvedAt(), r.key(dim));
                    }
                }
                return MetricTally.quotients(met.points(), tally.points(), 4);
            }
            case BACKLOG -> {
                return backlog(query, rows);
            }
            default -> throw new IllegalStateException(measure.name());
        }
        return tally.points();
    }

    /** Per bucket (or once, at the end of the range), the tickets created before its end and not solved by then. */
    private static List<MetricPoint> backlog(MetricQuery query, List<Row> rows) {
        TimeBuckets buckets = query.buckets();
        List<String> labels = buckets == null ? java.util.Arrays.asList((String) null) : buckets.labels(query.from(), query.to());
        List<Instant> ends = new java.util.ArrayList<>();
        if (buckets == null) {
            ends.add(query.to());
        } else {
            for (LocalDate d = buckets.start(query.from()); buckets.startInstant(d).isBefore(query.to()); d = buckets.next(d)) {
                Instant end = buckets.startInstant(buckets.next(d));
                ends.add(end.isAfter(query.to()) ? query.to() : end);
            }
        }
        Map<java.util.List<String>, long[]> counts = new java.util.TreeMap<>(java.util.Comparator
                .comparing((java.util.List<String> k) -> k.get(0), java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder()))
                .thenComparing(k -> k.get(1), java.util.Comparator.nullsFirst(java.util.Comparator.<String>naturalOrder())));
        for (int i = 0; i < ends.size(); i++) {
            Instant end = ends.get(i);
            for (Row r : rows) {
                if (r.createdAt().isBefore(end) && (r.solvedAt() == null || !r.solvedAt().isBefore(end))) {
                    String key = query.dimension() == null ? null : r.key(query.dimension());
                    counts.computeIfAbsent(java.util.Arrays.asList(labels.get(i), key), k -> new long[1])[0]++;
                }
            }
        }
        List<MetricPoint> out = new java.util.ArrayList<>();
        counts.forEach((k, n) -> out.add(new MetricPoint(k.get(0), k.get(1), null, BigDecimal.valueOf(n[0]))));
        return out;
    }

    /** The tickets the user may see that a measure may count in the query's range, within its filters. */
    private List<Row> rows(MetricQuery query, Measure measure) {
        if (!query.user().hasPermission(TicketsModule.READ)) {
            throw Problems.missingPermission(TicketsModule.READ, "See tickets");
        }
        LocalDateTime from = utc(query.from());
        LocalDateTime to = utc(query.to());
        Expression where = switch (measure) {
            case CREATED -> MosaicRecord.CREATED_AT.gte(from).andExp(MosaicRecord.CREATED_AT.lt(to));
            case SOLVED, RESOLUTION, SLA_COMPLIANCE -> Ticket.SOLVED_AT.gte(from).andExp(Ticket.SOLVED_AT.lt(to));
            // A first response comes after the ticket was created (when, only its clock says).
            case FIRST_RESPONSE -> MosaicRecord.CREATED_AT.lt(to);
            // Open at some end within the range: created before the range ends, not solved before it began.
            case BACKLOG -> MosaicRecord.CREATED_AT.lt(to).andExp(Ticket.SOLVED_AT.isNull().orExp(Ticket.SOLVED_AT.gte(from)));
        };
        for (String filter : FILTERS) {
            String value = query.filters().get(filter);
            where = Records.and(where, value == null ? null : (switch (filter) {
                case "queueId" -> Ticket.QUEUE_ID;
                case "ownerId" -> MosaicRecord.OWNER_ID;
                default -> MosaicRecord.TEAM_ID;
            }).eq(value));
        }
        Expression scope = Records.and(where, access.visibleRecords(query.user()));
        return persistence.read(ctx -> ObjectSelect.columnQuery(Ticket.class, MosaicRecord.CREATED_AT, Ticket.SOLVED_AT, Ticket.BREACHED,
                Ticket.QUEUE_ID, MosaicRecord.OWNER_ID, MosaicRecord.TEAM_ID, Ticket.SLA_STATE).where(scope).select(ctx)).stream()
                .map(r -> new Row(instant(r[0]), instant(r[1]), Boolean.TRUE.equals(r[2]), (String) r[3], (String) r[4], (String) r[5],
                        (String) r[6]))
                .toList();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
    }

    /** {@code tickets.created}: the volume. */
    @Component(service = Metric.class)
    public static class Created extends DefinedMetric {
        @Activate
        public Created(@Reference TicketMetrics metrics) {
            super(Measure.CREATED.definition, q -> metrics.evaluate(q, Measure.CREATED));
        }
    }

    /** {@code tickets.solved}. */
    @Component(service = Metric.class)
    public static class Solved extends DefinedMetric {
        @Activate
        public Solved(@Reference TicketMetrics metrics) {
            super(Measure.SOLVED.definition, q -> metrics.evaluate(q, Measure.SOLVED));
        }
    }

    /** {@code tickets.firstResponseHours}. */
    @Component(service = Metric.class)
    public static class FirstResponse extends DefinedMetric {
        @Activate
        public FirstResponse(@Reference TicketMetrics metrics) {
            super(Measure.FIRST_RESPONSE.definition, q -> metrics.evaluate(q, Measure.FIRST_RESPONSE));
        }
    }

    /** {@code tickets.resolutionHours}. */
    @Component(service = Metric.class)
    public static class Resolution extends DefinedMetric {
        @Activate
        public Resolution(@Reference TicketMetrics metrics) {
            super(Measure.RESOLUTION.definition, q -> metrics.evaluate(q, Measure.RESOLUTION));
        }
    }

    /** {@code tickets.slaCompliance}. */
    @Component(service = Metric.class)
    public static class SlaCompliance extends DefinedMetric {
        @Activate
        public SlaCompliance(@Reference TicketMetrics metrics) {
            super(Measure.SLA_COMPLIANCE.definition, q -> metrics.evaluate(q, Measure.SLA_COMPLIANCE));
        }
    }

    /** {@code tickets.backlog}. */
    @Component(service = Metric.class)
    public static class Backlog extends DefinedMetric {
        @Activate
        public Backlog(@Reference TicketMetrics metrics) {
            super(Measure.BACKLOG.definition, q -> metrics.evaluate(q, Measure.BACKLOG));
        }
    }
}
