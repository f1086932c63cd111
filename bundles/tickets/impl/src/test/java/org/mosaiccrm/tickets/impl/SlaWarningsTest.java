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
