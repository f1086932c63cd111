package org.mosaiccrm.tickets.impl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.notifications.Notifications;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.spi.Job;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Warns before and at an SLA breach ({@link SlaWarnings}): the ticket's assignee, or without one
 * every member of its team, gets a notification; the warning is marked on the ticket in the same
 * transaction, so it is sent once, on one node. A run goes through the open tickets whose next
 * warning time ({@code NEXT_WARNING_AT}, kept by {@link TicketSla} whenever a clock changes) has
 * come, through its index, a page of them a transaction, and sets each one's next time: reading
 * every open ticket due within days took seconds a run at 100,000 open tickets
 * (docs/bench/tickets.md). A ticket whose time came outside the calendar's working hours is looked
 * at again each run until the desk works.
 */
@Component(service = Job.class)
public class SlaWarningJob implements Job {

    /** Tickets a transaction (tests set fewer, so that a run crosses pages). */
    static final int BATCH = Integer.getInteger("mosaic.tickets.slaBatch", 200);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Reference
    private Persistence persistence;

    @Reference
    private Notifications notifications;

    @Reference
    private AccessControl access;

    @Override
    public String id() {
        return "tickets.sla-warnings";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Long.getLong("mosaic.tickets.slaSeconds", 60));
    }

    @Override
    public void run() {
        Instant now = Sql.instant();
        LocalDateTime until = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        String after = null;
        do {
            String from = after;
            after = persistence.write(ctx -> warnPage(ctx, now, until, from));
        } while (after != null);
    }

    /** Warns for one page of the tickets due for a look after the id {@code after}; the page's last id, or null after the last page. */
    private String warnPage(ObjectContext ctx, Instant now, LocalDateTime until, String after) {
        Expression where = Ticket.STATUS.in(TicketStatus.NEW.code(), TicketStatus.OPEN.code()).andExp(Ticket.NEXT_WARNING_AT.lte(until));
        if (after != null) {
            where = where.andExp(MosaicRecord.ID.gt(after));
        }
        List<Ticket> tickets = ObjectSelect.query(Ticket.class).where(where).orderBy(MosaicRecord.ID.asc()).limit(BATCH).select(ctx);
        PolicyCalendars calendars = new PolicyCalendars(ctx);
        for (Ticket t : tickets) {
            BusinessCalendar calendar = calendars.of(t);
            Set<String> sent = SlaWarnings.keys(t.getSlaWarned());
            Map<String, SlaClock> clocks = TicketSla.clocks(t);
            List<SlaWarnings.Warning> owed = SlaWarnings.owed(clocks, calendar, now, sent);
            Set<String> marked = new LinkedHashSet<>(sent);
            owed.forEach(w -> marked.add(w.key()));
            Instant next = SlaWarnings.next(clocks, calendar, marked);
            t.setNextWarningAt(next == null ? null : LocalDateTime.ofInstant(next, ZoneOffset.UTC));
            if (owed.isEmpty()) {
                continue;
            }
            for (String user : recipients(t)) {
                for (SlaWarnings.Warning w : owed) {
                    notifications.notifyInLanguage(ctx, user, "tickets.notify.sla." + (w.kind() == SlaWarnings.Kind.BREACH ? "breach." : "soon.")
                            + w.clock(), null, Map.of("ticket", t.displayName(), "due", due(w, calendar)), "/tickets/" + t.getId());
                }
            }
            t.setSlaWarned(SlaWarnings.stored(marked));
            if (owed.stream().anyMatch(w -> w.kind() == SlaWarnings.Kind.BREACH)) {
                t.setBreached(true);
            }
        }
        return tickets.size() < BATCH ? null : tickets.get(tickets.size() - 1).getId();
    }

    /** The assignee; without one, the ticket's team (its queue's). */
    private List<String> recipients(Ticket t) {
        return t.getAssigneeId() != null ? List.of(t.getAssigneeId()) : access.teamMembers(t.getTeamId());
    }

    /** The due time in the calendar's zone, named: the desk's hours are the calendar's. */
    private static String due(SlaWarnings.Warning w, BusinessCalendar calendar) {
        return TIME.format(w.due().atZone(calendar.zone())) + " " + calendar.zone().getId();
    }
}
