package org.mosaiccrm.tickets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.tickets.impl.BusinessCalendar.Hours;

class BusinessCalendarTest {

    private static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Monday to Friday 09:00–17:00 (with a lunch break when asked), weekends off. */
    private static BusinessCalendar office(ZoneId zone, Set<LocalDate> holidays, boolean lunch) {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, lunch ? List.of(hours("13:00", "17:00"), hours("09:00", "12:00")) : List.of(hours("09:00", "17:00")));
        }
        return new BusinessCalendar(zone, week, holidays);
    }

    private static Hours hours(String from, String to) {
        return Hours.of(LocalTime.parse(from), LocalTime.parse(to));
    }

    private static Instant at(String local, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), zone).toInstant();
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDateTime().toString();
    }

    @Test
    void countsOnlyWorkingHoursAndSkipsTheWeekend() {
        BusinessCalendar cal = office(LJUBLJANA, Set.of(), false);
        // Friday 2026-12-04 16:00 + 4 h: one hour on Friday, three on Monday.
        assertEquals("2026-12-07T12:00", local(cal.plus(at("2026-12-04T16:00", LJUBLJANA), Duration.ofHours(4)), LJUBLJANA));
        // Given on Saturday, the clock starts on Monday at 09:00.
        assertEquals("2026-12-07T10:30", local(cal.plus(at("2026-12-05T11:00", LJUBLJANA), Duration.ofMinutes(90)), LJUBLJANA));
        // Before opening: from 09:00 the same day; exactly a day's work ends at closing time, not the next morning.
        assertEquals("2026-12-08T17:00", local(cal.plus(at("2026-12-08T06:00", LJUBLJANA), Duration.ofHours(8)), LJUBLJANA));
        assertEquals(Duration.ofHours(4), cal.between(at("2026-12-04T16:00", LJUBLJANA), at("2026-12-07T12:00", LJUBLJANA)));
        assertEquals(Duration.ZERO, cal.between(at("2026-12-05T09:00", LJUBLJANA), at("2026-12-06T18:00", LJUBLJANA)));
    }

    @Test
    void skipsHolidaysAndBreaks() {
        BusinessCalendar cal = office(LJUBLJANA, Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28")), true);
        // Thursday 24th 16:00 + 3 h: 1 h on Thursday; Friday 25th and Monday 28th are holidays; 2 h on Tuesday 29th.
        assertEquals("2026-12-29T11:00", local(cal.plus(at("2026-12-24T16:00", LJUBLJANA), Duration.ofHours(3)), LJUBLJANA));
        // Lunch 12–13 does not count: 11:00 + 2 h is 14:00.
        assertEquals("2026-12-29T14:00", local(cal.plus(at("2026-12-29T11:00", LJUBLJANA), Duration.ofHours(2)), LJUBLJANA));
        assertFalse(cal.isWorking(at("2026-12-29T12:30", LJUBLJANA)));
        assertFalse(cal.isWorking(at("2026-12-25T10:00", LJUBLJANA)));
        assertTrue(cal.isWorking(at("2026-12-29T09:00", LJUBLJANA)));
        assertFalse(cal.isWorking(at("2026-12-29T17:00", LJUBLJANA)), "closing time is no longer working time");
    }

    @Test
    void aroundTheClockTheDaysOfClockChangesHave23And25Hours() {
        BusinessCalendar cal = BusinessCalendar.allDay(LJUBLJANA);
        assertTrue(cal.isAllDay());
        // Clocks go forward on 2026-03-29 at 02:00: that day has 23 hours.
        assertEquals(Duration.ofHours(23), cal.between(at("2026-03-29T00:00", LJUBLJANA), at("2026-03-30T00:00", LJUBLJANA)));
        assertEquals("2026-03-29T03:30", local(cal.plus(at("2026-03-29T01:30", LJUBLJANA), Duration.ofHours(1)), LJUBLJANA));
        // Clocks go back on 2026-10-25 at 03:00: that day has 25 hours.
        assertEquals(Duration.ofHours(25), cal.between(at("2026-10-25T00:00", LJUBLJANA), at("2026-10-26T00:00", LJUBLJANA)));
        Instant beforeChange = at("2026-10-25T01:30", LJUBLJANA);
        assertEquals(beforeChange.plus(Duration.ofHours(2)), cal.plus(beforeChange, Duration.ofHours(2)), "24/7 is elapsed time");
        // Across midnight.
        assertEquals("2026-12-05T01:00", local(cal.plus(at("2026-12-04T23:00", LJUBLJANA), Duration.ofHours(2)), LJUBLJANA));
    }

    @Test
    void officeHoursAreWallClockHoursAcrossClockChanges() {
        BusinessCalendar cal = office(NEW_YORK, Set.of(), false);
        // New York goes forward on Sunday 2026-03-08 and back on Sunday 2026-11-01: Friday 15:00 + 4 h is Monday 11:00 either way.
        assertEquals("2026-03-09T11:00", local(cal.plus(at("2026-03-06T15:00", NEW_YORK), Duration.ofHours(4)), NEW_YORK));
        assertEquals("2026-11-02T11:00", local(cal.plus(at("2026-10-30T15:00", NEW_YORK), Duration.ofHours(4)), NEW_YORK));
        // Hours that lie in the gap: a night shift 01:00–04:00 has two hours on the night clocks go forward.
        Map<DayOfWeek, List<Hours>> nights = new EnumMap<>(DayOfWeek.class);
        nights.put(DayOfWeek.SUNDAY, List.of(hours("01:00", "04:00")));
        BusinessCalendar night = new BusinessCalendar(NEW_YORK, nights, Set.of());
        assertEquals(Duration.ofHours(2), night.between(at("2026-03-08T00:00", NEW_YORK), at("2026-03-09T00:00", NEW_YORK)));
        assertEquals(Duration.ofHours(4), night.between(at("2026-11-01T00:00", NEW_YORK), at("2026-11-02T00:00", NEW_YORK)));
    }

    @Test
    void aCalendarWithSomeDaysOnlyAndTheLateShiftToMidnight() {
        Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.TUESDAY, List.of(hours("18:00", "00:00")));
        week.put(DayOfWeek.SATURDAY, List.of(hours("10:00", "14:00")));
        BusinessCalendar cal = new BusinessCalendar(LJUBLJANA, week, Set.of());
        // Wednesday 2026-12-02 + 5 h: 4 h on Saturday the 5th, 1 h on Tuesday the 8th from 18:00.
        assertEquals("2026-12-08T19:00", local(cal.plus(at("2026-12-02T12:00", LJUBLJANA), Duration.ofHours(5)), LJUBLJANA));
        // Tuesday 23:00 + 1 h ends at midnight, the end of the shift.
        assertEquals("2026-12-09T00:00", local(cal.plus(at("2026-12-08T23:00", LJUBLJANA), Duration.ofHours(1)), LJUBLJANA));
        assertEquals(Duration.ofHours(10), cal.between(at("2026-12-05T00:00", LJUBLJANA), at("2026-12-09T00:00", LJUBLJANA)));
    }

    @Test
    void refusesCalendarsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new BusinessCalendar(LJUBLJANA, Map.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new BusinessCalendar(LJUBLJANA,
                Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "12:00"), hours("11:00", "13:00"))), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> hours("17:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.allDay(LJUBLJANA).plus(Instant.EPOCH, Duration.ofHours(-1)));
        // Only one Monday, a holiday: no due time is ever found, and it says so rather than looping.
        Set<LocalDate> everyMonday = new java.util.HashSet<>();
        for (LocalDate d = LocalDate.parse("2026-11-30"); d.isBefore(LocalDate.parse("2030-01-01")); d = d.plusWeeks(1)) {
            everyMonday.add(d);
        }
        BusinessCalendar never = new BusinessCalendar(LJUBLJANA, Map.of(DayOfWeek.MONDAY, List.of(hours("09:00", "10:00"))), everyMonday);
        assertThrows(IllegalStateException.class, () -> never.plus(at("2026-12-01T00:00", LJUBLJANA), Duration.ofHours(1)));
    }

    @Test
    void plusAndBetweenAgreeEverywhere() {
        Random random = new Random(42);
        BusinessCalendar[] calendars = {office(LJUBLJANA, Set.of(LocalDate.parse("2026-03-30")), true), BusinessCalendar.allDay(NEW_YORK),
                office(NEW_YORK, Set.of(), false)};
        Instant base = at("2026-01-01T00:00", LJUBLJANA);
        for (int i = 0; i < 2_000; i++) {
            BusinessCalendar cal = calendars[i % calendars.length];
            Instant from = base.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            Duration working = Duration.ofMinutes(random.nextInt(40 * 60));
            Instant due = cal.plus(from, working);
            assertEquals(working, cal.between(from, due), () -> "from " + from + " plus " + working + " is " + due);
            assertFalse(due.isBefore(from));
        }
    }
}
