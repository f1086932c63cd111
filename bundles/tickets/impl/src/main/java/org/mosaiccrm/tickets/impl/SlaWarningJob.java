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

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.notifications.Notifications;
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
 * transaction, so it is sent once, on one node. The soonest due tickets first, a batch a run.
 */
@Component(service = Job.class)
public class SlaWarningJob implements Job {

    static final int BATCH = 200;
    /** How far ahead due times are looked at: a "due soon" counts working time, which a weekend stretches. */
    static final Duration HORIZON = Duration.ofDays(4);
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
        LocalDateTime horizon = LocalDateTime.ofInstant(now.plus(HORIZON), ZoneOffset.UTC);
        persistence.write(ctx -> {
            Expression soon = Ticket.FIRST_RESPONSE_DUE.lte(horizon).orExp(Ticket.NEXT_RESPONSE_DUE.lte(horizon))
                    .orExp(Ticket.RESOLUTION_DUE.lte(horizon));
            List<Ticket> tickets = ObjectSelect.query(Ticket.class)
                    .where(Ticket.STATUS.in(TicketStatus.NEW.code(), TicketStatus.OPEN.code()).andExp(soon))
                    .orderBy(Ticket.RESOLUTION_DUE.asc()).limit(BATCH).select(ctx);
            PolicyCalendars calendars = new PolicyCalendars(ctx);
            for (Ticket t : tickets) {
                BusinessCalendar calendar = calendars.of(t);
                Set<String> sent = SlaWarnings.keys(t.getSlaWarned());
                List<SlaWarnings.Warning> owed = SlaWarnings.owed(TicketSla.clocks(t), calendar, now, sent);
                if (owed.isEmpty()) {
                    continue;
                }
                for (String user : recipients(t)) {
                    for (SlaWarnings.Warning w : owed) {
                        notifications.notify(ctx, user, title(t, w, calendar), null, "/tickets/" + t.getId());
                    }
                }
                Set<String> marked = new LinkedHashSet<>(sent);
                owed.forEach(w -> marked.add(w.key()));
                t.setSlaWarned(SlaWarnings.stored(marked));
                if (owed.stream().anyMatch(w -> w.kind() == SlaWarnings.Kind.BREACH)) {
                    t.setBreached(true);
                }
            }
            return null;
        });
    }

    /** The assignee; without one, the ticket's team (its queue's). */
    private List<String> recipients(Ticket t) {
        return t.getAssigneeId() != null ? List.of(t.getAssigneeId()) : access.teamMembers(t.getTeamId());
    }

    private static String title(Ticket t, SlaWarnings.Warning w, BusinessCalendar calendar) {
        String what = Map.of(TicketSla.FIRST, "first response", TicketSla.NEXT, "next response", TicketSla.RESOLUTION, "resolution")
                .get(w.clock());
        String due = TIME.format(w.due().atZone(calendar.zone())) + " " + calendar.zone().getId();
        String title = w.kind() == SlaWarnings.Kind.BREACH ? "SLA breached: " + what + " of " + t.displayName() + " was due " + due
                : "SLA: " + what + " of " + t.displayName() + " due " + due;
        return title.length() > 200 ? title.substring(0, 199) + "…" : title;
    }
}
