package org.mosaiccrm.tickets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SlaWarningsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Ljubljana");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private static BusinessCalendar office() {
        Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(BusinessCalendar.Hours.of(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return new BusinessCalendar(ZONE, week, Set.of());
    }

    private static Map<String, SlaClock> clocks(SlaClock first) {
        Map<String, SlaClock> clocks = new LinkedHashMap<>();
        clocks.put(TicketSla.FIRST, first);
        clocks.put(TicketSla.NEXT, SlaClock.idle(Duration.ofHours(2)));
        return clocks;
    }

    private static List<String> keys(List<SlaWarnings.Warning> warnings) {
        return warnings.stream().map(SlaWarnings.Warning::key).toList();
    }

    /**
     * The job reads only tickets whose next warning time has come: that time must be when the
     * warning becomes owed, neither later (it would come late) nor much earlier (wasted reads).
     */
    @Test
    void nextWarningTimeIsWhenAWarningBecomesOwed() {
        BusinessCalendar cal = office();
        Map<String, SlaClock> clocks = clocks(SlaClock.started(Duration.ofHours(4), at("2026-12-07T09:00")));
        assertEquals(at("2026-12-07T12:12"), SlaWarnings.next(clocks, cal, Set.of()));
        assertEquals(at("2026-12-07T13:00"), SlaWarnings.next(clocks, cal, Set.of("firstResponse:soon")));
        assertEquals(null, SlaWarnings.next(clocks, cal, Set.of("firstResponse:soon", "firstResponse:breach")));
        // Friday 16:00, 4 h: due Monday 12:00; an hour's lead is left from Monday 11:00 on — whereas
        // counted on the wall clock "due soon" would come on Monday too, a lead of 48 minutes (4 h /5)
        // across the weekend starts at Monday 11:12.
        Map<String, SlaClock> weekend = clocks(SlaClock.started(Duration.ofHours(4), at("2026-12-11T16:00")));
        assertEquals(at("2026-12-14T12:00"), weekend.get(TicketSla.FIRST).due(cal));
        assertEquals(at("2026-12-14T11:12"), SlaWarnings.next(weekend, cal, Set.of()));
        // A lead reaching back over the weekend: Friday 16:30, 1 h 30 target (lead 18 min) due Monday 10:00;
        // 18 minutes of work left from Monday 09:42.
        Map<String, SlaClock> across = clocks(SlaClock.started(Duration.ofMinutes(90), at("2026-12-11T16:30")));
        assertEquals(at("2026-12-14T09:42"), SlaWarnings.next(across, cal, Set.of()));
        // 20 minutes of work left at Friday 16:40 with a 60-minute lead: owed at once, and said so.
        Map<String, SlaClock> tight = clocks(SlaClock.started(Duration.ofHours(5), at("2026-12-11T12:40")));
        Instant soon = SlaWarnings.next(tight, cal, Set.of());
        assertTrue(!SlaWarnings.owed(tight, cal, soon, Set.of()).isEmpty(), "owed at the time given");
        assertTrue(SlaWarnings.owed(tight, cal, soon.minusSeconds(2), Set.of()).isEmpty(), "not owed two seconds before it");
        // Paused clocks owe nothing.
        assertEquals(null, SlaWarnings.next(clocks(SlaClock.paused(Duration.ofHours(4))), cal, Set.of()));
        // For every start across a week, the time given is when "due soon" first counts (at working times).
        for (int minutes = 0; minutes < 7 * 24 * 60; minutes += 97) {
            Instant start = at("2026-12-07T00:00").plus(Duration.ofMinutes(minutes));
            Map<String, SlaClock> c = clocks(SlaClock.started(Duration.ofHours(3), start));
            Instant next = SlaWarnings.next(c, cal, Set.of());
            assertTrue(cal.between(next, c.get(TicketSla.FIRST).due(cal)).compareTo(SlaWarnings.lead(Duration.ofHours(3))) <= 0, "at " + start);
            assertTrue(cal.between(next.minusSeconds(2), c.get(TicketSla.FIRST).due(cal)).compareTo(SlaWarnings.lead(Duration.ofHours(3))) > 0
                    || next.minusSeconds(2).isBefore(start), "not later than needed, at " + start);
        }
    }

    @Test
    void warnsOnceBeforeAndOnceAtTheBreach() {
        BusinessCalendar cal = office();
        // Monday 09:00, 4 h target: due 13:00, "due soon" from 12:12 (a fifth of 4 h).
        Map<String, SlaClock> clocks = clocks(SlaClock.started(Duration.ofHours(4), at("2026-12-07T09:00")));
        assertEquals(List.of(), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T12:11"), Set.of())));
        assertEquals(List.of("firstResponse:soon"), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T12:12"), Set.of())));
        assertEquals(List.of(), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T12:30"), Set.of("firstResponse:soon"))));
        assertEquals(List.of("firstResponse:breach"), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T13:00"), Set.of("firstResponse:soon"))));
        assertEquals(List.of(), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T14:00"), Set.of("firstResponse:soon", "firstResponse:breach"))));
        // An idle clock (no next response owed) never warns; a met one neither.
        assertTrue(SlaWarnings.owed(clocks(SlaClock.idle(Duration.ofMinutes(1))), cal, at("2026-12-07T14:00"), Set.of()).isEmpty());
    }

    @Test
    void nobodyIsWarnedAtTwoInTheMorningUnlessTheDeskWorksAroundTheClock() {
        BusinessCalendar cal = office();
        // Friday 16:00, 65 min target: due Monday 09:05; from 16:52 (13 min of work left, a fifth of 65) "due soon" is owed.
        Map<String, SlaClock> clocks = clocks(SlaClock.started(Duration.ofMinutes(65), at("2026-12-04T16:00")));
        assertEquals(List.of(), keys(SlaWarnings.owed(clocks, cal, at("2026-12-04T16:51"), Set.of())));
        assertEquals(List.of("firstResponse:soon"), keys(SlaWarnings.owed(clocks, cal, at("2026-12-04T16:52"), Set.of())));
        // Not sent then (say the job did not run): at 02:00 on Monday nothing is sent; at 09:00 it is.
        assertEquals(List.of(), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T02:00"), Set.of())));
        assertEquals(List.of("firstResponse:soon"), keys(SlaWarnings.owed(clocks, cal, at("2026-12-07T09:00"), Set.of())));
        // A breach that fell outside working hours is reported in the morning, as a breach only.
        Map<String, SlaClock> late = clocks(SlaClock.started(Duration.ofMinutes(20), at("2026-12-04T16:50")));
        assertEquals(List.of("firstResponse:breach"), keys(SlaWarnings.owed(late, cal, at("2026-12-07T09:15"), Set.of())));
        // Around the clock, 02:00 is working time.
        BusinessCalendar allDay = BusinessCalendar.allDay(ZONE);
        Map<String, SlaClock> night = clocks(SlaClock.started(Duration.ofMinutes(30), at("2026-12-07T01:40")));
        assertEquals(List.of("firstResponse:breach"), keys(SlaWarnings.owed(night, allDay, at("2026-12-07T02:10"), Set.of())));
    }

    @Test
    void theLeadIsAFifthOfTheTargetBetweenAMinuteAndAnHour() {
        assertEquals(Duration.ofMinutes(1), SlaWarnings.lead(Duration.ofMinutes(2)));
        assertEquals(Duration.ofMinutes(12), SlaWarnings.lead(Duration.ofHours(1)));
        assertEquals(Duration.ofHours(1), SlaWarnings.lead(Duration.ofHours(40)));
        assertEquals("firstResponse:soon", SlaWarnings.forget("firstResponse:soon,nextResponse:soon", "nextResponse"));
        assertEquals(null, SlaWarnings.forget("nextResponse:breach", "nextResponse"));
    }
}
