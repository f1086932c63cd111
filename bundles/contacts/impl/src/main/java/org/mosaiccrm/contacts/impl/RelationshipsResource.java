package org.mosaiccrm.contacts.impl;

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
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.impl.Views.RelationshipView;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
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
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/contacts/relationships}: how people relate to organizations (employee, former
 * employee, partner, …). A relationship belongs to the person's team, and both ends must be
 * records the user can reach, so it never reveals a person or an organization outside it.
 */
@Component(service = RelationshipsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/relationships")
@Produces(MediaType.APPLICATION_JSON)
public class RelationshipsResource {

    static final Set<String> KINDS = Set.of("employee", "former_employee", "partner", "contractor", "advisor", "investor",
            "board_member", "customer_contact", "other");
    static final Set<String> WRITABLE = Set.of("personId", "organizationId", "kind", "title");
    static final Set<String> PATCHABLE = Set.of("kind", "title", "version");

    private static final Sort NEWEST_FIRST = Sorts.of("-createdAt", SortKey.of("createdAt", MosaicRecord.ID)).parse(null);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public ListPage<RelationshipView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("personId") String personId, @QueryParam("organizationId") String organizationId,
            @QueryParam("kind") String kind) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        Expression where = null;
        if (personId != null) {
            where = Records.and(where, Relationship.PERSON_ID.eq(personId));
        }
        if (organizationId != null) {
            where = Records.and(where, Relationship.ORGANIZATION_ID.eq(organizationId));
        }
        if (kind != null) {
            if (!KINDS.contains(kind)) {
                throw Problems.invalid("kind", "must be one of " + KINDS);
            }
            where = Records.and(where, Relationship.KIND.eq(kind));
        }
        Expression filter = where;
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Relationship.class, access.visibleRecordParts(user), filter,
                NEWEST_FIRST, page, Views::relationship));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = RelationshipView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        RelationshipView view = persistence.read(ctx -> Views.relationship(
                Records.find(ctx, access, user, Relationship.class, id, "relationship")));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(Inputs.RelationshipInput.class)
    @ApiAnswer(status = 201, value = RelationshipView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, WRITABLE, "relationship");
        RelationshipView created = Views.relationship(persistence.write(ctx -> {
            String personId = in.text("personId", 36);
            String organizationId = in.text("organizationId", 36);
            if (personId == null) {
                in.error("personId", "required", "is required");
            }
            if (organizationId == null) {
                in.error("organizationId", "required", "is required");
            }
            Records.requireReference(ctx, access, user, Person.class, personId, "personId", in);
            Records.requireReference(ctx, access, user, Organization.class, organizationId, "organizationId", in);
            Relationship r = ctx.newObject(Relationship.class);
            r.setPersonId(personId);
            r.setOrganizationId(organizationId);
            applyKindAndTitle(in, r, true);
            in.requireValid();
            long same = ObjectSelect.query(Relationship.class).where(Relationship.PERSON_ID.eq(personId)
                    .andExp(Relationship.ORGANIZATION_ID.eq(organizationId)).andExp(Relationship.KIND.eq(r.getKind())))
                    .selectCount(ctx);
            if (same > 0) {
                throw Problems.conflict("The person already has this relationship with the organization.");
            }
            Person person = ObjectSelect.query(Person.class).where(MosaicRecord.ID.eq(personId)).selectOne(ctx);
            r.setOwnerId(user.id());
            r.setTeamId(person.getTeamId());
            return r;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(Inputs.RelationshipChanges.class)
    @ApiAnswer(value = RelationshipView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "relationship");
        RelationshipView updated = Views.relationship(Records.update(persistence, access, user, Relationship.class, id, "relationship", in,
                ifMatch, (ctx, r) -> applyKindAndTitle(in, r, false)));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.DELETE);
        Records.delete(persistence, access, user, Relationship.class, id, "relationship", ifMatch, (ctx, record) -> { });
        return Response.noContent().build();
    }

    private static void applyKindAndTitle(FieldReader in, Relationship r, boolean creating) {
        if (in.has("kind") || creating) {
            String kind = in.choice("kind", KINDS);
            if (kind == null && in.errors().stream().noneMatch(e -> e.field().equals("kind"))) {
                in.error("kind", "is required; one of " + KINDS);
            }
            r.setKind(kind);
        }
        if (in.has("title")) {
            r.setTitle(in.text("title", 150));
        }
    }
}
