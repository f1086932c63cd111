package org.mosaiccrm.tickets.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.mail.Inbox;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.MailAccount;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/mailboxes}: {@code {"queueId","address","imapHost","imapPort","imapSecurity",
 * "imapUser","imapPassword","folder"}}, kept by {@code tickets.admin}. One mailbox per queue and
 * one queue per address; its mail is read by {@link TicketMailJob}. The password is write-only:
 * answers say {@code imapPasswordSet}, never the password, nor does the audit log. Replies to
 * customers leave through the platform's outbox (its SMTP server), with the queue's address as
 * Reply-To.
 */
@Component(service = MailboxesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailboxesResource {

    static final Set<String> FIELDS = Set.of("queueId", "address", "imapHost", "imapPort", "imapSecurity", "imapUser", "imapPassword",
            "folder", "version");
    private static final Set<String> SECURITY = Set.of(MailAccount.TLS, MailAccount.STARTTLS, MailAccount.NONE);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");

    public record MailboxView(String id, long version, String queueId, String address, String imapHost, int imapPort, String imapSecurity,
            String imapUser, boolean imapPasswordSet, String folder) {

        static MailboxView of(TicketMailbox m) {
            return new MailboxView(m.getId(), m.getVersion(), m.getQueueId(), m.getAddress(), m.getImapHost(), m.getImapPort(),
                    m.getImapSecurity(), m.getImapUser(), m.getImapPassword() != null, m.getFolder());
        }
    }

    public record PollAnswer(int handled) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private Inbox inbox;

    @Reference
    private TicketMailJob job;

    @GET
    public Map<String, List<MailboxView>> list() {
        access.requirePermission(TicketsModule.ADMIN);
        return Map.of("items", persistence.read(ctx -> ObjectSelect.query(TicketMailbox.class).orderBy(TicketMailbox.ADDRESS.asc())
                .select(ctx).stream().map(MailboxView::of).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        MailboxView view = MailboxView.of(persistence.read(ctx -> find(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "mailbox");
        MailboxView created = MailboxView.of(persistence.write(ctx -> {
            TicketMailbox m = ctx.newObject(TicketMailbox.class);
            apply(ctx, in, m);
            // Owned by the administrator who set it up: its mail is read, and its tickets opened, as them.
            access.assignOwnership(user, m, null, QueuesResource.find(ctx, m.getQueueId()).getTeamId());
            return m;
        }));
        audit(created, in, "created");
        return Records.created(uri, created.id(), created.version(), created);
    }

    /** Replaces the mailbox; an absent password keeps the saved one, {@code ""} removes it. Another account is read from its start. */
    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "mailbox");
        Long expected = in.expectedVersion(ifMatch);
        MailboxView updated = MailboxView.of(persistence.write(ctx -> {
            TicketMailbox m = find(ctx, id);
            m.requireVersion(expected);
            String before = m.account().toString();
            apply(ctx, in, m);
            if (!before.equals(m.account().toString())) {
                inbox.forget(ctx, m.inboxKey());
            }
            access.assignOwnership(user, m, user.id(), QueuesResource.find(ctx, m.getQueueId()).getTeamId());
            return m;
        }));
        audit(updated, in, "changed");
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        persistence.write(ctx -> {
            TicketMailbox m = find(ctx, id);
            inbox.forget(ctx, m.inboxKey());
            ctx.deleteObject(m);
            return null;
        });
        audit.record("tickets.mailbox.deleted", "tickets/mailboxes/" + id, Map.of());
        return Response.noContent().build();
    }

    /** Reads the mailbox now rather than at the next poll; a server refusing answers 502 with its words. */
    @POST
    @Path("{id}/poll")
    public PollAnswer poll(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        TicketMailbox m = persistence.read(ctx -> find(ctx, id));
        try {
            return new PollAnswer(job.poll(m));
        } catch (java.io.IOException e) {
            throw Problems.of(502, "mail-server", "The mailbox could not be read", e.getMessage());
        }
    }

    static TicketMailbox find(ObjectContext ctx, String id) {
        return Setup.find(ctx, TicketMailbox.class, id, "mailbox");
    }

    private void audit(MailboxView view, FieldReader in, String what) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("queueId", view.queueId());
        detail.put("address", view.address());
        detail.put("imapHost", view.imapHost());
        detail.put("imapPassword", !in.has("imapPassword") ? "kept" : view.imapPasswordSet() ? "changed" : "removed");
        audit.record("tickets.mailbox." + what, "tickets/mailboxes/" + view.id(), detail);
    }

    private static void apply(ObjectContext ctx, FieldReader in, TicketMailbox m) {
        String queue = in.text("queueId", 36);
        if (queue == null) {
            in.required("queueId");
        } else if (!Setup.exists(ctx, TicketQueue.class, queue)) {
            in.error("queueId", "names no queue");
        }
        String address = in.text("address", 254);
        if (address == null) {
            in.required("address");
        } else if (!Mail.isAddress(address)) {
            in.error("address", "is not a mail address");
        }
        String host = in.text("imapHost", 255);
        if (host == null) {
            in.required("imapHost");
        } else if (!HOST.matcher(host).matches()) {
            in.error("imapHost", "is not a host name or address");
        }
        String security = in.has("imapSecurity") ? in.choice("imapSecurity", SECURITY) : MailAccount.TLS;
        Integer port = in.integer("imapPort", 1, 65535);
        String user = in.text("imapUser", 255);
        if (user == null) {
            in.required("imapUser");
        }
        String folder = in.text("folder", 200);
        String password = in.has("imapPassword") ? in.verbatim("imapPassword", 500) : m.getImapPassword();
        in.requireValid();
        String lower = address.toLowerCase(Locale.ROOT);
        org.apache.cayenne.exp.Expression taken = TicketMailbox.QUEUE_ID.eq(queue).orExp(TicketMailbox.ADDRESS.eq(lower));
        if (ObjectSelect.query(TicketMailbox.class).where(Records.and(taken, m.getId() == null ? null : MosaicRecord.ID.ne(m.getId())))
                .selectCount(ctx) > 0) {
            throw Problems.conflict("The queue has a mailbox already, or another queue reads this address.");
        }
        m.setQueueId(queue);
        m.setAddress(lower);
        m.setImapHost(host);
        m.setImapSecurity(security == null ? MailAccount.TLS : security);
        m.setImapPort(port != null ? port : MailAccount.NONE.equals(m.getImapSecurity()) ? 143 : 993);
        m.setImapUser(user);
        m.setImapPassword(password == null || password.isEmpty() ? null : password);
        m.setFolder(folder);
    }
}
