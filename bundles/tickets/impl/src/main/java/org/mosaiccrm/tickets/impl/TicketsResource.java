package org.mosaiccrm.tickets.impl;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
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

import com.fasterxml.jackson.core.type.TypeReference;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.files.FileUpload;
import org.mosaiccrm.platform.api.files.MultipartForm;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.tickets.api.Channel;
import org.mosaiccrm.tickets.api.Priority;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets}: tickets with a sequential number, a requester (a person the user can
 * reach), a queue (whose team the ticket belongs to: the access rule), an assignee, and SLA
 * clocks that what happens to the ticket moves ({@link TicketSla}). Replies and internal notes
 * at {@code /{id}/comments}: a public reply by staff meets the first and next response, and
 * appears on the requester's timeline; an internal note never leaves the desk.
 */
@Component(service = TicketsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketsResource {

    static final Set<String> CREATABLE = Set.of("subject", "description", "requesterId", "organizationId", "channel", "priority", "status",
            "queueId", "assigneeId", "tags", "ownerId", "teamId", FieldSchema.FIELD);
    static final Set<String> PATCHABLE = Set.of("subject", "description", "requesterId", "organizationId", "channel", "priority", "status",
            "queueId", "assigneeId", "tags", FieldSchema.FIELD, "version");
    static final Set<String> COMMENT = Set.of("body", "public");
    static final Set<String> MERGE = Set.of("into", "version");
    static final int SUBJECT_MAX = 300;
    static final int TEXT_MAX = 20_000;

    /** Newest first; by number, last change or subject. */
    static final Sorts SORTS = Sorts.of("-number", SortKey.of("number", Ticket.NUMBER), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT),
            SortKey.of("subject", Ticket.SUBJECT_KEY));

    public record TicketView(String id, long version, long number, String subject, String description, String requesterId,
            String requesterName, String organizationId, String channel, String priority, String status, String queueId, String assigneeId,
            List<String> tags, Map<String, Object> sla, String ownerId, String teamId, Instant createdAt, Instant updatedAt, Instant solvedAt,
            String mergedInto, TicketSatisfactionView satisfaction, Map<String, Object> customFields) {
    }

    /**
     * {@code authorPersonId}: the requester, when they wrote it through the portal (then {@code authorId} is null);
     * {@code attachments}: its files, oldest first.
     */
    public record CommentView(String id, String ticketId, String authorId, String authorPersonId, String body, boolean isPublic,
            Instant createdAt, List<TicketAttachments.AttachmentView> attachments) {

        static CommentView of(TicketComment c, List<TicketAttachments.AttachmentView> attachments) {
            return new CommentView(c.getId(), c.getTicketId(), c.getAuthorId(), c.getAuthorPersonId(), c.getBody(),
                    Boolean.TRUE.equals(c.isPublic()), c.getCreatedAt().toInstant(ZoneOffset.UTC), attachments);
        }
    }

    /** The conversation: the replies and notes, and the files that came with the ticket itself (from the portal or by mail). */
    public record Conversation(List<CommentView> items, List<TicketAttachments.AttachmentView> attachments) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private ContactDirectory contacts;

    @Reference
    private Timeline timeline;

    @Reference
    private TicketMail mail;

    @Reference
    private TicketAttachments attachments;

    @Reference
    private TicketSatisfaction satisfaction;

    @Reference
    private CustomFields customFields;

    @Reference
    private AuditLog audit;

    /**
     * A page of the tickets the user may see, filtered by status, priority, queue, assignee,
     * requester, breach and custom fields ({@code cf.<key>}).
     */
    @GET
    public ListPage<TicketView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("page") Integer pageNumber, @QueryParam("sort") String sort, @QueryParam("status") String status,
            @QueryParam("priority") String priority, @QueryParam("queueId") String queueId, @QueryParam("assigneeId") String assigneeId,
            @QueryParam("requesterId") String requesterId, @QueryParam("breached") String breached, @Context UriInfo uri) {
        // The filters are declared for the API's description; they are read from the query with the custom ones (filter).
        UserPrincipal user = access.requirePermission(TicketsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri.getQueryParameters());
        Instant now = Sql.instant();
        return persistence.read(ctx -> {
            ListPage<Ticket> tickets = RecordLists.page(persistence, ctx, Ticket.class, access.visibleRecordParts(user), where,
                    SORTS.parse(sort), page, t -> t);
            Map<String, String> names = contacts.people(tickets.items().stream().map(Ticket::getRequesterId).distinct().toList());
            PolicyCalendars calendars = new PolicyCalendars(ctx);
            return new ListPage<>(tickets.items().stream().map(t -> view(calendars, t, names, custom, now)).toList(), tickets.next(),
                    tickets.total(), tickets.totalExact());
        });
    }

    /**
     * The list as CSV ({@link TicketCsv}): the same filters, sort and reach, every matching
     * ticket, streamed, formula-safe and audited. Needs {@code tickets.export} besides reading.
     */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.READ);
        access.requirePermission(TicketsModule.EXPORT);
        CsvExport.requireCsv(format);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri.getQueryParameters());
        return CsvExport.of(persistence, audit, TicketsModule.ID, "tickets", uri.getQueryParameters(), TicketCsv.CSV.columns(custom),
                RecordLists.select(Ticket.class, Records.visible(access, user, where), SORTS.parse(sort)),
                // The rows are written while the answer streams, after the request's user has left
                // the thread: requesters' names are looked up as that user, explicitly.
                ctx -> TicketCsv.rows(ctx, custom,
                        person -> access.runAs(user, () -> contacts.people(List.of(person)).getOrDefault(person, ""))));
    }

    /**
     * The list's conditions from the query: status, priority, queue, assignee, requester,
     * breached and custom fields ({@code cf.<key>}); a bad value answers 400 naming the parameter.
     */
    static Expression filter(FieldSchema custom, Map<String, List<String>> query) {
        Expression filter = null;
        String status = first(query, "status");
        if (status != null) {
            if (TicketStatus.ofCode(status) == null) {
                throw Problems.invalid("status", "must be new, open, pending, on_hold, solved or closed");
            }
            filter = Records.and(filter, Ticket.STATUS.eq(status));
        }
        String priority = first(query, "priority");
        if (priority != null) {
            if (Priority.ofCode(priority) == null) {
                throw Problems.invalid("priority", "must be low, normal, high or urgent");
            }
            filter = Records.and(filter, Ticket.PRIORITY.eq(priority));
        }
        String queueId = first(query, "queueId");
        String assigneeId = first(query, "assigneeId");
        String requesterId = first(query, "requesterId");
        String breached = first(query, "breached");
        filter = Records.and(filter, queueId == null ? null : Ticket.QUEUE_ID.eq(queueId));
        filter = Records.and(filter, assigneeId == null ? null : Ticket.ASSIGNEE_ID.eq(assigneeId));
        filter = Records.and(filter, requesterId == null ? null : Ticket.REQUESTER_ID.eq(requesterId));
        if (breached != null) {
            if (!breached.equals("true") && !breached.equals("false")) {
                throw Problems.invalid("breached", "must be true or false");
            }
            filter = Records.and(filter, Ticket.BREACHED.eq(Boolean.valueOf(breached)));
        }
        return Records.and(filter, custom.filter(Ticket.CUSTOM_JSON, query));
    }

    /** A parameter's value; an empty one counts as not given, as the list's form sends its unused filters. */
    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private FieldSchema schema() {
        return customFields.schema(TicketsModule.ID, TicketsModule.TICKET);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(TicketsModule.READ);
        TicketView view = persistence.read(ctx -> view(ctx, Records.find(ctx, access, user, Ticket.class, id, "ticket")));
        return Records.ok(view.version(), view);
    }

    @POST
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "ticket");
        FieldSchema custom = schema();
        Instant now = Sql.instant();
        Ticket created = persistence.write(ctx -> {
            Ticket t = ctx.newObject(Ticket.class);
            apply(ctx, user, in, t, true);
            t.setCustomJson(custom.apply(in, t.getCustomJson(), true));
            String team = in.has("teamId") ? in.text("teamId", 36)
                    : t.getQueueId() == null ? null : QueuesResource.find(ctx, t.getQueueId()).getTeamId();
            String owner = in.has("ownerId") ? in.text("ownerId", 36) : t.getAssigneeId();
            access.assignOwnership(user, t, owner, team);
            in.requireValid();
            opened(ctx, timeline, t, now);
            return t;
        });
        TicketView view = persistence.read(ctx -> view(ctx, Records.find(ctx, access, user, Ticket.class, created.getId(), "ticket")));
        return Records.created(uri, view.id(), view.version(), view);
    }

    @PATCH
    @Path("{id}")
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "ticket");
        FieldSchema custom = schema();
        Long expected = in.expectedVersion(ifMatch);
        Instant now = Sql.instant();
        String updated = persistence.write(ctx -> {
            Ticket t = Records.find(ctx, access, user, Ticket.class, id, "ticket");
            t.requireVersion(expected);
            TicketStatus before = TicketStatus.ofCode(t.getStatus());
            String priority = t.getPriority();
            String queue = t.getQueueId();
            apply(ctx, user, in, t, false);
            if (in.has(FieldSchema.FIELD)) {
                t.setCustomJson(custom.apply(in, t.getCustomJson(), false));
            }
            in.requireValid();
            changed(ctx, user, t, before, priority, queue, now);
            return t.getId();
        });
        TicketView view = persistence.read(ctx -> view(ctx, Records.find(ctx, access, user, Ticket.class, updated, "ticket")));
        return Records.ok(view.version(), view);
    }

    /**
     * What a change of a ticket's fields sets off, in the change's transaction (the API's and an
     * import's alike): another queue gives it to that queue's team (403 when the user may not),
     * another priority or queue retargets its SLA, a new status moves the clocks, and solving it
     * sends the rating link.
     */
    void changed(ObjectContext ctx, UserPrincipal user, Ticket t, TicketStatus before, String priority, String queue, Instant now) {
        if (t.getQueueId() != null && !t.getQueueId().equals(queue)) {
            access.assignOwnership(user, t, t.getOwnerId(), QueuesResource.find(ctx, t.getQueueId()).getTeamId());
        }
        if (!t.getPriority().equals(priority) || !java.util.Objects.equals(queue, t.getQueueId())) {
            TicketSla.retarget(ctx, t, now);
        }
        TicketStatus after = TicketStatus.ofCode(t.getStatus());
        TicketSla.statusChanged(ctx, t, before, after, now);
        if (after == TicketStatus.SOLVED && !before.isDone()) {
            // The rating link goes out with the change: only if the ticket is solved indeed.
            satisfaction.solved(ctx, t);
        }
    }

    /** The ticket's replies and internal notes, oldest first, each with its files; and the ticket's own files. */
    @GET
    @Path("{id}/comments")
    public Conversation comments(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(TicketsModule.READ);
        return persistence.read(ctx -> {
            Ticket t = Records.find(ctx, access, user, Ticket.class, id, "ticket");
            List<TicketComment> comments = ObjectSelect.query(TicketComment.class).where(TicketComment.TICKET_ID.eq(t.getId()))
                    .orderBy(MosaicRecord.CREATED_AT.asc(), MosaicRecord.ID.asc()).select(ctx);
            Map<String, List<TicketAttachments.AttachmentView>> files = attachments.byOwner(ctx, TicketAttachments.COMMENT,
                    comments.stream().map(TicketComment::getId).toList());
            return new Conversation(comments.stream().map(c -> CommentView.of(c, files.getOrDefault(c.getId(), List.of()))).toList(),
                    attachments.byOwner(ctx, TicketAttachments.TICKET, List.of(t.getId())).getOrDefault(t.getId(), List.of()));
        });
    }

    /**
     * A file of the ticket or of one of its replies and notes, as a download (never shown inline);
     * 404 for a ticket the user may not see, as for a file of another ticket.
     */
    @GET
    @Path("{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        UserPrincipal user = access.requirePermission(TicketsModule.READ);
        return persistence.read(ctx -> attachments.download(ctx, Records.find(ctx, access, user, Ticket.class, id, "ticket"), attachmentId,
                false));
    }

    /**
     * A reply or note with files: {@code multipart/form-data} with the fields {@code body} and
     * {@code public} ({@code true} or {@code false}) and up to ten files (any field name), each
     * within {@code MOSAIC_ATTACHMENT_MAX_MB} (413 naming the first one over it). The comment and
     * its files are stored in one transaction.
     */
    @POST
    @Path("{id}/comments")
    @Consumes(MultipartForm.MEDIA_TYPE)
    @ApiAnswer(status = 201, value = CommentView.class, headers = ApiAnswer.LOCATION)
    public Response addCommentWithFiles(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body,
            @Context UriInfo uri) throws IOException {
        access.requirePermission(TicketsModule.WRITE);
        MultipartForm.Received form = attachments.receive(type, body);
        Map<String, Object> fields = new java.util.LinkedHashMap<>(form.fields());
        fields.computeIfPresent("public", (k, v) -> "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : v);
        return comment(id, fields, form.files(), uri);
    }

    /**
     * A public reply (to the customer: meets the first and next response, opens a new ticket,
     * goes on the requester's timeline, and by mail to them when the ticket's queue has a mailbox) or an internal note ({@code "public": false}: changes no clock).
     */
    @POST
    @Path("{id}/comments")
    public Response comment(@PathParam("id") String id, Map<String, Object> body, @Context UriInfo uri) {
        return comment(id, body, List.of(), uri);
    }

    private Response comment(String id, Map<String, Object> body, List<FileUpload> files, UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(body, COMMENT, "comment");
        String text = in.verbatim("body", TEXT_MAX);
        if (text == null || text.isBlank()) {
            in.required("body");
        }
        Boolean isPublic = in.flag("public");
        if (isPublic == null) {
            in.required("public");
        }
        in.requireValid();
        Instant now = Sql.instant();
        List<TicketAttachments.AttachmentView> stored = new java.util.ArrayList<>();
        TicketComment c = persistence.write(ctx -> {
            Ticket t = Records.find(ctx, access, user, Ticket.class, id, "ticket");
            TicketComment comment = comment(ctx, user, t, text, isPublic);
            stored.addAll(attachments.store(ctx, TicketAttachments.COMMENT, comment.getId(), files, user.id()));
            if (isPublic) {
                TicketSla.staffReplied(ctx, t, now);
                if (TicketStatus.ofCode(t.getStatus()) == TicketStatus.NEW) {
                    t.setStatus(TicketStatus.OPEN.code());
                }
                timeline.append(new NewActivity(ActivityType.EMAIL, Direction.OUTBOUND, "Reply on ticket " + t.displayName(), text, now,
                        t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
                // By mail too when the ticket's queue has a mailbox, queued in this transaction: it leaves only if the reply is stored.
                mail.reply(ctx, t, comment, stored.stream().map(TicketAttachments.AttachmentView::id).toList());
            }
            return comment;
        });
        return Response.created(uri.getAbsolutePathBuilder().path(c.getId()).build()).entity(CommentView.of(c, List.copyOf(stored))).build();
    }

    /**
     * Merges this ticket into another ({@code {"into","version"}}), both within the user's reach,
     * in one transaction: its replies and notes move to the other ticket (their times kept), a note
     * on each says what happened, and this one is closed with {@code mergedInto} pointing there.
     * A merged ticket cannot be merged again, nor a ticket into itself.
     */
    @POST
    @Path("{id}/merge")
    public Response merge(@PathParam("id") String id, Map<String, Object> body) {
        UserPrincipal user = access.requirePermission(TicketsModule.WRITE);
        FieldReader in = FieldReader.of(body, MERGE, "merge");
        String into = in.text("into", 36);
        if (into == null) {
            in.required("into");
        }
        Long expected = in.expectedVersion(null);
        in.requireValid();
        if (into.equals(id)) {
            throw Problems.invalid("into", "must be another ticket");
        }
        Instant now = Sql.instant();
        String target = persistence.write(ctx -> {
            Ticket source = Records.find(ctx, access, user, Ticket.class, id, "ticket");
            source.requireVersion(expected);
            Ticket other = Records.find(ctx, access, user, Ticket.class, into, "ticket");
            if (source.getMergedInto() != null || other.getMergedInto() != null) {
                throw Problems.conflict("A merged ticket cannot be merged again.");
            }
            for (TicketComment c : ObjectSelect.query(TicketComment.class).where(TicketComment.TICKET_ID.eq(source.getId())).select(ctx)) {
                c.setTicketId(other.getId());
            }
            note(ctx, user, other, "Ticket " + source.displayName() + " was merged into this one.");
            note(ctx, user, source, "Merged into ticket " + other.displayName() + ".");
            // The custom values the target lacks come from the merged ticket, as when two records of any kind are merged.
            String united = FieldSchema.unite(other.getCustomJson(), source.getCustomJson());
            if (!java.util.Objects.equals(united, other.getCustomJson())) {
                other.setCustomJson(united);
            }
            TicketStatus before = TicketStatus.ofCode(source.getStatus());
            source.setStatus(TicketStatus.CLOSED.code());
            source.setMergedInto(other.getId());
            TicketSla.statusChanged(ctx, source, before, TicketStatus.CLOSED, now);
            return other.getId();
        });
        TicketView view = persistence.read(ctx -> view(ctx, Records.find(ctx, access, user, Ticket.class, target, "ticket")));
        return Records.ok(view.version(), view);
    }

    /**
     * A new ticket, its fields set, gets its number and SLA clocks, and its entry on the requester's
     * timeline in the same transaction: a ticket is never without the entry, nor the entry without it.
     */
    static void opened(ObjectContext ctx, Timeline timeline, Ticket t, Instant now) {
        t.setNumber(nextNumber(ctx));
        TicketSla.open(ctx, t, now);
        timeline.append(new NewActivity(ActivityType.NOTE, Direction.INBOUND, "Ticket " + t.displayName(), t.getDescription(),
                now, t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
    }

    /** An internal note by the user on a ticket. */
    private void note(ObjectContext ctx, UserPrincipal user, Ticket t, String text) {
        comment(ctx, user, t, text, false);
    }

    /**
     * A comment is owned like its ticket, so that the same reach applies: copied, not given (an
     * agent of the ticket's team may answer a ticket an administrator or the mailbox opened).
     */
    static void owned(TicketComment c, Ticket t) {
        c.setOwnerId(t.getOwnerId());
        c.setTeamId(t.getTeamId());
    }

    /** A reply or note by the user on a ticket, owned like the ticket so that the same reach applies. */
    private TicketComment comment(ObjectContext ctx, UserPrincipal user, Ticket t, String text, boolean isPublic) {
        TicketComment c = ctx.newObject(TicketComment.class);
        c.setTicketId(t.getId());
        c.setAuthorId(user.id());
        c.setBody(text);
        c.setIsPublic(isPublic);
        owned(c, t);
        return c;
    }

    private TicketView view(ObjectContext ctx, Ticket t) {
        return view(new PolicyCalendars(ctx), t, contacts.people(List.of(t.getRequesterId())), schema(), Sql.instant());
    }

    private static TicketView view(PolicyCalendars calendars, Ticket t, Map<String, String> names, FieldSchema custom, Instant now) {
        return new TicketView(t.getId(), t.getVersion(), t.getNumber(), t.getSubject(), t.getDescription(), t.getRequesterId(),
                names.get(t.getRequesterId()), t.getOrganizationId(), t.getChannel(), t.getPriority(), t.getStatus(), t.getQueueId(),
                t.getAssigneeId(), tags(t), TicketSla.view(calendars, t, now), t.getOwnerId(), t.getTeamId(),
                t.getCreatedAt().toInstant(ZoneOffset.UTC), t.getUpdatedAt().toInstant(ZoneOffset.UTC),
                t.getSolvedAt() == null ? null : t.getSolvedAt().toInstant(ZoneOffset.UTC), t.getMergedInto(), TicketSatisfactionView.of(t),
                custom.view(t.getCustomJson()));
    }

    static List<String> tags(Ticket t) {
        if (t.getTagsJson() == null) {
            return List.of();
        }
        try {
            return Calendars.JSON.readValue(t.getTagsJson(), new TypeReference<>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next ticket number: the counter's row is raised in this transaction, so numbers are unique and in order. */
    static long nextNumber(ObjectContext ctx) {
        Sql.exec(ctx, "UPDATE TK_COUNTER SET LAST_VALUE = LAST_VALUE + 1 WHERE NAME = 'ticket'");
        return ((Number) Sql.row(ctx, "SELECT LAST_VALUE FROM TK_COUNTER WHERE NAME = 'ticket'").get("LAST_VALUE")).longValue();
    }

    /** The body onto the ticket (from the API or an import's row); every bad field is named on the reader. */
    void apply(ObjectContext ctx, UserPrincipal user, FieldReader in, Ticket t, boolean creating) {
        String subject = in.text("subject", SUBJECT_MAX);
        if (subject == null && (creating || in.has("subject"))) {
            in.required("subject");
        } else if (subject != null) {
            t.setSubject(subject);
        }
        if (in.has("description") || creating) {
            t.setDescription(in.verbatim("description", TEXT_MAX));
        }
        String requester = in.text("requesterId", 36);
        if (requester == null && (creating || in.has("requesterId"))) {
            in.required("requesterId");
        } else if (requester != null) {
            if (contacts.people(List.of(requester)).isEmpty()) {
                in.error("requesterId", "unreachable", "names no person you can reach");
            }
            t.setRequesterId(requester);
        }
        if (in.has("organizationId")) {
            String org = in.text("organizationId", 36);
            if (org != null && contacts.organizations(List.of(org)).isEmpty()) {
                in.error("organizationId", "unreachable", "names no organization you can reach");
            }
            t.setOrganizationId(org);
        }
        t.setChannel(code(in, "channel", creating, Channel.PHONE.code(), Set.of("email", "portal", "phone", "web", "chat"), t.getChannel()));
        t.setPriority(code(in, "priority", creating, Priority.NORMAL.code(), Set.of("low", "normal", "high", "urgent"), t.getPriority()));
        t.setStatus(code(in, "status", creating, TicketStatus.NEW.code(), Set.of("new", "open", "pending", "on_hold", "solved", "closed"),
                t.getStatus()));
        if (in.has("queueId")) {
            String queue = in.text("queueId", 36);
            if (queue != null && !Setup.exists(ctx, TicketQueue.class, queue)) {
                in.error("queueId", "names no queue");
            }
            t.setQueueId(queue);
        }
        if (in.has("assigneeId")) {
            String assignee = in.text("assigneeId", 36);
            if (assignee != null && (access.findUser(assignee).isEmpty() || !access.canAssignTo(user, assignee))) {
                in.error("assigneeId", "names no user you may assign tickets to");
            }
            t.setAssigneeId(assignee);
        }
        if (in.has("tags")) {
            List<String> tags = in.tags("tags");
            t.setTagsJson(tags == null || tags.isEmpty() ? null : Calendars.json(tags));
        }
        if (creating && t.isBreached() == null) {
            t.setBreached(false);
        }
    }

    private static String code(FieldReader in, String field, boolean creating, String otherwise, Set<String> allowed, String current) {
        if (!in.has(field)) {
            return creating ? otherwise : current;
        }
        String value = in.choice(field, allowed);
        if (value == null && in.raw(field) == null) {
            in.required(field);
        }
        return value == null ? (current == null ? otherwise : current) : value;
    }
}
