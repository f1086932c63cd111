package org.mosaiccrm.contacts.impl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.CallOutcome;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.TaskKind;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.contacts.impl.Views.TaskView;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
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
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code /api/v1/contacts/tasks}: tasks about people and organizations.
 * A task belongs to the team of what it is about; its assignee is told when it falls due.
 */
@Component(service = TasksResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("contacts/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    static final Set<String> WRITABLE = Set.of("title", "dueAt", "assigneeId", "personId", "organizationId", "kind", "repeatDays");
    static final Set<String> OUTCOME_FIELDS = Set.of("outcome", "note", "version");
    static final Set<String> PATCHABLE = Set.of("title", "dueAt", "assigneeId", "done", "version");

    /** Tasks come soonest due first. */
    private static final Sort BY_DUE = Sorts.of("dueAt", SortKey.of("dueAt", Task.DUE_AT)).parse(null);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Timeline timeline;

    @GET
    public ListPage<TaskView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("page") Integer pageNumber,
            @QueryParam("assigneeId") String assigneeId, @QueryParam("personId") String personId,
            @QueryParam("organizationId") String organizationId, @QueryParam("done") Boolean done,
            @QueryParam("dueAfter") String dueAfter, @QueryParam("dueBefore") String dueBefore) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        Expression where = dueBetween(dueAfter, dueBefore);
        if (assigneeId != null) {
            where = Records.and(where, Task.ASSIGNEE_ID.eq("me".equals(assigneeId) ? user.id() : assigneeId));
        }
        if (personId != null) {
            where = Records.and(where, Task.PERSON_ID.eq(personId));
        }
        if (organizationId != null) {
            where = Records.and(where, Task.ORGANIZATION_ID.eq(organizationId));
        }
        if (done != null) {
            where = Records.and(where, Task.DONE.eq(done));
        }
        Expression filter = where;
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Task.class, access.visibleRecordParts(user), filter, BY_DUE, page,
                Views::task));
    }

    /**
     * {@code dueAfter} (inclusive) and {@code dueBefore} (exclusive), ISO-8601 instants: the start
     * page asks for what falls due until the end of the user's day, and for the week after it.
     * A range on the due time that the list's (DUE_AT, ID) index serves.
     */
    private static Expression dueBetween(String dueAfter, String dueBefore) {
        if (dueAfter == null && dueBefore == null) {
            return null;
        }
        Map<String, Object> bounds = new HashMap<>();
        if (dueAfter != null) {
            bounds.put("dueAfter", dueAfter);
        }
        if (dueBefore != null) {
            bounds.put("dueBefore", dueBefore);
        }
        FieldReader in = FieldReader.of(bounds, Set.of("dueAfter", "dueBefore"), "task");
        LocalDateTime after = in.instant("dueAfter");
        LocalDateTime before = in.instant("dueBefore");
        in.requireValid();
        Expression where = after == null ? null : Task.DUE_AT.gte(after);
        return before == null ? where : Records.and(where, Task.DUE_AT.lt(before));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = TaskView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(ContactsModule.READ);
        TaskView task = persistence.read(ctx -> Views.task(Records.find(ctx, access, user, Task.class, id, "task")));
        return Records.ok(task.version(), task);
    }

    @POST
    @ApiBody(Inputs.TaskInput.class)
    @ApiAnswer(status = 201, value = TaskView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, WRITABLE, "task");
        TaskKind kind = kind(in);
        Integer repeatDays = in.integer("repeatDays", 1, 365);
        TaskView created = Views.task(persistence.write(ctx -> {
            Task task = insert(ctx, user, in.text("title", 300), in.instant("dueAt"),
                    in.has("assigneeId") ? in.text("assigneeId", 36) : user.id(), in.text("personId", 36), in.text("organizationId", 36), in);
            task.setKind(kind.id());
            task.setRepeatDays(repeatDays);
            return task;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(Inputs.TaskChanges.class)
    @ApiAnswer(value = TaskView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "task");
        TaskView updated = Views.task(Records.update(persistence, access, user, Task.class, id, "task", in, ifMatch, (ctx, t) -> {
            if (in.has("title")) {
                String title = in.text("title", 300);
                if (title == null) {
                    in.error("title", "required", "is required");
                }
                t.setTitle(title);
            }
            if (in.has("dueAt")) {
                LocalDateTime due = in.instant("dueAt");
                if (due == null) {
                    in.error("dueAt", "required", "is required");
                }
                t.setDueAt(due);
                t.setRemindedAt(null);
            }
            if (in.has("assigneeId")) {
                String assignee = in.text("assigneeId", 36);
                if (!access.canAssignTo(user, assignee)) {
                    in.error("assigneeId", "notATeamMember", "is not a user of your team");
                }
                t.setAssigneeId(assignee);
            }
            if (in.has("done")) {
                Boolean done = in.flag("done");
                t.setDone(Boolean.TRUE.equals(done));
            }
        }));
        return Records.ok(updated.version(), updated);
    }

    /**
     * Logs how a call went, in one transaction: the task done with its outcome, a call activity
     * on the timeline of whom it was about (the note as its text), and, when the outcome asks for
     * another call and the task has {@code repeatDays}, the next call due that many days after now.
     * A stale version is 409 with nothing changed; a task that is not a call, or already done, is refused.
     */
    @POST
    @Path("{id}/outcome")
    @ApiBody(Inputs.CallOutcomeInput.class)
    @ApiAnswer(value = CallLogged.class, headers = ApiAnswer.ETAG)
    public Response outcome(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.WRITE);
        FieldReader in = FieldReader.of(body, OUTCOME_FIELDS, "task");
        String given = in.text("outcome", 20);
        CallOutcome outcome = CallOutcome.of(given);
        if (given == null) {
            in.error("outcome", "required", "is required");
        } else if (outcome == null) {
            in.error("outcome", "contacts.unknownOutcome", "must be reached, notReached or callBackLater");
        }
        String note = in.text("note", 20_000);
        Task[] next = new Task[1];
        String[] activity = new String[1];
        Task task = Records.update(persistence, access, user, Task.class, id, "task", in, ifMatch, (ctx, t) -> {
            if (!TaskKind.CALL.id().equals(t.getKind())) {
                in.error("outcome", "contacts.notACall", "only a call task has an outcome");
            } else if (t.isDone()) {
                throw Problems.conflict("contacts.callLogged", "This call was logged already; reload the task.");
            }
            if (!in.errors().isEmpty()) {
                return;
            }
            Instant now = Sql.instant();
            t.setDone(true);
            t.setOutcome(outcome.id());
            activity[0] = timeline.append(new NewActivity(ActivityType.CALL, Direction.OUTBOUND, t.getTitle() + " — " + outcome.id(), note,
                    now, t.getPersonId(), t.getOrganizationId(), List.of(), ContactsModule.ID));
            if (outcome.callsAgain() && t.getRepeatDays() != null) {
                Task n = ctx.newObject(Task.class);
                n.setTitle(t.getTitle());
                n.setDueAt(LocalDateTime.ofInstant(now.plus(Duration.ofDays(t.getRepeatDays())), ZoneOffset.UTC));
                n.setAssigneeId(t.getAssigneeId());
                n.setPersonId(t.getPersonId());
                n.setOrganizationId(t.getOrganizationId());
                n.setDone(false);
                n.setKind(TaskKind.CALL.id());
                n.setRepeatDays(t.getRepeatDays());
                n.setSource(t.getSource());
                n.setOwnerId(t.getOwnerId());
                n.setTeamId(t.getTeamId());
                t.setNextId(n.getId());
                next[0] = n;
            }
        });
        TaskView view = Views.task(task);
        return Records.ok(view.version(), new CallLogged(view, activity[0], next[0] == null ? null : Views.task(next[0])));
    }

    /** A logged call: the task as it is now, the call's activity, and the next call when one follows. */
    public record CallLogged(TaskView task, String activityId, TaskView next) {
    }

    private static TaskKind kind(FieldReader in) {
        String given = in.text("kind", 10);
        if (given == null) {
            return TaskKind.TODO;
        }
        try {
            return TaskKind.of(given);
        } catch (IllegalArgumentException e) {
            in.error("kind", "contacts.unknownTaskKind", "must be todo or call");
            return TaskKind.TODO;
        }
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(ContactsModule.DELETE);
        Records.delete(persistence, access, user, Task.class, id, "task", ifMatch, (ctx, record) -> { });
        return Response.noContent().build();
    }

    Task insert(ObjectContext ctx, UserPrincipal user, String title, LocalDateTime dueAt, String assigneeId, String personId,
            String organizationId, FieldReader in) {
        if (title == null) {
            in.error("title", "required", "is required");
        }
        if (dueAt == null && in.errors().stream().noneMatch(e -> e.field().equals("dueAt"))) {
            in.error("dueAt", "required", "is required");
        }
        if (!access.canAssignTo(user, assigneeId)) {
            in.error("assigneeId", "notATeamMember", "is not a user of your team");
        }
        if (personId == null && organizationId == null) {
            in.error("personId", "contacts.taskNeedsSubject", "a task is about a person or an organization (personId or organizationId)");
        }
        if (personId != null) {
            // The person decides the task's team below; an organization named with it must be in reach too,
            // or a task could tie a record of another team to this one.
            Records.requireReference(ctx, access, user, Organization.class, organizationId, "organizationId", in);
        }
        in.requireValid();
        MosaicRecord about = personId != null
                ? Records.find(ctx, access, user, Person.class, personId, "person")
                : Records.find(ctx, access, user, Organization.class, organizationId, "organization");
        Task task = ctx.newObject(Task.class);
        task.setTitle(title);
        task.setDueAt(dueAt);
        task.setAssigneeId(assigneeId);
        task.setPersonId(personId);
        task.setOrganizationId(organizationId);
        task.setDone(false);
        task.setKind(TaskKind.TODO.id());
        task.setOwnerId(user.id());
        task.setTeamId(about.getTeamId());
        return task;
    }
}
