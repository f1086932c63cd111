package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.HashSet;
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

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.impl.Views.ActivityView;
import org.mosaiccrm.platform.api.records.RecordAssignments;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.contacts.impl.Views.PersonView;
import org.mosaiccrm.contacts.impl.Views.TaskView;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
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
import org.mosaiccrm.platform.api.persistence.Sql;

/** {@code /api/v1/contacts/people}: the people of the user's team (all for administrators). */
@Component(service = PeopleResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    private static final Set<String> PATCHABLE = with(PersonFields.WRITABLE, "version");

    @Reference
    private Persistence persistence;

    @Reference
    private CustomFields customFields;

    @Reference
    private AccessControl access;

    @Reference
    private Merger merger;

    @Reference
    private PeopleQuery query;

    @Reference
    private AuditLog audit;

    @Reference
    private RecordAssignments assignments;

    @Reference
    private TasksResource tasks;

    @GET
    public ListPage<PersonView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("page") Integer pageNumber,
            @QueryParam("q") String q, @QueryParam("organizationId") String organizationId, @QueryParam("tag") String tag,
            @QueryParam("lifecycleStage") String stage, @QueryParam("ownerId") String ownerId, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        Sort order = PeopleQuery.SORTS.parse(sort);
        PeopleQuery.Filter filter = new PeopleQuery.Filter(q, organizationId, tag, stage, ownerId, sort, uri.getQueryParameters());
        return persistence.read(ctx -> {
            FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
            return RecordLists.page(persistence, ctx, Person.class, access.visibleRecordParts(user), query.filters(filter, custom), order,
                    page, p -> Views.person(p, custom));
        });
    }

    /**
     * Gives many people another owner and/or team: {@code {"ids":[…]}} or {@code {"filter":{…the
     * list's parameters…}}} with {@code "ownerId"} and/or {@code "teamId"}; 202 with the job
     * (RecordAssignments) that changes them in batches, within the user's reach.
     */
    @POST
    @Path("assign")
    @ApiBody(RecordAssignments.Input.class)
    @ApiAnswer(status = 202, value = RecordAssignments.Started.class)
    public Response assign(Map<String, Object> body) {
        return Response.status(202).entity(new RecordAssignments.Started(assignments.start(ContactsModule.ID, "people", body))).build();
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = PersonView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        PersonView person = Views.person(persistence.read(ctx -> Records.find(ctx, access, user, Person.class, id, "person")), custom);
        return Records.ok(person.version(), person);
    }

    @POST
    @ApiBody(Inputs.PersonInput.class)
    @ApiAnswer(status = 201, value = PersonView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, PersonFields.WRITABLE, "person");
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        PersonView created = Views.person(Records.create(persistence, access, user, Person.class, in, (ctx, p) -> {
            PersonFields.apply(in, p, true, custom);
            Records.requireReference(ctx, access, user, Organization.class, p.getOrganizationId(), "organizationId", in);
        }), custom);
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(Inputs.PersonInput.class)
    @ApiAnswer(value = PersonView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "person");
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        PersonView updated = Views.person(Records.update(persistence, access, user, Person.class, id, "person", in, ifMatch, (ctx, p) -> {
            PersonFields.apply(in, p, false, custom);
            if (in.has("organizationId")) {
                Records.requireReference(ctx, access, user, Organization.class, p.getOrganizationId(), "organizationId", in);
            }
        }), custom);
        return Records.ok(updated.version(), updated);
    }

    /** Deleting a person deletes their timeline, tasks and relationships in the same transaction. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.DELETE);
        Records.delete(persistence, access, user, Person.class, id, "person", ifMatch, (ctx, p) -> {
            ctx.deleteObjects(ObjectSelect.query(Activity.class).where(Activity.PERSON_ID.eq(id)).select(ctx));
            ctx.deleteObjects(ObjectSelect.query(Task.class).where(Task.PERSON_ID.eq(id)).select(ctx));
            ctx.deleteObjects(ObjectSelect.query(Relationship.class).where(Relationship.PERSON_ID.eq(id)).select(ctx));
        });
        return Response.noContent().build();
    }

    /** One call for "remind me to re-contact this person in N days". */
    @POST
    @Path("{id}/remind")
    @ApiBody(Inputs.ReminderInput.class)
    @ApiAnswer(status = 201, value = TaskView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response remind(@PathParam("id") String personId, Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, Set.of("days", "title"), "reminder");
        Object days = in.raw("days");
        if (!(days instanceof Integer n) || n < 0 || n > 3650) {
            throw Problems.invalid("days", "must be a whole number of days between 0 and 3650");
        }
        String title = in.text("title", 300);
        TaskView created = Views.task(persistence.write(ctx -> {
            Person p = Records.find(ctx, access, user, Person.class, personId, "person");
            String name = String.join(" ", java.util.stream.Stream.of(p.getFirstName(), p.getLastName())
                    .filter(java.util.Objects::nonNull).toList());
            return tasks.insert(ctx, user, title != null ? title : "Re-contact " + (name.isEmpty() ? p.getPrimaryEmail() : name),
                    Sql.now().plus(Duration.ofDays(n)), user.id(), personId, null, in);
        }));
        return Records.created(uri.getBaseUriBuilder().path("contacts/tasks").path(created.id()).build(), created.version(), created);
    }

    /**
     * The list as CSV: the same filters and visibility as {@link #list}, every person that
     * matches, streamed. Cells are formula-safe; the file imports back unchanged.
     */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("q") String q,
            @QueryParam("organizationId") String organizationId, @QueryParam("tag") String tag,
            @QueryParam("lifecycleStage") String stage, @QueryParam("ownerId") String ownerId, @QueryParam("sort") String sort,
            @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        access.requirePermission(ContactsModule.EXPORT);
        CsvExport.requireCsv(format);
        PeopleQuery.Filter filter = new PeopleQuery.Filter(q, organizationId, tag, stage, ownerId, sort, uri.getQueryParameters());
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        return CsvExport.of(persistence, audit, ContactsModule.ID, "people", uri.getQueryParameters(), PeopleCsv.FORM.columns(custom),
                query.select(user, filter, custom), ctx -> {
                    // A person's organization by name; most lists name few organizations many times.
                    Map<String, String> organizations = new java.util.HashMap<>();
                    return p -> PeopleCsv.row(p, p.getOrganizationId() == null ? null : organizations.computeIfAbsent(p.getOrganizationId(),
                            oid -> Optional.ofNullable(ObjectSelect.query(Organization.class).where(Organization.ID.eq(oid))
                                    .selectOne(ctx)).map(Organization::getName).orElse("")), custom);
                });
    }

    /** The person's history across every channel, newest first. */
    @GET
    @Path("{id}/timeline")
    public ListPage<ActivityView> timeline(@PathParam("id") String id, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor, @QueryParam("type") String type) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        return persistence.read(ctx -> {
            Records.find(ctx, access, user, Person.class, id, "person");
            return ActivitiesResource.timeline(persistence, ctx, Activity.PERSON_ID.eq(id), type, page);
        });
    }

    static Set<String> with(Set<String> fields, String extra) {
        Set<String> all = new HashSet<>(fields);
        all.add(extra);
        return Set.copyOf(all);
    }

    /**
     * Merges another person into this one: {"duplicateId", "take": [fields to take from the
     * duplicate], "version"}. Everything attached to the duplicate moves here; it is deleted.
     */
    @POST
    @Path("{id}/merge")
    @ApiBody(Inputs.MergeInput.class)
    @ApiAnswer(value = PersonView.class, headers = ApiAnswer.ETAG)
    public Response merge(@PathParam("id") String id, Map<String, Object> body) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        access.requirePermission(ContactsModule.DELETE);
        Merger.Request request = Merger.Request.read(body);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        var merged = Views.person(merger.merge(request, ctx -> merger.mergePeople(ctx, user, id, request.duplicateId(), request.take())), custom);
        return Records.ok(merged.version(), merged);
    }
}
