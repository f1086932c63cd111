package org.mosaiccrm.samples.notes.internal;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.PatchBody;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/notes}. Every method checks the permission first and then reaches records
 * only through the platform's visibility rule, inside the query: a note of another team is
 * absent from lists and answers 404.
 */
@Component(service = NotesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("notes")
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    public record NoteView(String id, long version, String title, String body, String ownerId, String teamId,
            Instant createdAt, Instant updatedAt) {

        static NoteView of(Note n) {
            return new NoteView(n.getId(), n.getVersion(), n.getTitle(), n.getBody(), n.getOwnerId(), n.getTeamId(),
                    n.getCreatedAt().toInstant(ZoneOffset.UTC), n.getUpdatedAt().toInstant(ZoneOffset.UTC));
        }
    }

    /** What a client may send; anything else in the body is refused by the JSON reader. */
    public record NoteInput(String title, String body, String ownerId, String teamId) {
    }

    private static final Set<String> PATCHABLE = Set.of("title", "body", "ownerId", "teamId", "version");
    /** Newest first unless the client asks otherwise; titles sort case-insensitively. */
    private static final Sorts SORTS = Sorts.of("-createdAt", SortKey.of("createdAt", MosaicRecord.ID),
            SortKey.of("title", Note.TITLE_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public ListPage<NoteView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("q") String q, @QueryParam("sort") String sort) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        Sort order = SORTS.parse(sort);
        Expression where = access.visibleRecords(user);
        if (q != null && !q.isBlank()) {
            Expression match = Note.TITLE.containsIgnoreCase(q.trim()).orExp(Note.BODY.containsIgnoreCase(q.trim()));
            where = where == null ? match : where.andExp(match);
        }
        Expression filter = where;
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Note.class, filter, order, page, NoteView::of));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        NoteView note = persistence.read(ctx -> NoteView.of(find(ctx, user, id)));
        return Response.ok(note).tag(Versions.etag(note.version())).build();
    }

    @POST
    public Response create(NoteInput input, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        if (input == null) {
            throw Problems.badRequest("A JSON object with at least a title is expected.");
        }
        validate(input.title(), input.body(), true);
        NoteView created = NoteView.of(persistence.write(ctx -> {
            Note note = ctx.newObject(Note.class);
            note.setTitle(input.title().strip());
            note.setBody(input.body());
            access.assignOwnership(user, note, input.ownerId(), input.teamId());
            return note;
        }));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + created.id())).tag(Versions.etag(created.version()))
                .entity(created).build();
    }

    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        PatchBody patch = PatchBody.of(changes, PATCHABLE, "note");
        Long expected = patch.expectedVersion(ifMatch);
        String title = patch.text("title");
        String body = patch.text("body");
        validate(title, body, patch.has("title"));
        NoteView updated = NoteView.of(persistence.write(ctx -> {
            Note note = find(ctx, user, id);
            note.requireVersion(expected);
            if (patch.has("title")) {
                note.setTitle(title.strip());
            }
            if (patch.has("body")) {
                note.setBody(body);
            }
            if (patch.has("ownerId") || patch.has("teamId")) {
                access.assignOwnership(user, note,
                        patch.has("ownerId") ? patch.text("ownerId") : note.getOwnerId(),
                        patch.has("teamId") ? patch.text("teamId") : note.getTeamId());
            }
            return note;
        }));
        return Response.ok(updated).tag(Versions.etag(updated.version())).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(NotesModule.DELETE);
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            Note note = find(ctx, user, id);
            if (expected != null) {
                note.requireVersion(expected);
            }
            ctx.deleteObject(note);
            return null;
        });
        return Response.noContent().build();
    }

    private Note find(ObjectContext ctx, UserPrincipal user, String id) {
        Note note = RecordIds.isWellFormed(id)
                ? ObjectSelect.query(Note.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx)
                : null;
        if (note == null) {
            throw Problems.notFound("There is no note " + id + ".");
        }
        return access.requireAccess(user, note, "note " + id);
    }

    private static void validate(String title, String body, boolean titleGiven) {
        List<FieldError> errors = new ArrayList<>();
        if (titleGiven && (title == null || title.isBlank())) {
            errors.add(new FieldError("title", "is required"));
        } else if (title != null && title.strip().length() > Note.TITLE_MAX) {
            errors.add(new FieldError("title", "is longer than " + Note.TITLE_MAX + " characters"));
        }
        if (body != null && body.length() > Note.BODY_MAX) {
            errors.add(new FieldError("body", "is longer than " + Note.BODY_MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }
}
