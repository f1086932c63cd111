package org.mosaiccrm.tickets.impl;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;

/**
 * The business calendars tickets count on, by SLA policy, read once per request or job run: a
 * list page of tickets, or a run of the warning job, names a handful of policies, not one per
 * ticket. A ticket without a policy counts around the clock in UTC.
 */
final class PolicyCalendars {

    static final BusinessCalendar NO_POLICY = BusinessCalendar.allDay(ZoneOffset.UTC);

    private final ObjectContext ctx;
    private final Map<String, BusinessCalendar> byPolicy = new HashMap<>();

    PolicyCalendars(ObjectContext ctx) {
        this.ctx = ctx;
    }

    BusinessCalendar of(Ticket t) {
        return t.getPolicyId() == null ? NO_POLICY : byPolicy.computeIfAbsent(t.getPolicyId(), this::load);
    }

    private BusinessCalendar load(String policyId) {
        SlaPolicy p = ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.ID.eq(policyId)).selectOne(ctx);
        return p == null ? NO_POLICY : Calendars.of(Setup.find(ctx, TicketCalendar.class, p.getCalendarId(), "calendar"));
    }
}
