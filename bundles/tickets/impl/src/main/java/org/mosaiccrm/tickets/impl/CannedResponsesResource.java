package org.mosaiccrm.tickets.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.Consumes;
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
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.api.text.MergeFields;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/canned-responses}: {@code {"name","body","shared","version"}}, a reply's
 * text with merge fields ({@link CannedFields}) kept by an agent for themselves, or shared with
 * everyone on the desk (only {@code tickets.admin} makes, changes or deletes a shared one). An
 * agent sees their own and the shared ones; anyone else's is as if it did not exist (404). A body
 * naming a field that does not exist is refused when saved (400 naming it).
 */
@Component(service = CannedResponsesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/canned-responses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CannedResponsesResource {

    static final Set<String> FIELDS = Set.of("name", "body", "shared", "version");

    public record CannedView(String id, long version, String name, String body, boolean shared, String ownerId, boolean editable) {
    }

    /** For the OpenAPI document. */
    public record CannedBody(String name, String body, Boolean shared, Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** The user's own canned responses and the shared ones, by name. */
    @GET
    public Map<String, List<CannedView>> list() {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        return Map.of("items", persistence.read(ctx -> ObjectSelect.query(CannedResponse.class).where(usable(user))
                .orderBy(CannedResponse.NAME.asc(), MosaicRecord.ID.asc()).select(ctx).stream().map(c -> view(user, c)).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        CannedView view = persistence.read(ctx -> view(user, find(ctx, user, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(CannedBody.class)
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(body, FIELDS, "canned response");
        CannedView created = view(user, persistence.write(ctx -> {
            CannedResponse c = ctx.newObject(CannedResponse.class);
            apply(user, in, c, true);
            access.assignOwnership(user, c, null, null);
            return c;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PUT
    @Path("{id}")
    @ApiBody(CannedBody.class)
    public Response replace(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(body, FIELDS, "canned response");
        Long expected = in.expectedVersion(ifMatch);
        CannedView updated = view(user, persistence.write(ctx -> {
            CannedResponse c = find(ctx, user, id);
            requireEditable(user, c);
            c.requireVersion(expected);
            apply(user, in, c, false);
            return c;
        }));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        persistence.write(ctx -> {
            CannedResponse c = find(ctx, user, id);
            requireEditable(user, c);
            ctx.deleteObject(c);
            return null;
        });
        return Response.noContent().build();
    }

    /** The user's own canned responses, and the shared ones. */
    static Expression usable(UserPrincipal user) {
        return MosaicRecord.OWNER_ID.eq(user.id()).orExp(CannedResponse.SHARED.isTrue());
    }

    /** A canned response the user may use, or 404 (never a hint that another agent's exists). */
    static CannedResponse find(ObjectContext ctx, UserPrincipal user, String id) {
        CannedResponse c = RecordIds.isWellFormed(id)
                ? ObjectSelect.query(CannedResponse.class).where(MosaicRecord.ID.eq(id).andExp(usable(user))).selectOne(ctx) : null;
        if (c == null) {
            throw Problems.notFound("canned response", id);
        }
        return c;
    }

    /** A shared one is the desk's set-up: its administrators keep it; an agent keeps their own. */
    private static boolean editable(UserPrincipal user, CannedResponse c) {
        return Boolean.TRUE.equals(c.isShared()) ? user.hasPermission(TicketsModule.ADMIN) : user.id().equals(c.getOwnerId());
    }

    private static void requireEditable(UserPrincipal user, CannedResponse c) {
        if (!editable(user, c)) {
            throw Problems.forbidden("tickets.cannedSharedAdmin", "Only the desk's administrators change shared canned responses.");
        }
    }

    private static void apply(UserPrincipal user, FieldReader in, CannedResponse c, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        String text = in.verbatim("body", TicketsResource.TEXT_MAX);
        if ((text == null || text.isBlank()) && (creating || in.has("body"))) {
            in.required("body");
        } else if (text != null) {
            Set<String> unknown = MergeFields.unknown(text, CannedFields.KNOWN);
            if (!unknown.isEmpty()) {
                in.error("body", "tickets.unknownMergeField", "uses unknown merge fields: " + String.join(", ", unknown) + " (known: "
                        + String.join(", ", new TreeSet<>(CannedFields.KNOWN)) + ")", "fields", String.join(", ", unknown));
            }
        }
        Boolean shared = in.has("shared") ? in.flag("shared") : null;
        if (shared == null && creating) {
            shared = false;
        }
        if (Boolean.TRUE.equals(shared) && !Boolean.TRUE.equals(c.isShared()) && !user.hasPermission(TicketsModule.ADMIN)) {
            in.error("shared", "tickets.cannedSharedAdmin", "only the desk's administrators share canned responses");
        }
        in.requireValid();
        if (name != null) {
            c.setName(name);
        }
        if (text != null) {
            c.setBody(text);
        }
        if (shared != null) {
            c.setShared(shared);
        }
    }

    private static CannedView view(UserPrincipal user, CannedResponse c) {
        return new CannedView(c.getId(), c.getVersion(), c.getName(), c.getBody(),
                Boolean.TRUE.equals(c.isShared()), c.getOwnerId(), editable(user, c));
    }
}
