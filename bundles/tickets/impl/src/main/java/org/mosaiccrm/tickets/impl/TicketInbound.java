package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.ContactLinks;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.mail.DeliveryReport;
import org.mosaiccrm.platform.api.mail.InboundMessage;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.tickets.api.Channel;
import org.mosaiccrm.tickets.api.Priority;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message read from a queue's mailbox, in the transaction that moves the mailbox's mark. It
 * threads into a ticket by In-Reply-To, then References, then a {@code [#n]} token in the subject
 * (the token only from the ticket's requester: numbers are easy to guess) and becomes a public
 * comment by the customer; otherwise it opens a ticket (channel email, the requester found by
 * address or created through contacts). No mail loops: a message the desk knows (read before, or
 * its own come back), one from a queue's own address, and a delivery report are never answered;
 * an automatic message (auto-reply, list, bulk) opens or threads but gets no acknowledgment, and
 * acknowledgments per sender are limited ({@link TicketMail#acknowledge}). A mail's attachments
 * are kept with what it became (the new ticket, or the customer's comment) under the same size
 * limit as uploads; one over it is not kept, and the ticket's or comment's text names it and its
 * size — none is dropped silently.
 */
@Component(service = TicketInbound.class)
public class TicketInbound {

    private static final Logger LOG = LoggerFactory.getLogger(TicketInbound.class);

    @Reference
    private AccessControl access;

    @Reference
    private ContactLinks contacts;

    @Reference
    private Timeline timeline;

    @Reference
    private TicketMail mail;

    @Reference
    private TicketAttachments attachments;

    /** Handles the message as {@code owner} (the mailbox's administrator). */
    void handle(ObjectContext ctx, UserPrincipal owner, TicketMailbox mailbox, InboundMessage m) {
        if (m.messageId() != null && TicketMail.known(ctx, m.messageId())) {
            LOG.debug("Mailbox {}: {} is known (read before, or the desk's own), left alone", mailbox.getAddress(), m.messageId());
            return;
        }
        if (m.from() == null) {
            LOG.info("Mailbox {}: a message without a readable sender is left alone", mailbox.getAddress());
            return;
        }
        if (ourAddresses(ctx).contains(m.from())) {
            LOG.info("Mailbox {}: a message from the desk's own address {} is left alone", mailbox.getAddress(), m.from());
            return;
        }
        if (m.report() != null) {
            reported(ctx, m.report());
            return;
        }
        Instant now = Sql.instant();
        String messageId = m.messageId() != null ? m.messageId() : "<" + RecordIds.newId() + ".without-id@mosaiccrm>";
        Ticket t = thread(ctx, m);
        if (t != null) {
            TicketComment c = customerWrote(ctx, t, m, now);
            c.setBody(withNote(c.getBody(), attachments.storeInbound(ctx, TicketAttachments.COMMENT, c.getId(), m.attachments(), m.from())));
            TicketMail.record(ctx, t.getId(), messageId, TicketMail.IN, m.from());
        } else if (!FieldReader.EMAIL.matcher(m.from()).matches()) {
            // Contacts would refuse the address (no domain, say): there is nobody to open a ticket for.
            LOG.warn("Mailbox {}: {} from {}, an address no person can have, is left alone", mailbox.getAddress(), messageId, m.from());
            return;
        } else {
            t = open(ctx, owner, mailbox, m, now);
            String notKept = attachments.storeInbound(ctx, TicketAttachments.TICKET, t.getId(), m.attachments(), m.from());
            t.setDescription(withNote(t.getDescription(), notKept));
            TicketMail.record(ctx, t.getId(), messageId, TicketMail.IN, m.from());
            if (m.isAutomatic()) {
                LOG.info("Ticket #{} opened by an automatic message ({}): no acknowledgment", t.getNumber(), m.automatic());
            } else if (!mail.acknowledge(ctx, mailbox, t, m.from(), messageId)) {
                LOG.info("Ticket #{}: {} had enough acknowledgments this hour, none sent", t.getNumber(), m.from());
            }
        }
    }

    /** The text with the note at its end, the text cut so that the note always fits. */
    static String withNote(String text, String note) {
        if (note.isEmpty()) {
            return text;
        }
        if (text == null || text.isBlank()) {
            return cut(note.strip(), TicketsResource.TEXT_MAX);
        }
        return cut(text, TicketsResource.TEXT_MAX - Math.min(note.length(), TicketsResource.TEXT_MAX)) + cut(note, TicketsResource.TEXT_MAX);
    }

    /** The ticket the message answers, if it is still open to answers (a closed one gets a new ticket). */
    private Ticket thread(ObjectContext ctx, InboundMessage m) {
        String id = TicketMail.ticketOf(ctx, m.inReplyTo());
        if (id == null) {
            List<String> references = new ArrayList<>(m.references());
            java.util.Collections.reverse(references);
            id = TicketMail.ticketOf(ctx, references);
        }
        Ticket t = id == null ? null : byId(ctx, id);
        if (t == null) {
            Matcher token = TicketMail.TOKEN.matcher(m.subject());
            Ticket numbered = token.find() ? ObjectSelect.query(Ticket.class).where(Ticket.NUMBER.eq(Long.parseLong(token.group(1))))
                    .selectOne(ctx) : null;
            if (numbered != null && numbered.getRequesterId().equals(contacts.peopleByEmail(List.of(m.from())).get(m.from()))) {
                t = numbered;
            }
        }
        for (int i = 0; t != null && t.getMergedInto() != null && i < 10; i++) {
            t = byId(ctx, t.getMergedInto());
        }
        return t == null || TicketStatus.ofCode(t.getStatus()) == TicketStatus.CLOSED ? null : t;
    }

    private Ticket open(ObjectContext ctx, UserPrincipal owner, TicketMailbox mailbox, InboundMessage m, Instant now) {
        String team = QueuesResource.find(ctx, mailbox.getQueueId()).getTeamId();
        String[] name = names(m);
        ContactLinks.Linked requester = contacts.link(new ContactLinks.Request(name[0], name[1], m.from(), null, null, null, null, team));
        Ticket t = ctx.newObject(Ticket.class);
        String subject = TicketMail.TOKEN.matcher(m.subject()).replaceAll("").strip();
        t.setSubject(subject.isEmpty() ? "(no subject)" : cut(subject, TicketsResource.SUBJECT_MAX));
        t.setDescription(cut(m.text(), TicketsResource.TEXT_MAX));
        t.setRequesterId(requester.personId());
        t.setOrganizationId(requester.organizationId());
        t.setChannel(Channel.EMAIL.code());
        t.setPriority(Priority.NORMAL.code());
        t.setStatus(TicketStatus.NEW.code());
        t.setQueueId(mailbox.getQueueId());
        t.setBreached(false);
        access.assignOwnership(owner, t, null, team);
        TicketsResource.opened(ctx, timeline, t, now);
        return t;
    }

    /** The customer wrote again: a public comment of theirs, the next response owed, a waiting or solved ticket open again. */
    private TicketComment customerWrote(ObjectContext ctx, Ticket t, InboundMessage m, Instant now) {
        TicketComment c = ctx.newObject(TicketComment.class);
        c.setTicketId(t.getId());
        c.setAuthorId(null);
        // Written by a customer: the person of the sender's address (the requester, or someone they copied), when known.
        c.setAuthorPersonId(contacts.peopleByEmail(List.of(m.from())).get(m.from()));
        c.setBody(m.text().isBlank() ? "(" + m.subject() + ")" : cut(m.text(), TicketsResource.TEXT_MAX));
        c.setIsPublic(true);
        TicketsResource.owned(c, t);
        TicketStatus before = TicketStatus.ofCode(t.getStatus());
        if (before == TicketStatus.PENDING || before == TicketStatus.SOLVED) {
            t.setStatus(TicketStatus.OPEN.code());
            TicketSla.statusChanged(ctx, t, before, TicketStatus.OPEN, now);
        }
        TicketSla.customerWrote(ctx, t, now);
        timeline.append(new NewActivity(ActivityType.EMAIL, Direction.INBOUND, "Mail on ticket " + t.displayName(), c.getBody(), now,
                t.getRequesterId(), t.getOrganizationId(), List.of(), TicketsModule.ID));
        return c;
    }

    /** A delivery report on one of the desk's mails: an internal note on its ticket says it did not arrive. Never answered. */
    private void reported(ObjectContext ctx, DeliveryReport report) {
        DataRow sent = report.originalMessageId() == null ? null : TicketMail.sent(ctx, report.originalMessageId());
        DeliveryReport.Recipient failed = report.recipients().stream().filter(r -> "failed".equals(r.action())).findFirst().orElse(null);
        Ticket t = sent == null ? null : byId(ctx, Sql.str(sent, "TICKET_ID"));
        if (t == null || failed == null) {
            LOG.debug("A delivery report on no mail of a ticket, or no failure: left alone");
            return;
        }
        note(ctx, t, "The mail to " + Sql.str(sent, "ADDRESS") + " could not be delivered" + (failed.hard() ? "" : " for now") + ": "
                + failed.reason());
    }

    private static void note(ObjectContext ctx, Ticket t, String text) {
        TicketComment c = ctx.newObject(TicketComment.class);
        c.setTicketId(t.getId());
        c.setAuthorId(null);
        c.setBody(cut(text, TicketsResource.TEXT_MAX));
        c.setIsPublic(false);
        TicketsResource.owned(c, t);
    }

    /** Every queue's address: mail from them is the desk's own. */
    private static Set<String> ourAddresses(ObjectContext ctx) {
        Set<String> ours = new HashSet<>();
        ObjectSelect.columnQuery(TicketMailbox.class, TicketMailbox.ADDRESS).select(ctx).forEach(a -> ours.add(a.toLowerCase(Locale.ROOT)));
        return ours;
    }

    /** First and last name from the sender's display name; the address's local part when there is none. */
    private static String[] names(InboundMessage m) {
        String display = m.fromName() == null ? "" : m.fromName().replaceAll("[\"<>]", "").strip();
        if (display.isEmpty() || display.contains("@")) {
            return new String[] {null, cut(m.from().substring(0, m.from().indexOf('@')), 100)};
        }
        int space = display.lastIndexOf(' ');
        return space < 0 ? new String[] {null, cut(display, 100)}
                : new String[] {cut(display.substring(0, space).strip(), 100), cut(display.substring(space + 1), 100)};
    }

    private static Ticket byId(ObjectContext ctx, String id) {
        return ObjectSelect.query(Ticket.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
