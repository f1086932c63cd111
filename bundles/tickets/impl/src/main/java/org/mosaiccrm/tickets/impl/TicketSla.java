package org.mosaiccrm.tickets.impl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.tickets.api.Priority;
import org.mosaiccrm.tickets.api.TicketStatus;

/**
 * A ticket's three SLA clocks — first response, next response, resolution — kept as JSON on
 * the ticket, and their due times and breach flag in columns of their own. The policy is the
 * ticket queue's, else the company's default (a policy without a queue); its targets per
 * priority are minutes of working time on its calendar. What happens to a ticket moves its
 * clocks: a public reply by staff meets the first and the next response, the customer writing
 * again owes a new next response, pending and on hold pause every clock, solved stops the
 * resolution clock and reopening runs it again with the time it had used.
 */
final class TicketSla {

    static final String FIRST = "firstResponse";
    static final String NEXT = "nextResponse";
    static final String RESOLUTION = "resolution";
    static final List<String> CLOCKS = List.of(FIRST, NEXT, RESOLUTION);

    private TicketSla() {
    }

    /** A new ticket: its policy chosen, first response and resolution running unless its status pauses them. */
    static void open(ObjectContext ctx, Ticket t, Instant now) {
        SlaPolicy policy = policyFor(ctx, t.getQueueId(), null);
        t.setPolicyId(policy == null ? null : policy.getId());
        Map<String, Duration> targets = targets(policy, t.getPriority());
        TicketStatus status = TicketStatus.ofCode(t.getStatus());
        boolean running = !status.pausesClocks() && !status.isDone();
        Map<String, SlaClock> clocks = new LinkedHashMap<>();
        clocks.put(FIRST, running ? SlaClock.started(targets.get(FIRST), now) : SlaClock.paused(targets.get(FIRST)));
        clocks.put(NEXT, SlaClock.idle(targets.get(NEXT)));
        clocks.put(RESOLUTION, running ? SlaClock.started(targets.get(RESOLUTION), now) : SlaClock.paused(targets.get(RESOLUTION)));
        store(t, calendar(ctx, t), clocks, now);
    }

    /** The status changed: clocks pause, resume, stop or run again. */
    static void statusChanged(ObjectContext ctx, Ticket t, TicketStatus from, TicketStatus to, Instant now) {
        if (from == to) {
            return;
        }
        BusinessCalendar cal = calendar(ctx, t);
        Map<String, SlaClock> clocks = clocks(t);
        if (to.isDone()) {
            clocks.replaceAll((name, c) -> name.equals(RESOLUTION) ? c.complete(cal, now) : c.pause(cal, now));
            t.setSolvedAt(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        } else if (to.pausesClocks()) {
            clocks.replaceAll((name, c) -> c.pause(cal, now));
        } else {
            if (from.isDone()) {
                t.setSolvedAt(null);
                t.setSlaWarned(SlaWarnings.forget(t.getSlaWarned(), RESOLUTION));
            }
            // What is owed runs again (a solved ticket reopened owes its resolution again); what was met stays met.
            clocks.replaceAll((name, c) -> name.equals(RESOLUTION) ? c.reopen(now) : c.resume(now));
        }
        store(t, cal, clocks, now);
    }

    /** Staff answered publicly: the first response and any owed next response are met. */
    static void staffReplied(ObjectContext ctx, Ticket t, Instant now) {
        BusinessCalendar cal = calendar(ctx, t);
        Map<String, SlaClock> clocks = clocks(t);
        clocks.put(FIRST, clocks.get(FIRST).complete(cal, now));
        clocks.put(NEXT, clocks.get(NEXT).complete(cal, now));
        store(t, cal, clocks, now);
    }

    /** The customer wrote again: a next response is owed from now (standing still while the ticket waits). */
    static void customerWrote(ObjectContext ctx, Ticket t, Instant now) {
        Map<String, SlaClock> clocks = clocks(t);
        TicketStatus status = TicketStatus.ofCode(t.getStatus());
        clocks.put(NEXT, clocks.get(NEXT).restart(now, !status.pausesClocks() && !status.isDone()));
        t.setSlaWarned(SlaWarnings.forget(t.getSlaWarned(), NEXT));
        store(t, calendar(ctx, t), clocks, now);
    }

    /** The priority or queue changed: the policy and its targets again, with the time already used. */
    static void retarget(ObjectContext ctx, Ticket t, Instant now) {
        retarget(ctx, t, now, null);
    }

    /** As {@link #retarget(ObjectContext, Ticket, Instant)}, leaving out a policy being deleted in the same transaction. */
    static void retarget(ObjectContext ctx, Ticket t, Instant now, String leavingOut) {
        SlaPolicy policy = policyFor(ctx, t.getQueueId(), leavingOut);
        t.setPolicyId(policy == null ? null : policy.getId());
        Map<String, Duration> targets = targets(policy, t.getPriority());
        Map<String, SlaClock> clocks = clocks(t);
        clocks.replaceAll((name, c) -> c.withTarget(targets.get(name)));
        store(t, calendar(ctx, t), clocks, now);
    }

    /** Policies (or their calendars) changed: every ticket not yet closed under them gets its due times again. */
    static void recompute(ObjectContext ctx, List<SlaPolicy> policies) {
        Instant now = Sql.instant();
        for (SlaPolicy p : policies) {
            for (Ticket t : ObjectSelect.query(Ticket.class).where(Ticket.POLICY_ID.eq(p.getId()))
                    .and(Ticket.STATUS.ne(TicketStatus.CLOSED.code())).select(ctx)) {
                retarget(ctx, t, now);
            }
        }
        // Tickets without a policy may now fall under a new default or queue policy.
        for (Ticket t : ObjectSelect.query(Ticket.class).where(Ticket.POLICY_ID.isNull())
                .and(Ticket.STATUS.ne(TicketStatus.CLOSED.code())).select(ctx)) {
            retarget(ctx, t, now);
        }
    }

    /** The clocks as the API shows them: due times while running, breach by now, done times. */
    static Map<String, Object> view(PolicyCalendars calendars, Ticket t, Instant now) {
        BusinessCalendar cal = t.getPolicyId() == null ? null : calendars.of(t);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean breached = false;
        for (Map.Entry<String, SlaClock> e : clocks(t).entrySet()) {
            SlaClock c = e.getValue();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("target", c.target() == null ? null : c.target().toMinutes());
            v.put("due", cal == null ? null : c.due(cal));
            v.put("usedMinutes", cal == null ? 0 : c.usedBy(cal, now).toMinutes());
            v.put("running", c.isRunning());
            v.put("metAt", c.doneAt());
            boolean b = cal != null && c.breachedBy(cal, now);
            v.put("breached", b);
            breached |= b;
            out.put(e.getKey(), v);
        }
        out.put("firstResponseDue", instant(t.getFirstResponseDue()));
        out.put("nextResponseDue", instant(t.getNextResponseDue()));
        out.put("resolutionDue", instant(t.getResolutionDue()));
        out.put("breached", breached);
        out.put("policyId", t.getPolicyId());
        return out;
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    static SlaPolicy policyFor(ObjectContext ctx, String queueId, String leavingOut) {
        org.apache.cayenne.exp.Expression kept = leavingOut == null ? SlaPolicy.ID.isNotNull() : SlaPolicy.ID.ne(leavingOut);
        if (queueId != null) {
            List<SlaPolicy> own = ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.QUEUE_ID.eq(queueId)).and(kept)
                    .orderBy(SlaPolicy.CREATED_AT.asc()).limit(1).select(ctx);
            if (!own.isEmpty()) {
                return own.get(0);
            }
        }
        List<SlaPolicy> defaults = ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.QUEUE_ID.isNull()).and(kept)
                .orderBy(SlaPolicy.CREATED_AT.asc()).limit(1).select(ctx);
        return defaults.isEmpty() ? null : defaults.get(0);
    }

