package org.mosaiccrm.samples.notes.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

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

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/notes}. Every method checks the permission first and then reaches records
 * only through the platform's visibility rule, inside the query: a note of another team is
 * absent from lists and answers 404. Everything else comes from the platform's record kit:
 * {@link Records} (find, create, update, delete with If-Match), {@link FieldReader} over the
 * field spec in {@link NoteFields}, keyset lists ({@link RecordLists}) over declared sort keys,
 * custom fields ({@link CustomFields}: values, {@code cf.<key>} filters, CSV columns) and the
 * CSV export ({@link CsvExport}). The CSV import is {@link NotesImport}; the search, {@link NotesSearch}.
 */
@Component(service = NotesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("notes")
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    /** A note in JSON: its custom values are those of the active fields. */
    public record NoteView(String id, long version, String title, String body, Map<String, Object> customFields, String ownerId,
            String teamId, Instant createdAt, Instant updatedAt) {

        static NoteView of(Note n, FieldSchema custom) {
            return new NoteView(n.getId(), n.getVersion(), n.getTitle(), n.getBody(), custom.view(n.getCustomJson()), n.getOwnerId(),
                    n.getTeamId(), n.getCreatedAt().toInstant(ZoneOffset.UTC), n.getUpdatedAt().toInstant(ZoneOffset.UTC));
        }
    }

    /** The fields of {@link NoteFields#CREATABLE} and {@link NoteFields#PATCHABLE} for the OpenAPI document (it adds version to an update). */
    public record NoteInput(String title, String body, Map<String, Object> customFields, String ownerId, String teamId) {
    }
    /** Newest first unless the client asks otherwise; titles sort case-insensitively. */
    private static final Sorts SORTS = Sorts.of("-createdAt", SortKey.of("createdAt", MosaicRecord.ID),
            SortKey.of("title", Note.TITLE_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    @Reference
    private AuditLog audit;

    /**
     * A page of the notes the user may see. {@code q} finds text in titles and bodies;
     * {@code cf.<key>=value} filters by a custom field (an empty value: notes without one).
     */
    @GET
    public ListPage<NoteView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("page") Integer pageNumber,
            @QueryParam("q") String q, @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        Sort order = SORTS.parse(sort);
        FieldSchema custom = schema();
        Expression filter = filter(q, custom, uri);
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Note.class, access.visibleRecordParts(user), filter, order, page,
                n -> NoteView.of(n, custom)));
    }

    /** The list as CSV: the same filters, sort and visibility, every matching note, streamed, formula-safe and audited. */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("q") String q, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        access.requirePermission(NotesModule.EXPORT);
        CsvExport.requireCsv(format);
        FieldSchema custom = schema();
        return CsvExport.of(persistence, audit, NotesModule.ID, "notes", uri.getQueryParameters(), NoteFields.CSV.columns(custom),
                RecordLists.select(Note.class, Records.visible(access, user, filter(q, custom, uri)), SORTS.parse(sort)),
                ctx -> note -> NoteFields.row(note, custom));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = NoteView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(NotesModule.READ);
        FieldSchema custom = schema();
        NoteView note = persistence.read(ctx -> NoteView.of(Records.find(ctx, access, user, Note.class, id, "note"), custom));
        return Records.ok(note.version(), note);
    }

    @POST
    @ApiBody(NotesResource.NoteInput.class)
    @ApiAnswer(status = 201, value = NoteView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        FieldReader in = FieldReader.of(body, NoteFields.CREATABLE, "note");
        FieldSchema custom = schema();
        NoteView created = NoteView.of(Records.create(persistence, access, user, Note.class, in,
                (ctx, note) -> NoteFields.apply(in, note, true, custom)), custom);
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(NotesResource.NoteInput.class)
    @ApiAnswer(value = NoteView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(NotesModule.WRITE);
        FieldReader in = FieldReader.of(changes, NoteFields.PATCHABLE, "note");
        FieldSchema custom = schema();
        NoteView updated = NoteView.of(Records.update(persistence, access, user, Note.class, id, "note", in, ifMatch,
                (ctx, note) -> NoteFields.apply(in, note, false, custom)), custom);
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

    private FieldSchema schema() {
        return customFields.schema(NotesModule.ID, NotesModule.NOTE);
    }

    /** The list's conditions: text in the title or body, and the custom field filters of the query. */
    private static Expression filter(String q, FieldSchema custom, UriInfo uri) {
        Expression text = q == null || q.isBlank() ? null
                : Note.TITLE.containsIgnoreCase(q.trim()).orExp(Note.BODY.containsIgnoreCase(q.trim()));
        return Records.and(text, custom.filter(Note.CUSTOM_JSON, uri.getQueryParameters()));
    }
}
