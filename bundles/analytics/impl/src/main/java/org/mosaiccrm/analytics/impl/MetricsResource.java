package org.mosaiccrm.analytics.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/analytics/metrics}: the metrics of the enabled modules, and one metric's figures
 * over a period of the company's days, per time bucket, dimension and currency, optionally beside
 * the same figures of the period just before. Each module evaluates its metric inside the user's
 * reach; its own read permission applies (403 without it).
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("analytics/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** The most buckets one answer has (ten years of days would be 3,653). */
    static final int MAX_BUCKETS = 1000;

    private static final Set<String> PARAMETERS = Set.of("from", "to", "bucket", "dimension", "compare", "format");

    public record MetricList(List<MetricDefinition> items, String next, int total) {
    }

    /** A figure as JSON: its value a decimal string, money with its currency's decimals, as Mosaic writes money. */
    public record Point(String bucket, String key, String currency, String value) {

        static Point of(MetricPoint p) {
            return new Point(p.bucket(), p.key(), p.currency(),
                    p.currency() == null ? p.value().stripTrailingZeros().toPlainString() : Money.format(p.value(), p.currency()));
        }
    }

    /** Figures of one period: every bucket's label (the axis, empty buckets included) and the points with data. */
    public record Figures(java.time.LocalDate from, java.time.LocalDate to, List<String> buckets, List<Point> points) {
    }

    public record MetricAnswer(MetricDefinition metric, String zone, String bucket, String dimension, Map<String, String> filters,
            Figures current, Figures previous) {
    }

    @Reference
    private MetricRegistry metrics;

    @Reference
    private Answers answers;

    @GET
    public MetricList list() {
        answers.reader();
        List<MetricDefinition> items = metrics.all().stream().map(Metric::definition).toList();
        return new MetricList(items, null, items.size());
    }

    @GET
    @Path("{id}")
    @ApiAnswer(MetricAnswer.class)
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response query(@PathParam("id") String id, @Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Metric metric = metrics.find(id).orElseThrow(() -> Problems.notFound("There is no metric " + id + " (is its module enabled?)."));
        MetricAnswer answer = answer(user, metric, uri.getQueryParameters());
        if (!"csv".equals(uri.getQueryParameters().getFirst("format"))) {
            return Response.ok(answer).build();
        }
        return answers.csv("metrics/" + id, uri.getQueryParameters(), CSV_HEADER, rows(answer));
    }

    static final List<String> CSV_HEADER = List.of("period", "bucket", "key", "currency", "value");

    /** The answer as CSV rows: the current period's figures, then the previous period's when compared. */
    static List<List<String>> rows(MetricAnswer answer) {
        List<List<String>> rows = new ArrayList<>();
        addRows(rows, "current", answer.current());
        if (answer.previous() != null) {
            addRows(rows, "previous", answer.previous());
        }
        return rows;
    }

    private static void addRows(List<List<String>> rows, String period, Figures figures) {
        for (Point p : figures.points()) {
            rows.add(java.util.Arrays.asList(period, p.bucket(), p.key(), p.currency(), p.value()));
        }
    }

    /** Checks the request against the metric's definition and evaluates it. */
    MetricAnswer answer(UserPrincipal user, Metric metric, Map<String, List<String>> query) {
        MetricDefinition definition = metric.definition();
        Set<String> allowed = new HashSet<>(PARAMETERS);
        allowed.addAll(definition.filters());
        Params params = new Params(query, allowed);
        params.csv();
        Period period = Period.of(params, answers.zone());
        String bucketCode = params.choice("bucket", null, List.of("day", "week", "month", "quarter"));
        String dimension = params.choice("dimension", null, definition.dimensions());
        boolean compare = params.choice("compare", null, List.of("previous")) != null;
        Map<String, String> filters = new HashMap<>();
        for (String f : definition.filters()) {
            String value = params.id(f);
            if (value != null) {
                filters.put(f, value);
            }
        }
        TimeBuckets buckets = answers.buckets(bucketCode, period.zone());
        if (buckets != null && buckets.labels(period.start(), period.end()).size() > MAX_BUCKETS) {
            params.error("bucket", "makes more than " + MAX_BUCKETS + " buckets of this period; choose a longer one");
        }
        params.requireValid();
        Figures current = figures(metric, user, period, buckets, dimension, filters);
        Figures previous = compare ? figures(metric, user, period.previous(), buckets, dimension, filters) : null;
        return new MetricAnswer(definition, period.zone().getId(), bucketCode, dimension, filters, current, previous);
    }

    private static Figures figures(Metric metric, UserPrincipal user, Period period, TimeBuckets buckets, String dimension,
            Map<String, String> filters) {
        Instant start = period.start();
        Instant end = period.end();
        List<MetricPoint> points = metric.evaluate(new MetricQuery(user, start, end, buckets, dimension, filters));
        return new Figures(period.from(), period.to(), buckets == null ? List.of() : buckets.labels(start, end),
                points.stream().map(Point::of).toList());
    }
}
