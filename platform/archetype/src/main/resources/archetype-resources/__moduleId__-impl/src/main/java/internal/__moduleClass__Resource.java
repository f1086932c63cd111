package ${package}.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import ${package}.api.${moduleClass}Names;

/**
 * {@code /api/v1/${moduleId}/records}. Every method checks the permission first, then reaches
 * records only through the platform's access rule, inside the query: a record of another team
 * is absent from the list and answers 404. The record kit ({@link Records}, {@link RecordLists})
 * does the rest: keyset paging, owner and team, problems that name every bad field.
 */
@Component(service = ${moduleClass}Resource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("${moduleId}/records")
@Produces(MediaType.APPLICATION_JSON)
public class ${moduleClass}Resource {

    /** A record in JSON. */
    public record RecordView(String id, long version, String name, String ownerId, String teamId, Instant createdAt, Instant updatedAt) {

        static RecordView of(${moduleClass}Record r) {
            return new RecordView(r.getId(), r.getVersion(), r.getName(), r.getOwnerId(), r.getTeamId(),
                    r.getCreatedAt().toInstant(ZoneOffset.UTC), r.getUpdatedAt().toInstant(ZoneOffset.UTC));
        }
    }

    /** The body of a create, for the OpenAPI document. */
    public record RecordInput(String name, String ownerId, String teamId) {
    }

    /** Newest first unless the client asks otherwise. */
    private static final Sorts SORTS = Sorts.of("-createdAt", SortKey.of("createdAt", MosaicRecord.ID),
            SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** A page of the records the user may see; {@code q} finds text in the name. */
    @GET
    public ListPage<RecordView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("page") Integer page, @QueryParam("q") String q, @QueryParam("sort") String sort) {
        UserPrincipal user = access.requirePermission(${moduleClass}Names.READ);
        PageRequest request = PageRequest.parse(limit, cursor, page);
        Expression filter = q == null || q.isBlank() ? null : ${moduleClass}Record.NAME.containsIgnoreCase(q.trim());
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, ${moduleClass}Record.class, access.visibleRecordParts(user),
                filter, SORTS.parse(sort), request, RecordView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = RecordView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(${moduleClass}Names.READ);
        RecordView record = persistence.read(ctx -> RecordView.of(Records.find(ctx, access, user, ${moduleClass}Record.class, id,
                ${moduleClass}Names.RECORD)));
        return Records.ok(record.version(), record);
    }

    @POST
    @ApiBody(${moduleClass}Resource.RecordInput.class)
    @ApiAnswer(status = 201, value = RecordView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(${moduleClass}Names.WRITE);
        FieldReader in = FieldReader.of(body, RecordFields.CREATABLE, ${moduleClass}Names.RECORD);
        RecordView created = RecordView.of(Records.create(persistence, access, user, ${moduleClass}Record.class, in,
                (ctx, record) -> RecordFields.apply(in, record)));
        return Records.created(uri, created.id(), created.version(), created);
    }
}
