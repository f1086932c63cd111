package org.mosaiccrm.contacts.impl;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.contacts.impl.Views.ActivityView;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
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
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.contacts.impl.Views.ActivityView;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code /api/v1/contacts/activities}: entries of the timeline, and the {@link Timeline}
 * service other modules append through. An activity belongs to the team of the person (or
 * organization) it is about, so everyone who sees the person sees its history.
 */
@Component(service = {ActivitiesResource.class, Timeline.class})
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/activities")
@Produces(MediaType.APPLICATION_JSON)
public class ActivitiesResource implements Timeline {

    static final Set<String> WRITABLE = Set.of("type", "direction", "subject", "body", "occurredAt", "personId", "organizationId",
            "participants");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @POST
    @ApiBody(Inputs.ActivityInput.class)
    @ApiAnswer(status = 201, value = ActivityView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, WRITABLE, "activity");
        NewActivity activity = read(in);
        ActivityView created = persistence.write(ctx -> Views.activity(insert(ctx, user, activity, in)));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @GET
    @Path("{id}")
    public ActivityView get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        return persistence.read(ctx -> Views.activity(Records.find(ctx, access, user, Activity.class, id, "activity")));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.DELETE);
        Records.delete(persistence, access, user, Activity.class, id, "activity", ifMatch, (ctx, record) -> { });
        return Response.noContent().build();
    }

    @Override
    public String append(NewActivity activity) {
        UserPrincipal user = access.currentUser();
        FieldReader in = new FieldReader(Map.of());
        return persistence.write(ctx -> insert(ctx, user, activity, in).getId());
    }

    private static final Sort NEWEST_FIRST = Sorts.of("-occurredAt", SortKey.of("occurredAt", Activity.OCCURRED_AT)).parse(null);

    /** One page of the activities of one person or organization (whom the caller checked the user may reach), newest first. */
    static ListPage<ActivityView> timeline(Persistence persistence, ObjectContext ctx, Expression about, String type, PageRequest page) {
        Expression where = about;
        if (type != null) {
            try {
                where = where.andExp(Activity.TYPE.eq(ActivityType.of(type).id()));
            } catch (IllegalArgumentException e) {
                throw Problems.invalid("type", "must be one of " + List.of(ActivityType.values()).stream().map(ActivityType::id).toList());
            }
        }
        return RecordLists.page(persistence, ctx, Activity.class, List.of(), where, NEWEST_FIRST, page, Views::activity);
    }

    private static NewActivity read(FieldReader in) {
        ActivityType type = null;
        String t = in.text("type", 20);
        if (t == null) {
            in.error("type", "required", "is required");
        } else {
            try {
                type = ActivityType.of(t);
            } catch (IllegalArgumentException e) {
                in.error("type", "must be one of " + List.of(ActivityType.values()).stream().map(ActivityType::id).toList());
            }
        }
        Direction direction = null;
        String d = in.text("direction", 20);
        if (d != null) {
            try {
                direction = Direction.of(d);
            } catch (IllegalArgumentException e) {
                in.error("direction", "must be inbound, outbound or internal");
            }
        }
        LocalDateTime at = in.instant("occurredAt");
        List<String> participants = in.tags("participants");
        return new NewActivity(type, direction, in.text("subject", 300), in.text("body", 20_000),
                at == null ? null : at.toInstant(ZoneOffset.UTC), in.text("personId", 36), in.text("organizationId", 36),
                participants, null);
    }

    @Override
    public List<String> appendAll(List<NewActivity> activities) {
        UserPrincipal user = access.currentUser();
        for (NewActivity a : activities) {
            if (a.type() == null || (a.personId() == null && a.organizationId() == null)) {
                throw new IllegalArgumentException("An activity has a type and is about a person or an organization: " + a);
            }
        }
        return persistence.writeMany(ctx -> {
            // Who they are about, in one read per kind within reach, rather than one read each.
            Map<String, Person> people = within(ctx, user, Person.class, activities.stream().map(NewActivity::personId));
            Map<String, Organization> organizations = within(ctx, user, Organization.class,
                    activities.stream().map(NewActivity::organizationId));
            List<String> ids = new ArrayList<>(activities.size());
            for (NewActivity a : activities) {
                Person person = a.personId() == null ? null : people.get(a.personId());
                Organization organization = a.organizationId() == null ? null : organizations.get(a.organizationId());
                boolean reachable = (a.personId() == null || person != null) && (a.organizationId() == null || organization != null);
                ids.add(reachable ? create(ctx, user, a, person != null ? person : organization).getId() : null);
            }
            return ids;
        });
    }

    /** The records of these ids (nulls ignored) the user may reach, by id. */
    private <R extends MosaicRecord> Map<String, R> within(ObjectContext ctx, UserPrincipal user, Class<R> type,
            java.util.stream.Stream<String> ids) {
        List<String> wanted = ids.filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, R> found = new java.util.HashMap<>();
        for (int from = 0; from < wanted.size(); from += 500) {
            List<String> part = wanted.subList(from, Math.min(wanted.size(), from + 500));
            for (R r : ObjectSelect.query(type).where(Records.visible(access, user, MosaicRecord.ID.in(part))).select(ctx)) {
                found.put(r.getId(), r);
            }
        }
        return found;
    }

    private Activity insert(ObjectContext ctx, UserPrincipal user, NewActivity a, FieldReader in) {
        if (a.type() == null && in.errors().isEmpty()) {
            in.error("type", "required", "is required");
        }
        if (a.personId() == null && a.organizationId() == null) {
            in.error("personId", "an activity is about a person or an organization (personId or organizationId)");
        }
        MosaicRecord about = null;
        if (a.personId() != null) {
            about = Records.find(ctx, access, user, Person.class, a.personId(), "person");
        }
        if (a.organizationId() != null) {
            Organization org = Records.find(ctx, access, user, Organization.class, a.organizationId(), "organization");
            about = about == null ? org : about;
        }
        in.requireValid();
        return create(ctx, user, a, about);
    }

    /** The new activity about a record the user may reach (its team is the record's). */
    private static Activity create(ObjectContext ctx, UserPrincipal user, NewActivity a, MosaicRecord about) {
        Activity activity = ctx.newObject(Activity.class);
        activity.setType(a.type().id());
        activity.setDirection(a.direction() == null ? null : a.direction().id());
        activity.setSubject(a.subject());
        activity.setBody(a.body());
        activity.setOccurredAt(a.occurredAt() == null ? Sql.now()
                : LocalDateTime.ofInstant(a.occurredAt(), ZoneOffset.UTC));
        activity.setPersonId(a.personId());
        activity.setOrganizationId(a.organizationId());
        activity.setParticipantsJson(Json.write(a.participants()));
        activity.setSourceModule(a.sourceModule() == null ? ContactsModule.ID : a.sourceModule());
        activity.setOwnerId(user.id());
        activity.setTeamId(about.getTeamId());
        return activity;
    }
}
