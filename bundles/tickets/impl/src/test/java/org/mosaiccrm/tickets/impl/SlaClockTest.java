package org.mosaiccrm.tickets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SlaClockTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Ljubljana");
    private static final BusinessCalendar OFFICE;

    static {
        Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(BusinessCalendar.Hours.of(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        OFFICE = new BusinessCalendar(ZONE, week, Set.of());
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    @Test
    void aPauseKeepsTheTimeUsedAndMovesTheDueTime() {
        SlaClock clock = SlaClock.started(Duration.ofHours(8), at("2026-12-07T09:00")); // Monday
        assertEquals(at("2026-12-07T17:00"), clock.due(OFFICE));
        clock = clock.pause(OFFICE, at("2026-12-07T12:00")); // 3 h used, waiting for the customer
        assertNull(clock.due(OFFICE));
        assertEquals(Duration.ofHours(3), clock.used());
        clock = clock.resume(at("2026-12-09T15:00")); // Wednesday: 5 h left
        assertEquals(at("2026-12-10T12:00"), clock.due(OFFICE));
        assertFalse(clock.breachedBy(OFFICE, at("2026-12-10T11:59")));
        assertTrue(clock.breachedBy(OFFICE, at("2026-12-10T12:01")));
        SlaClock met = clock.complete(OFFICE, at("2026-12-10T11:00"));
        assertFalse(met.breached());
        assertEquals(at("2026-12-10T11:00"), met.doneAt());
        assertTrue(clock.complete(OFFICE, at("2026-12-10T13:00")).breached(), "met an hour late");
    }

    @Test
    void aChangedTargetCountsTheTimeAlreadyUsedIncludingPauses() {
        SlaClock clock = SlaClock.started(Duration.ofHours(4), at("2026-12-07T09:00"))
                .pause(OFFICE, at("2026-12-07T11:00")).resume(at("2026-12-08T09:00")); // 2 h used, runs again Tuesday 09:00
        assertEquals(at("2026-12-08T11:00"), clock.due(OFFICE));
        SlaClock longer = clock.withTarget(Duration.ofHours(16));
        assertEquals(at("2026-12-09T15:00"), longer.due(OFFICE), "16 h target, 2 h used: 14 h from Tuesday 09:00");
        SlaClock shorter = clock.withTarget(Duration.ofHours(1));
        assertEquals(at("2026-12-08T09:00"), shorter.due(OFFICE), "already past the new target: due at once");
        assertTrue(shorter.breachedBy(OFFICE, at("2026-12-08T09:01")));
        assertNull(clock.withTarget(null).due(OFFICE), "no target, no due time");
    }

    @Test
    void aPauseAfterTheDueTimeStaysBreachedAndReopeningKeepsTheTime() {
        SlaClock clock = SlaClock.started(Duration.ofHours(2), at("2026-12-07T09:00")).pause(OFFICE, at("2026-12-07T12:00"));
        assertTrue(clock.breached());
        SlaClock resolved = SlaClock.started(Duration.ofHours(8), at("2026-12-07T09:00")).complete(OFFICE, at("2026-12-07T10:00"));
        SlaClock reopened = resolved.reopen(at("2026-12-08T09:00"));
        assertTrue(reopened.isRunning());
        assertEquals(at("2026-12-08T16:00"), reopened.due(OFFICE), "1 h used before it was solved");
        assertEquals(reopened, reopened.resume(at("2026-12-09T09:00")), "resuming a running clock changes nothing");
    }

    @Test
    void anIdleClockHasNoDueTimeUntilRestarted() {
        SlaClock next = SlaClock.idle(Duration.ofHours(1));
        assertNull(next.due(OFFICE));
        assertFalse(next.breachedBy(OFFICE, at("2027-01-01T10:00")));
        SlaClock owed = next.restart(at("2026-12-07T16:30"), true);
        assertEquals(at("2026-12-08T09:30"), owed.due(OFFICE));
        assertNull(next.restart(at("2026-12-07T16:30"), false).due(OFFICE), "restarted while the ticket is on hold: stands still");
    }
}
