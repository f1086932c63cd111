package org.mosaiccrm.tickets.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which SLA warnings a ticket owes now: "due soon" once a running clock has little working time
 * left ({@link #lead}: a fifth of its target, at least a minute, at most an hour), and "breached"
 * once it is past due — each once per clock, and only while the calendar is working, so that
 * nobody is warned at 2 a.m. unless the desk works around the clock (the warning waits for
 * the morning, and a clock that breached overnight is reported as breached only).
 */
final class SlaWarnings {

    static final Duration MIN_LEAD = Duration.ofMinutes(1);
    static final Duration MAX_LEAD = Duration.ofHours(1);

    enum Kind {
        SOON, BREACH
    }

    record Warning(String clock, Kind kind, Instant due) {

        String key() {
            return clock + ":" + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SlaWarnings() {
    }

    /** The working time before the due time at which "due soon" is sent. */
    static Duration lead(Duration target) {
        Duration fifth = target.dividedBy(5);
        return fifth.compareTo(MIN_LEAD) < 0 ? MIN_LEAD : fifth.compareTo(MAX_LEAD) > 0 ? MAX_LEAD : fifth;
    }

    /** The warnings owed now that were not sent before ({@code sent}: their keys). */
    static List<Warning> owed(Map<String, SlaClock> clocks, BusinessCalendar calendar, Instant now, Set<String> sent) {
        List<Warning> out = new ArrayList<>();
        if (!calendar.isAllDay() && !calendar.isWorking(now)) {
            return out;
        }
        clocks.forEach((name, clock) -> {
            if (!clock.isRunning() || clock.target() == null) {
                return;
            }
            Instant due = clock.due(calendar);
            if (!now.isBefore(due)) {
                Warning breach = new Warning(name, Kind.BREACH, due);
                if (!sent.contains(breach.key())) {
                    out.add(breach);
                }
                return;
            }
            Warning soon = new Warning(name, Kind.SOON, due);
            if (!sent.contains(soon.key()) && calendar.between(now, due).compareTo(lead(clock.target())) <= 0) {
                out.add(soon);
            }
        });
        return out;
    }

    /**
     * The earliest moment at which one of these clocks may owe a warning not in {@code sent}: a
     * running clock's "due soon" moment (when its working time left falls to its {@link #lead}),
     * or its due time once "due soon" was sent; a clock whose breach was told owes nothing more.
     * Null when no clock can owe anything (all paused, stopped or told). The warning itself waits
     * for working time ({@link #owed}), so at that moment it may still owe nothing.
     */
    static Instant next(Map<String, SlaClock> clocks, BusinessCalendar calendar, Set<String> sent) {
        Instant next = null;
        for (Map.Entry<String, SlaClock> e : clocks.entrySet()) {
            SlaClock clock = e.getValue();
            if (!clock.isRunning() || clock.target() == null || sent.contains(new Warning(e.getKey(), Kind.BREACH, null).key())) {
                continue;
            }
            Instant due = clock.due(calendar);
            Instant at = sent.contains(new Warning(e.getKey(), Kind.SOON, null).key()) ? due : soonFrom(calendar, due, lead(clock.target()));
            next = next == null || at.isBefore(next) ? at : next;
        }
        return next;
    }

    /**
     * The first moment from which at most {@code lead} of working time is left before {@code due}:
     * working time left only shrinks as time passes, so it is searched for, to the second, between
     * a moment with more left and {@code due − lead} (by which at most that much is left whatever
     * the hours).
     */
    static Instant soonFrom(BusinessCalendar calendar, Instant due, Duration lead) {
        Instant late = due.minus(lead);
        if (calendar.isAllDay()) {
            return late;
        }
        Instant early = late;
        Duration step = Duration.ofDays(1);
        do {
            early = early.minus(step);
            step = step.multipliedBy(2);
            if (Duration.between(early, due).toDays() > BusinessCalendar.MAX_DAYS) {
                return early;
            }
        } while (calendar.between(early, due).compareTo(lead) <= 0);
        // calendar.between(early, due) > lead, calendar.between(late, due) <= lead
        while (Duration.between(early, late).getSeconds() > 1) {
            Instant mid = early.plus(Duration.between(early, late).dividedBy(2));
            if (calendar.between(mid, due).compareTo(lead) <= 0) {
                late = mid;
            } else {
                early = mid;
            }
        }
        return late;
    }

    /** The keys stored on a ticket, and back. */
    static Set<String> keys(String stored) {
        Set<String> out = new LinkedHashSet<>();
        if (stored != null && !stored.isBlank()) {
            out.addAll(List.of(stored.split(",")));
        }
        return out;
    }

    static String stored(Set<String> keys) {
        return keys.isEmpty() ? null : String.join(",", keys);
    }

    /** Forgets a clock's warnings: it starts over (the customer wrote again, the ticket was reopened). */
    static String forget(String stored, String clock) {
        Set<String> keys = keys(stored);
        keys.removeIf(k -> k.startsWith(clock + ":"));
        return stored(keys);
    }
}
