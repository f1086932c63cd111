package org.mosaiccrm.analytics.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.analytics.api.Metric;
import org.mosaiccrm.analytics.api.MetricDefinition;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code /api/v1/analytics/dashboards}: personal dashboards, seen and changed by their owner
 * alone, and shared ones, seen by everyone who reads analytics and kept by those with
 * {@code analytics.admin}. A widget whose metric's module is off is listed as unavailable and
 * answers no data until the module is back. A widget's data is its metric (or a pipeline's
 * conversion) over its period, with the dashboard's filter applied, for the reader: another
 * user opening a shared dashboard sees their own reach.
 */
@Component(service = DashboardsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("analytics/dashboards")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardsResource {

    static final Set<String> FIELDS = Set.of("name", "shared", "filters", "widgets", "version");

    public record WidgetView(String id, String title, String type, String metric, String pipelineId, String period, String from,
            String to, String bucket, String dimension, Map<String, String> filters, boolean compare, int width, boolean available,
            boolean pinned) {
    }

    /** The dashboard's filter as the body gives it: a period (null: each widget's own), an owner and a team. */
    public record FilterView(String period, String from, String to, String ownerId, String teamId) {

        static FilterView of(Widgets.Filter f) {
            Widgets.Range r = f.range();
            return new FilterView(r == null ? null : r.period(), r == null ? null : r.from(), r == null ? null : r.to(), f.ownerId(),
                    f.teamId());
        }
    }

    public record DashboardView(String id, long version, String name, boolean shared, String ownerId, FilterView filters,
            List<WidgetView> widgets, Instant createdAt, Instant updatedAt) {
    }

    public record DashboardList(List<DashboardView> items, String next, int total) {
    }

    /** What a client sends: all fields on create; those it changes on update. */
    public record DashboardInput(String name, Boolean shared, FilterView filters, List<Widgets.Widget> widgets, Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Answers answers;

    @Reference
    private MetricRegistry metrics;

    @Reference
    private MetricsResource metricAnswers;

    /** The funnel's conversion, while the funnel is on. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SalesResource sales;

    /** Shared dashboards, and the user's own. */
    private static Expression visible(UserPrincipal user) {
        return Dashboard.SHARED.eq(true).orExp(MosaicRecord.OWNER_ID.eq(user.id()));
    }

    private static Dashboard find(ObjectContext ctx, UserPrincipal user, String id) {
        Dashboard d = RecordIds.isWellFormed(id)
                ? ObjectSelect.query(Dashboard.class).where(MosaicRecord.ID.eq(id).andExp(visible(user))).selectOne(ctx) : null;
        if (d == null) {
            throw Problems.notFound("dashboard", id);
        }
        return d;
    }

    /** A shared dashboard is kept by analytics administrators, a personal one by its owner (who alone sees it). */
    private static void requireKeeper(UserPrincipal user, Dashboard d) {
        if (d.isShared() && !user.hasPermission(AnalyticsModule.ADMIN)) {
            throw Problems.missingPermission(AnalyticsModule.ADMIN, "Publish dashboards shared with everyone");
        }
    }

    private DashboardView view(Dashboard d) {
        Map<String, Metric> enabled = enabledMetrics();
        List<WidgetView> widgets = Widgets.widgets(d.getWidgetsJson()).stream().map(w -> new WidgetView(w.id(), w.title(), w.type(), w.metric(),
                w.pipelineId(), w.range().period(), w.range().from(), w.range().to(), w.bucket(), w.dimension(), w.filters(), w.compare(),
                w.width(), w.metric() != null ? enabled.containsKey(w.metric()) : sales != null, w.pinned())).toList();
        return new DashboardView(d.getId(), d.getVersion(), d.getName(), d.isShared(), d.getOwnerId(), FilterView.of(Widgets.filter(d.getFiltersJson())),
                widgets, d.getCreatedAt().toInstant(ZoneOffset.UTC), d.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }

    private Map<String, Metric> enabledMetrics() {
        Map<String, Metric> byId = new HashMap<>();
        metrics.all().forEach(m -> byId.put(m.definition().id(), m));
        return byId;
    }

    @GET
    public DashboardList list() {
        UserPrincipal user = answers.reader();
        List<DashboardView> items = persistence.read(ctx -> ObjectSelect.query(Dashboard.class).where(visible(user))
                .orderBy(Dashboard.NAME.asc(), MosaicRecord.ID.asc()).select(ctx).stream().map(this::view).toList());
        return new DashboardList(items, null, items.size());
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = DashboardView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = answers.reader();
        Dashboard d = persistence.read(ctx -> find(ctx, user, id));
        return Records.ok(d.getVersion(), view(d));
    }

    @POST
    @ApiBody(DashboardInput.class)
    @ApiAnswer(status = 201, value = DashboardView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        FieldReader in = FieldReader.of(body, FIELDS, "dashboard");
        String name = in.text("name", 100);
        if (name == null) {
            in.required("name");
        }
        boolean shared = Boolean.TRUE.equals(in.flag("shared"));
        Widgets.Filter filter = Widgets.readFilter(in);
        List<Widgets.Widget> widgets = Widgets.read(in, enabledMetrics());
        in.requireValid();
        if (shared) {
            access.requirePermission(AnalyticsModule.ADMIN);
        }
        Dashboard created = persistence.write(ctx -> {
            Dashboard d = ctx.newObject(Dashboard.class);
            d.setName(name);
            d.setShared(shared);
            d.setFiltersJson(Widgets.toJson(filter));
            d.setWidgetsJson(Widgets.toJson(widgets));
            access.assignOwnership(user, d, null, null);
            return d;
        });
        return Records.created(uri, created.getId(), created.getVersion(), view(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(DashboardInput.class)
    @ApiAnswer(value = DashboardView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = answers.reader();
        FieldReader in = FieldReader.of(changes, FIELDS, "dashboard");
        Long expected = in.expectedVersion(ifMatch);
        String name = in.text("name", 100);
        if (name == null && in.has("name")) {
            in.required("name");
        }
        Boolean shared = in.flag("shared");
        Widgets.Filter filter = Widgets.readFilter(in);
        List<Widgets.Widget> widgets = Widgets.read(in, enabledMetrics());
        in.requireValid();
        Dashboard updated = persistence.write(ctx -> {
            Dashboard d = find(ctx, user, id);
            requireKeeper(user, d);
            d.requireVersion(expected);
            if (Boolean.TRUE.equals(shared) && !d.isShared()) {
                access.requirePermission(AnalyticsModule.ADMIN);
            }
            if (name != null) {
                d.setName(name);
            }
            if (shared != null) {
                d.setShared(shared);
            }
            if (in.has("filters")) {
                d.setFiltersJson(Widgets.toJson(filter));
            }
            if (in.has("widgets")) {
                d.setWidgetsJson(Widgets.toJson(widgets));
            }
            return d;
        });
        return Records.ok(updated.getVersion(), view(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = answers.reader();
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            Dashboard d = find(ctx, user, id);
            requireKeeper(user, d);
            if (expected != null) {
                d.requireVersion(expected);
            }
            ctx.deleteObject(d);
            return null;
        });
        return Response.noContent().build();
    }

    /**
     * A widget's figures for the reader: its metric's answer (or the pipeline's conversion) over
     * the dashboard's period when it sets one, else the widget's, with the dashboard's owner and
     * team as filters where the metric takes them; as CSV with {@code format=csv}.
     */
    @GET
    @Path("{id}/widgets/{widgetId}/data")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @ApiAnswer(MetricsResource.MetricAnswer.class)
    public Response data(@PathParam("id") String id, @PathParam("widgetId") String widgetId, @Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params format = new Params(uri.getQueryParameters(), Set.of("format"));
        boolean csv = format.csv();
        format.requireValid();
        Dashboard d = persistence.read(ctx -> find(ctx, user, id));
        Widgets.Widget w = Widgets.widgets(d.getWidgetsJson()).stream().filter(x -> x.id().equals(widgetId)).findFirst()
                .orElseThrow(() -> Problems.notFound("widget", widgetId));
        Widgets.Filter filter = Widgets.filter(d.getFiltersJson());
        Period period = (filter.range() != null ? filter.range() : w.range()).resolve(Sql.instant().atZone(answers.zone()).toLocalDate(), answers.zone());
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("from", List.of(period.from().toString()));
        query.put("to", List.of(period.to().toString()));
        String name = "dashboards/" + d.getId() + "/" + w.id();
        if ("funnel".equals(w.type())) {
            SalesResource funnel = Optional.ofNullable(sales)
                    .orElseThrow(() -> Problems.notFound("The funnel is switched off: this widget has no data until it is back."));
            query.put("pipelineId", List.of(w.pipelineId()));
            ownerAndTeam(query, filter, Set.of("ownerId", "teamId"));
            SalesResource.ConversionAnswer answer = funnel.conversion(user, query);
            return csv ? answers.csv(name, uri.getQueryParameters(), List.of("period", "stageId", "stage", "entered", "converted", "rate",
                    "ofPrevious"), SalesResource.rows(answer)) : Response.ok(answer).build();
        }
        Metric metric = metrics.find(w.metric()).orElseThrow(() -> Problems.notFound("The metric " + w.metric()
                + " is not available: its module is switched off. The widget has data again once it is back."));
        MetricDefinition definition = metric.definition();
        if (w.bucket() != null && !"number".equals(w.type())) {
            query.put("bucket", List.of(w.bucket()));
        }
        if (w.dimension() != null) {
            query.put("dimension", List.of(w.dimension()));
        }
        if (w.compare()) {
            query.put("compare", List.of("previous"));
        }
        w.filters().forEach((k, v) -> query.put(k, List.of(v)));
        ownerAndTeam(query, filter, new java.util.HashSet<>(definition.filters()));
        MetricsResource.MetricAnswer answer = metricAnswers.answer(user, metric, query);
        return csv ? answers.csv(name, uri.getQueryParameters(), MetricsResource.CSV_HEADER, MetricsResource.rows(answer))
                : Response.ok(answer).build();
    }

    /** The dashboard's owner and team, as filters of a widget that takes them. */
    private static void ownerAndTeam(Map<String, List<String>> query, Widgets.Filter filter, Set<String> accepted) {
        if (filter.ownerId() != null && accepted.contains("ownerId")) {
            query.put("ownerId", List.of(filter.ownerId()));
        }
        if (filter.teamId() != null && accepted.contains("teamId")) {
            query.put("teamId", List.of(filter.teamId()));
        }
    }
}
