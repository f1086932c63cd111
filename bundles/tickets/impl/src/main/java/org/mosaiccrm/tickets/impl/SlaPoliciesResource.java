package org.mosaiccrm.tickets.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.type.TypeReference;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.tickets.api.Priority;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/sla-policies}: {@code {"name","calendarId","queueId","targets":{"urgent":{"firstResponse":60,"nextResponse":120,"resolution":480},…}}},
 * targets in minutes of working time on the calendar, per priority (a priority or target left
 * out has none). A policy with a queue applies to that queue's tickets; one without, to every
 * queue that has none of its own. A change re-computes the due times of the open tickets under
 * it from the working time their clocks have used, pauses included.
 */
@Component(service = SlaPoliciesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
public class SlaPoliciesResource {

    static final Set<String> FIELDS = Set.of("name", "calendarId", "queueId", "targets", "version");
    /** A target at most a year of working minutes. */
    static final int MAX_MINUTES = 366 * 24 * 60;

    public record PolicyView(String id, long version, String name, String calendarId, String queueId,
            Map<String, Map<String, Integer>> targets) {

        static PolicyView of(SlaPolicy p) {
            return new PolicyView(p.getId(), p.getVersion(), p.getName(), p.getCalendarId(), p.getQueueId(), SlaPoliciesResource.targets(p));
        }
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public Map<String, List<PolicyView>> list() {
        access.requirePermission(TicketsModule.READ);
        return Map.of("items", persistence.read(ctx -> ObjectSelect.query(SlaPolicy.class).orderBy(SlaPolicy.NAME.asc()).select(ctx)
                .stream().map(PolicyView::of).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.READ);
        PolicyView view = persistence.read(ctx -> PolicyView.of(find(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "SLA policy");
        PolicyView created = PolicyView.of(persistence.write(ctx -> {
            SlaPolicy p = ctx.newObject(SlaPolicy.class);
            apply(ctx, in, p);
            access.assignOwnership(user, p, null, null);
            TicketSla.recompute(ctx, List.of(p));
            return p;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "SLA policy");
        Long expected = in.expectedVersion(ifMatch);
        PolicyView updated = PolicyView.of(persistence.write(ctx -> {
            SlaPolicy p = find(ctx, id);
            p.requireVersion(expected);
            apply(ctx, in, p);
            TicketSla.recompute(ctx, List.of(p));
            return p;
        }));
        return Records.ok(updated.version(), updated);
    }

    /** Deletes a policy; its open tickets fall under the policy that now applies to them (or none). */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        persistence.write(ctx -> {
            SlaPolicy p = find(ctx, id);
            java.time.Instant now = Sql.instant();
            for (Ticket t : ObjectSelect.query(Ticket.class).where(Ticket.POLICY_ID.eq(id)).select(ctx)) {
                TicketSla.retarget(ctx, t, now, id);
            }
            ctx.deleteObject(p);
            return null;
        });
        return Response.noContent().build();
    }

    static SlaPolicy find(ObjectContext ctx, String id) {
        return Setup.find(ctx, SlaPolicy.class, id, "SLA policy");
    }

    /** The stored targets, per priority code and clock. */
    static Map<String, Map<String, Integer>> targets(SlaPolicy p) {
        try {
            return Calendars.JSON.readValue(p.getTargetsJson(), new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The targets of SLA policy " + p.getId() + " are unreadable", e);
        }
    }

    private static void apply(ObjectContext ctx, FieldReader in, SlaPolicy p) {
        String name = in.text("name", 200);
        if (name == null) {
            in.required("name");
        }
        String calendarId = in.text("calendarId", 36);
        if (calendarId == null) {
            in.required("calendarId");
        } else if (!Setup.exists(ctx, TicketCalendar.class, calendarId)) {
            in.error("calendarId", "names no calendar");
        }
        String queueId = in.text("queueId", 36);
        if (queueId != null && !Setup.exists(ctx, TicketQueue.class, queueId)) {
            in.error("queueId", "names no queue");
        }
        Map<String, Map<String, Integer>> targets = new LinkedHashMap<>();
        if (!(in.raw("targets") instanceof Map<?, ?> byPriority)) {
            in.error("targets", "must be an object of priorities, such as {\"urgent\":{\"firstResponse\":60,\"resolution\":480}}");
        } else {
            byPriority.forEach((priority, clocks) -> {
                String field = "targets." + priority;
                if (Priority.ofCode(String.valueOf(priority)) == null) {
                    in.error(field, "is not a priority (low, normal, high, urgent)");
                } else if (!(clocks instanceof Map<?, ?> m)) {
                    in.error(field, "must be an object of firstResponse, nextResponse and resolution in minutes");
                } else {
                    Map<String, Integer> minutes = new LinkedHashMap<>();
                    m.forEach((clock, value) -> {
                        if (!TicketSla.CLOCKS.contains(String.valueOf(clock))) {
                            in.error(field + "." + clock, "is not a target (firstResponse, nextResponse, resolution)");
                        } else if (!(value instanceof Integer n) || n < 1 || n > MAX_MINUTES) {
                            in.error(field + "." + clock, "must be a whole number of minutes from 1 to " + MAX_MINUTES);
                        } else {
                            minutes.put(String.valueOf(clock), n);
                        }
                    });
                    targets.put(String.valueOf(priority), minutes);
                }
            });
        }
        in.requireValid();
        p.setName(name);
        p.setCalendarId(calendarId);
        p.setQueueId(queueId);
        p.setTargetsJson(Calendars.json(targets));
    }
}
