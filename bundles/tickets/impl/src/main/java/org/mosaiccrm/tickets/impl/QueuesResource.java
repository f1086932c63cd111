package org.mosaiccrm.tickets.impl;

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

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/queues}: {@code {"name","teamId"}}. A queue belongs to a team: its
 * tickets are that team's (the access rule), whoever works them. Kept by {@code tickets.admin};
 * a queue that still holds tickets cannot be deleted (409 naming how many).
 */
@Component(service = QueuesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {

    static final Set<String> FIELDS = Set.of("name", "teamId", "version");

    public record QueueView(String id, long version, String name, String teamId) {

        static QueueView of(TicketQueue q) {
            return new QueueView(q.getId(), q.getVersion(), q.getName(), q.getTeamId());
        }
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** Every queue: agents pick one for a ticket, and a queue's name is no secret. */
    @GET
    public Map<String, List<QueueView>> list() {
        access.requirePermission(TicketsModule.READ);
        return Map.of("items", persistence.read(ctx -> ObjectSelect.query(TicketQueue.class).orderBy(TicketQueue.NAME.asc()).select(ctx)
                .stream().map(QueueView::of).toList()));
    }

    @POST
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "queue");
        QueueView created = QueueView.of(persistence.write(ctx -> {
            TicketQueue q = ctx.newObject(TicketQueue.class);
            apply(in, q, true);
            access.assignOwnership(user, q, null, in.text("teamId", 36));
            return q;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "queue");
        Long expected = in.expectedVersion(ifMatch);
        QueueView updated = QueueView.of(persistence.write(ctx -> {
            TicketQueue q = find(ctx, id);
            q.requireVersion(expected);
            apply(in, q, false);
            if (in.has("teamId")) {
                access.assignOwnership(user, q, q.getOwnerId(), in.text("teamId", 36));
            }
            return q;
        }));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        persistence.write(ctx -> {
            TicketQueue q = find(ctx, id);
            long held = ObjectSelect.query(Ticket.class).where(Ticket.QUEUE_ID.eq(id)).selectCount(ctx);
            if (held > 0) {
                throw Problems.conflict("The queue still holds " + held + (held == 1 ? " ticket." : " tickets."));
            }
            ctx.deleteObjects(ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.QUEUE_ID.eq(id)).select(ctx));
            ctx.deleteObject(q);
            return null;
        });
        return Response.noContent().build();
    }

    static TicketQueue find(ObjectContext ctx, String id) {
        return Setup.find(ctx, TicketQueue.class, id, "queue");
    }

    private static void apply(FieldReader in, TicketQueue q, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        in.requireValid();
        if (name != null) {
            q.setName(name);
        }
    }
}