    /** The policy's targets for a priority; none without a policy or a target. */
    static Map<String, Duration> targets(SlaPolicy policy, String priority) {
        Map<String, Duration> out = new LinkedHashMap<>();
        if (policy == null) {
            return out;
        }
        Map<String, Integer> minutes = SlaPoliciesResource.targets(policy).getOrDefault(priority, Map.of());
        minutes.forEach((k, v) -> out.put(k, Duration.ofMinutes(v)));
        return out;
    }

    /** The calendar of the ticket's policy, for one change of one ticket. */
    static BusinessCalendar calendar(ObjectContext ctx, Ticket t) {
        return new PolicyCalendars(ctx).of(t);
    }

    /** The clocks stored on the ticket (idle ones for a ticket stored before it had any). */
    static Map<String, SlaClock> clocks(Ticket t) {
        Map<String, SlaClock> out = new LinkedHashMap<>();
        Map<String, Map<String, Object>> stored = Map.of();
        if (t.getSlaState() != null) {
            try {
                stored = Calendars.JSON.readValue(t.getSlaState(), new TypeReference<>() { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The SLA state of ticket " + t.getId() + " is unreadable", e);
            }
        }
        for (String name : CLOCKS) {
            Map<String, Object> s = stored.get(name);
            out.put(name, s == null ? SlaClock.idle(null) : new SlaClock(
                    s.get("target") == null ? null : Duration.ofSeconds(((Number) s.get("target")).longValue()),
                    Duration.ofSeconds(((Number) s.get("used")).longValue()),
                    s.get("since") == null ? null : Instant.parse((String) s.get("since")),
                    s.get("done") == null ? null : Instant.parse((String) s.get("done")),
                    Boolean.TRUE.equals(s.get("breached")), Boolean.TRUE.equals(s.get("owed"))));
        }
        return out;
    }

    /** The clocks onto the ticket, with the due times they give and whether any is breached by now. */
    private static void store(Ticket t, BusinessCalendar cal, Map<String, SlaClock> clocks, Instant now) {
        Map<String, Object> state = new LinkedHashMap<>();
        clocks.forEach((name, c) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("target", c.target() == null ? null : c.target().toSeconds());
            s.put("used", c.used().toSeconds());
            s.put("since", c.since() == null ? null : c.since().toString());
            s.put("done", c.doneAt() == null ? null : c.doneAt().toString());
            s.put("breached", c.breached());
            s.put("owed", c.owed());
            state.put(name, s);
        });
        t.setSlaState(Calendars.json(state));
        t.setFirstResponseDue(utc(clocks.get(FIRST).due(cal)));
        t.setNextResponseDue(utc(clocks.get(NEXT).due(cal)));
        t.setResolutionDue(utc(clocks.get(RESOLUTION).due(cal)));
        t.setBreached(clocks.values().stream().anyMatch(c -> c.breachedBy(cal, now)));
        t.setNextWarningAt(utc(SlaWarnings.next(clocks, cal, SlaWarnings.keys(t.getSlaWarned()))));
    }

    private static LocalDateTime utc(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static boolean isPriority(String code) {
        return Priority.ofCode(code) != null;
    }
}
