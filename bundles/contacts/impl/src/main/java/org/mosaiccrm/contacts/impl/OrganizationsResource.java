package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.net.URI;
import java.util.Locale;
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

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.impl.Views.ActivityView;
import org.mosaiccrm.platform.api.records.RecordAssignments;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.contacts.impl.Views.OrganizationView;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/v1/contacts/organizations}. */
@Component(service = OrganizationsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/organizations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationsResource {

    private static final Set<String> PATCHABLE = PeopleResource.with(OrganizationFields.WRITABLE, "version");

    /** By name (the default), by creation or by the last change (the start page's recently touched organizations). */
    static final Sorts SORTS = Sorts.of("name", SortKey.nullable("name", Organization.SORT_KEY), SortKey.of("createdAt", MosaicRecord.ID),
            SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    @Reference
    private Persistence persistence;

    @Reference
    private CustomFields customFields;

    @Reference
    private AccessControl access;

    @Reference
    private Merger merger;

    @Reference
    private AuditLog audit;

    @Reference
    private RecordAssignments assignments;

    @GET
    public ListPage<OrganizationView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("page") Integer pageNumber,
            @QueryParam("q") String q, @QueryParam("domain") String domain, @QueryParam("tag") String tag,
            @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        Sort order = SORTS.parse(sort);
        // One read: the custom field definitions, the filter built from them, and the page.
        return persistence.read(ctx -> {
            FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
            return RecordLists.page(persistence, ctx, Organization.class, access.visibleRecordParts(user), filters(q, domain, tag, uri.getQueryParameters(), custom),
                    order, page,
                    o -> Views.organization(o, custom));
        });
    }

    /**
     * The list as CSV: the same filters, sorting and visibility as {@link #list}, every
     * organization that matches, streamed and formula-safe.
     */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("q") String q, @QueryParam("domain") String domain,
            @QueryParam("tag") String tag, @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        access.requirePermission(ContactsModule.EXPORT);
        CsvExport.requireCsv(format);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
        return CsvExport.of(persistence, audit, ContactsModule.ID, "organizations", uri.getQueryParameters(),
                OrganizationsCsv.FORM.columns(custom),
                RecordLists.select(Organization.class, Records.visible(access, user, filters(q, domain, tag, uri.getQueryParameters(), custom)), SORTS.parse(sort)),
                ctx -> o -> OrganizationsCsv.row(o, custom));
    }

    /**
     * The filters of a list, export or assignment ({@code ownerId} read from the parameters, as
     * for people); the user's reach comes on top.
     */
    static Expression filters(String q, String domain, String tag, Map<String, List<String>> parameters,
            FieldSchema custom) {
        Expression where = custom.filter(Organization.CUSTOM_JSON, parameters);
        List<String> owner = parameters.get("ownerId");
        if (owner != null && !owner.isEmpty() && !owner.get(0).isBlank()) {
            where = Records.and(where, MosaicRecord.OWNER_ID.eq(owner.get(0).strip()));
        }
        if (q != null && !q.isBlank()) {
            where = Records.and(where, Organization.NAME_KEY.contains(q.strip().toLowerCase(Locale.ROOT)));
        }
        if (domain != null && !domain.isBlank()) {
            where = Records.and(where, Organization.DOMAIN.eq(domain.strip().toLowerCase(Locale.ROOT)));
        }
        if (tag != null && !tag.isBlank()) {
            // Whole tags, ignoring case, as for people (PeopleQuery#filters).
            where = Records.and(where, Organization.TAGS_JSON.containsIgnoreCase(Json.write(tag.strip())));
        }
        return where;
    }

    /**
     * Gives many organizations another owner and/or team: {@code {"ids":[…]}} or {@code {"filter":{…the
     * list's parameters…}}} with {@code "ownerId"} and/or {@code "teamId"}; 202 with the job
     * (RecordAssignments) that changes them in batches, within the user's reach.
     */
    @POST
    @Path("assign")
    @ApiBody(RecordAssignments.Input.class)
    @ApiAnswer(status = 202, value = RecordAssignments.Started.class)
    public Response assign(Map<String, Object> body) {
        return Response.status(202).entity(new RecordAssignments.Started(assignments.start(ContactsModule.ID, "organizations", body))).build();
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = OrganizationView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
        OrganizationView org = Views.organization(
                persistence.read(ctx -> Records.find(ctx, access, user, Organization.class, id, "organization")), custom);
        return Records.ok(org.version(), org);
    }

    @POST
    @ApiBody(Inputs.OrganizationInput.class)
    @ApiAnswer(status = 201, value = OrganizationView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, OrganizationFields.WRITABLE, "organization");
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
        OrganizationView created = Views.organization(Records.create(persistence, access, user, Organization.class, in,
                (ctx, o) -> OrganizationFields.apply(in, o, true, custom)), custom);
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(Inputs.OrganizationInput.class)
    @ApiAnswer(value = OrganizationView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "organization");
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
        OrganizationView updated = Views.organization(Records.update(persistence, access, user, Organization.class, id, "organization", in,
                ifMatch, (ctx, o) -> OrganizationFields.apply(in, o, false, custom)), custom);
        return Records.ok(updated.version(), updated);
    }

    /** An organization with people is kept: deleting it would orphan them silently. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.DELETE);
        Records.delete(persistence, access, user, Organization.class, id, "organization", ifMatch, (ctx, o) -> {
            long people = ObjectSelect.query(Person.class).where(Person.ORGANIZATION_ID.eq(id)).selectCount(ctx);
            if (people > 0) {
                throw Problems.conflict("The organization has " + people + " people; move or delete them first.");
            }
            ctx.deleteObjects(ObjectSelect.query(Activity.class).where(Activity.ORGANIZATION_ID.eq(id)).select(ctx));
            ctx.deleteObjects(ObjectSelect.query(Task.class).where(Task.ORGANIZATION_ID.eq(id)).select(ctx));
            ctx.deleteObjects(ObjectSelect.query(Relationship.class).where(Relationship.ORGANIZATION_ID.eq(id)).select(ctx));
        });
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/timeline")
    public ListPage<ActivityView> timeline(@PathParam("id") String id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @QueryParam("type") String type) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        return persistence.read(ctx -> {
            Records.find(ctx, access, user, Organization.class, id, "organization");
            return ActivitiesResource.timeline(persistence, ctx, Activity.ORGANIZATION_ID.eq(id), type, page);
        });
    }

    /**
     * Merges another organization into this one: {"duplicateId", "take": [fields to take from the
     * duplicate], "version"}. Everything attached to the duplicate moves here; it is deleted.
     */
    @POST
    @Path("{id}/merge")
    @ApiBody(Inputs.MergeInput.class)
    @ApiAnswer(value = OrganizationView.class, headers = ApiAnswer.ETAG)
    public Response merge(@PathParam("id") String id, Map<String, Object> body) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        access.requirePermission(ContactsModule.DELETE);
        Merger.Request request = Merger.Request.read(body);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION);
        var merged = Views.organization(merger.merge(request, ctx -> merger.mergeOrganizations(ctx, user, id, request.duplicateId(), request.take())), custom);
        return Records.ok(merged.version(), merged);
    }
}
