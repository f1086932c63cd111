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
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.records.Records;
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

    /** The fields of {@link #CREATABLE} and {@link #PATCHABLE} for the OpenAPI document (it adds version to an update). */
    public record NoteInput(String title, String body, String ownerId, String teamId) {
    }

    /** The fields a client may send: anything else in a body is refused by name (FieldReader.of). */
    private static final Set<String> CREATABLE = Set.of("title", "body", "ownerId", "teamId");
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
        Expression filter = q == null || q.isBlank() ? null
                : Note.TITLE.containsIgnoreCase(q.trim()).orExp(Note.BODY.containsIgnoreCase(q.trim()));
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Note.class, access.visibleRecordParts(user), filter, order, page,
                NoteView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = NoteView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        NoteView note = persistence.read(ctx -> NoteView.of(Records.find(ctx, access, user, Note.class, id, "note")));
        return Records.ok(note.version(), note);
    }

    @POST
    @ApiBody(NotesResource.NoteInput.class)
    @ApiAnswer(status = 201, value = NoteView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "note");
        NoteView created = NoteView.of(Records.create(persistence, access, user, Note.class, in, (ctx, note) -> apply(in, note, true)));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(NotesResource.NoteInput.class)
    @ApiAnswer(value = NoteView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "note");
        NoteView updated = NoteView.of(Records.update(persistence, access, user, Note.class, id, "note", in, ifMatch,
                (ctx, note) -> apply(in, note, false)));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(NotesModule.DELETE);
        Records.delete(persistence, access, user, Note.class, id, "note", ifMatch, (ctx, note) -> { });
        return Response.noContent().build();
    }

    /** The body's title and text onto the note; a new note needs a title. Errors are collected, not thrown. */
    private static void apply(FieldReader in, Note note, boolean creating) {
        String body = in.verbatim("body", Note.BODY_MAX);
        String title = in.text("title", Note.TITLE_MAX);
        if (title == null && (creating || in.has("title"))) {
            in.required("title");
        }
        if (title != null) {
            note.setTitle(title);
        }
        if (in.has("body")) {
            note.setBody(body);
        }
    }
}
