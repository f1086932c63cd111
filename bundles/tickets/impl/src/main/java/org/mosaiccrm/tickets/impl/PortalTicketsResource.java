package org.mosaiccrm.tickets.impl;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.PersonProfiles;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.files.FileUpload;
import org.mosaiccrm.platform.api.files.MultipartForm;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.tickets.api.Channel;
import org.mosaiccrm.tickets.api.Priority;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/portal/tickets}: a customer's tickets — those they asked, and with
 * {@code ?scope=organization} their organization's when staff made them its manager. Every
 * query is bounded by the customer inside it: another customer's ticket answers 404 like one
 * that does not exist. A ticket shows what the customer may know (no SLA, assignee, queue, tags
 * or owner), and its conversation holds public replies only: internal notes are left out in the
 * query itself. A customer opens tickets (channel portal) and answers their tickets.
 */
@Component(service = PortalTicketsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("portal/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalTicketsResource {

    static final Set<String> CREATABLE = Set.of("subject", "description", "priority");

    public record PortalTicketView(String id, long number, String subject, String description, String status, String priority,
            String channel, String requesterName, boolean mine, Instant createdAt, Instant updatedAt, Instant solvedAt,
            TicketSatisfactionView satisfaction) {
    }

    /** A public reply: {@code fromCustomer} when a customer wrote it ({@code authorName} then theirs); the desk's replies carry no staff data. */
    public record PortalCommentView(String id, String body, boolean fromCustomer, String authorName, Instant createdAt,
            List<TicketAttachments.AttachmentView> attachments) {
    }

    /** The public replies with their files, and the files that came with the ticket itself. */
    public record PortalConversation(List<PortalCommentView> items, List<TicketAttachments.AttachmentView> attachments) {
    }

    /** For the OpenAPI document. */
    public record NewPortalTicket(String subject, String description, String priority) {
    }

    /** For the OpenAPI document. */
    public record NewReply(String body) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private PortalCustomers customers;

    @Reference
    private Timeline timeline;

    @Reference
    private AuditLog audit;

    @Reference
    private TicketAttachments attachments;

    @Reference
    private TicketSatisfaction satisfaction;

    /** For the OpenAPI document. */
    public record NewRating(Integer score, String comment) {
    }

    @GET
    public ListPage<PortalTicketView> list(@QueryParam("scope") String scope, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("page") Integer pageNumber,
            @QueryParam("sort") String sort) {
        PortalCustomers.Asking asking = customers.current();
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        Expression where;
        if (scope == null || "mine".equals(scope)) {
            where = Ticket.REQUESTER_ID.eq(asking.personId());
        } else if ("organization".equals(scope)) {
            if (asking.managedOrganization() == null) {
                throw Problems.forbidden("tickets.portalNotManager", "Only your organization's manager sees its tickets.");
            }
            where = Ticket.ORGANIZATION_ID.eq(asking.managedOrganization());
        } else {
            throw Problems.invalid("scope", "must be mine or organization");
        }
        if (status != null) {
            if (TicketStatus.ofCode(status) == null) {
                throw Problems.invalid("status", "must be new, open, pending, on_hold, solved or closed");
            }
            where = where.andExp(Ticket.STATUS.eq(status));
        }
        Expression filter = where;
        ListPage<Ticket> tickets = persistence.read(ctx -> RecordLists.page(persistence, ctx, Ticket.class, List.of(), filter,
                TicketsResource.SORTS.parse(sort), page, t -> t));
        Map<String, String> names = names(tickets.items().stream().map(Ticket::getRequesterId).distinct().toList());
        return new ListPage<>(tickets.items().stream().map(t -> view(asking, t, names)).toList(), tickets.next(), tickets.total(),
                tickets.totalExact());
    }

    @GET
    @Path("{id}")
    public PortalTicketView get(@PathParam("id") String id) {
        PortalCustomers.Asking asking = customers.current();
        Ticket t = persistence.read(ctx -> find(ctx, asking, id));
        return view(asking, t, names(List.of(t.getRequesterId())));
    }

    /** Opens a ticket for the customer: {@code {"subject","description","priority"}}; channel portal, their organization's. */
    @POST
    @ApiBody(NewPortalTicket.class)
    @ApiAnswer(status = 201, value = PortalTicketView.class, headers = ApiAnswer.LOCATION)
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        return create(body, List.of(), uri);
    }

    /**
     * Opens a ticket with files: {@code multipart/form-data} with the fields {@code subject},
     * {@code description}, {@code priority} and up to ten files, each within the size limit (413
     * naming the first one over it); the ticket and its files are stored together.
     */
    @POST
    @Consumes(MultipartForm.MEDIA_TYPE)
    @ApiAnswer(status = 201, value = PortalTicketView.class, headers = ApiAnswer.LOCATION)
    public Response addTicketWithFiles(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body, @Context UriInfo uri)
            throws IOException {
        customers.current();
        MultipartForm.Received form = attachments.receive(type, body);
        return create(new HashMap<>(form.fields()), form.files(), uri);
    }

    private Response create(Map<String, Object> body, List<FileUpload> files, UriInfo uri) {
        PortalCustomers.Asking asking = customers.current();
        FieldReader in = FieldReader.of(body, CREATABLE, "ticket");
        String subject = in.text("subject", TicketsResource.SUBJECT_MAX);
        if (subject == null) {
            in.required("subject");
        }
        String description = in.verbatim("description", TicketsResource.TEXT_MAX);
        String priority = in.has("priority") ? in.choice("priority", Set.of("low", "normal", "high", "urgent")) : Priority.NORMAL.code();
        if (priority == null) {
            in.required("priority");
        }
        in.requireValid();
        Instant now = Sql.instant();
        String id = customers.asSponsor(asking, () -> persistence.write(ctx -> {
            Ticket t = ctx.newObject(Ticket.class);
            t.setSubject(subject);
            t.setDescription(description);
            t.setRequesterId(asking.personId());
            t.setOrganizationId(asking.person().organizationId());
            t.setChannel(Channel.PORTAL.code());
            t.setPriority(priority);
            t.setStatus(TicketStatus.NEW.code());
            t.setBreached(false);
            t.setOwnerId(asking.access().sponsorId());
            t.setTeamId(asking.access().teamId());
            t.setNumber(TicketsResource.nextNumber(ctx));
            TicketSla.open(ctx, t, now);
            timeline.append(new NewActivity(ActivityType.NOTE, Direction.INBOUND, "Ticket " + t.displayName() + " (portal)",
                    t.getDescription(), now, t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
            attachments.store(ctx, TicketAttachments.TICKET, t.getId(), files, "person:" + asking.personId());
            return t.getId();
        }));
        audit.record("tickets.portal.ticket.opened", "ticket/" + id, Map.of("personId", asking.personId()));
        PortalTicketView view = get(id);
        return Response.created(uri.getAbsolutePathBuilder().path(id).build()).entity(view).build();
    }

    /** The ticket's public replies, oldest first, with their files, and the ticket's own files; internal notes are never read. */
    @GET
    @Path("{id}/comments")
    public PortalConversation comments(@PathParam("id") String id) {
        PortalCustomers.Asking asking = customers.current();
        Map<String, List<TicketAttachments.AttachmentView>> files = new HashMap<>();
        List<TicketAttachments.AttachmentView> own = new java.util.ArrayList<>();
        List<TicketComment> comments = persistence.read(ctx -> {
            Ticket t = find(ctx, asking, id);
            List<TicketComment> shown = ObjectSelect.query(TicketComment.class)
                    .where(TicketComment.TICKET_ID.eq(t.getId()).andExp(TicketComment.IS_PUBLIC.isTrue()))
                    .orderBy(MosaicRecord.CREATED_AT.asc(), MosaicRecord.ID.asc()).select(ctx);
            files.putAll(attachments.byOwner(ctx, TicketAttachments.COMMENT, shown.stream().map(TicketComment::getId).toList()));
            own.addAll(attachments.byOwner(ctx, TicketAttachments.TICKET, List.of(t.getId())).getOrDefault(t.getId(), List.of()));
            return shown;
        });
        Map<String, String> names = names(comments.stream().map(TicketComment::getAuthorPersonId).filter(p -> p != null).distinct().toList());
        return new PortalConversation(comments.stream().map(c -> comment(c, names, files.getOrDefault(c.getId(), List.of()))).toList(),
                List.copyOf(own));
    }

    /**
     * A file of one of the customer's tickets — the ticket's own or a public reply's — as a
     * download; an internal note's file, or another customer's, answers 404 like one that does not exist.
     */
    @GET
    @Path("{id}/attachments/{attachmentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        PortalCustomers.Asking asking = customers.current();
        return persistence.read(ctx -> attachments.download(ctx, find(ctx, asking, id), attachmentId, true));
    }

    /**
     * The customer answers their ticket ({@code {"body"}}): a public reply from them, after which
     * the desk owes a next response; a ticket waiting for them, or solved, opens again. A closed
     * ticket takes no more replies (409: open a new one).
     */
    @POST
    @Path("{id}/comments")
    @ApiBody(NewReply.class)
    @ApiAnswer(status = 201, value = PortalCommentView.class, headers = ApiAnswer.LOCATION)
    public Response reply(@PathParam("id") String id, Map<String, Object> body, @Context UriInfo uri) {
        return reply(id, body, List.of(), uri);
    }

    /** A reply with files: {@code multipart/form-data} with the field {@code body} and up to ten files within the size limit. */
    @POST
    @Path("{id}/comments")
    @Consumes(MultipartForm.MEDIA_TYPE)
    @ApiAnswer(status = 201, value = PortalCommentView.class, headers = ApiAnswer.LOCATION)
    public Response answerWithFiles(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body,
            @Context UriInfo uri) throws IOException {
        customers.current();
        MultipartForm.Received form = attachments.receive(type, body);
        return reply(id, new HashMap<>(form.fields()), form.files(), uri);
    }

    private Response reply(String id, Map<String, Object> body, List<FileUpload> files, UriInfo uri) {
        PortalCustomers.Asking asking = customers.current();
        FieldReader in = FieldReader.of(body, Set.of("body"), "reply");
        String text = in.verbatim("body", TicketsResource.TEXT_MAX);
        if (text == null || text.isBlank()) {
            in.required("body");
        }
        in.requireValid();
        Instant now = Sql.instant();
        List<TicketAttachments.AttachmentView> stored = new java.util.ArrayList<>();
        TicketComment created = customers.asSponsor(asking, () -> persistence.write(ctx -> {
            Ticket t = find(ctx, asking, id);
            TicketStatus before = TicketStatus.ofCode(t.getStatus());
            if (before == TicketStatus.CLOSED) {
                throw Problems.conflict("tickets.portalTicketClosed", "This ticket is closed: open a new one.");
            }
            TicketComment c = ctx.newObject(TicketComment.class);
            c.setTicketId(t.getId());
            c.setAuthorPersonId(asking.personId());
            c.setBody(text);
            c.setIsPublic(true);
            c.setOwnerId(t.getOwnerId());
            c.setTeamId(t.getTeamId());
            if (before == TicketStatus.PENDING || before == TicketStatus.SOLVED) {
                t.setStatus(TicketStatus.OPEN.code());
                TicketSla.statusChanged(ctx, t, before, TicketStatus.OPEN, now);
            }
            TicketSla.customerWrote(ctx, t, now);
            timeline.append(new NewActivity(ActivityType.NOTE, Direction.INBOUND, "Reply on ticket " + t.displayName() + " (portal)", text,
                    now, t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
            stored.addAll(attachments.store(ctx, TicketAttachments.COMMENT, c.getId(), files, "person:" + asking.personId()));
            return c;
        }));
        audit.record("tickets.portal.ticket.replied", "ticket/" + id, Map.of("personId", asking.personId()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.getId()).build())
                .entity(comment(created, names(List.of(asking.personId())), List.copyOf(stored))).build();
    }

    /**
     * The requester rates their solved ticket ({@code {"score","comment"}}, score 1 to 5): again while
     * it is solved, each rating replacing the one before; 409 while it is not solved or once it is
     * closed with a rating, 403 for an organization's manager on a colleague's ticket.
     */
    @POST
    @Path("{id}/rating")
    @ApiBody(NewRating.class)
    @ApiAnswer(status = 200, value = PortalTicketView.class)
    public PortalTicketView rate(@PathParam("id") String id, Map<String, Object> body) {
        PortalCustomers.Asking asking = customers.current();
        TicketSatisfaction.Rating rating = TicketSatisfaction.read(FieldReader.of(body, TicketSatisfaction.FIELDS, "rating"));
        Instant now = Sql.instant();
        Ticket rated = customers.asSponsor(asking, () -> persistence.write(ctx -> {
            Ticket t = find(ctx, asking, id);
            if (!asking.personId().equals(t.getRequesterId())) {
                throw Problems.forbidden("tickets.ratingNotRequester", "Only the person who asked rates a ticket.");
            }
            satisfaction.rate(ctx, t, rating, now);
            return t;
        }));
        audit.record("tickets.ticket.rated", "ticket/" + id, TicketSatisfaction.audited(rated, rating, "portal"));
        return get(id);
    }

    /** A ticket the customer may see — theirs, or their organization's for its manager — or 404, never a hint that it exists. */
    private static Ticket find(ObjectContext ctx, PortalCustomers.Asking asking, String id) {
        Expression theirs = Ticket.REQUESTER_ID.eq(asking.personId());
        if (asking.managedOrganization() != null) {
            theirs = theirs.orExp(Ticket.ORGANIZATION_ID.eq(asking.managedOrganization()));
        }
        Ticket t = RecordIds.isWellFormed(id) ? ObjectSelect.query(Ticket.class).where(MosaicRecord.ID.eq(id).andExp(theirs)).selectOne(ctx)
                : null;
        if (t == null) {
            throw Problems.notFound("ticket", id);
        }
        return t;
    }

    /** Names of the people (the customer, or their organization's people for its manager), read for the portal. */
    private Map<String, String> names(List<String> personIds) {
        Map<String, String> names = new HashMap<>();
        for (String id : personIds) {
            customers.profiles().own(id).ifPresent(p -> names.put(id, PortalAccessResource.name(p)));
        }
        return names;
    }

    private static PortalTicketView view(PortalCustomers.Asking asking, Ticket t, Map<String, String> names) {
        return new PortalTicketView(t.getId(), t.getNumber(), t.getSubject(), t.getDescription(), t.getStatus(), t.getPriority(),
                t.getChannel(), names.get(t.getRequesterId()), asking.personId().equals(t.getRequesterId()),
                t.getCreatedAt().toInstant(ZoneOffset.UTC), t.getUpdatedAt().toInstant(ZoneOffset.UTC),
                t.getSolvedAt() == null ? null : t.getSolvedAt().toInstant(ZoneOffset.UTC), TicketSatisfactionView.of(t));
    }

    private static PortalCommentView comment(TicketComment c, Map<String, String> names, List<TicketAttachments.AttachmentView> files) {
        return new PortalCommentView(c.getId(), c.getBody(), c.getAuthorPersonId() != null,
                c.getAuthorPersonId() == null ? null : names.get(c.getAuthorPersonId()), c.getCreatedAt().toInstant(ZoneOffset.UTC), files);
    }
}
