package org.mosaiccrm.analytics.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Buckets in a zone with daylight saving: Europe/Ljubljana moves from +01:00 to +02:00 on 2026-03-29 and back on 2026-10-25. */
class TimeBucketsTest {

    private static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static TimeBuckets buckets(TimeBucket unit, String language) {
        return TimeBuckets.of(unit, LJUBLJANA, language);
    }

    @Test
    void theDayOfTheSpringChangeHas23HoursAndStartsAtLocalMidnight() {
        TimeBuckets days = buckets(TimeBucket.DAY, "sl");
        assertEquals("2026-03-28", days.label(Instant.parse("2026-03-28T22:59:59Z")), "23:59:59 local, still +01:00");
        assertEquals("2026-03-29", days.label(Instant.parse("2026-03-28T23:00:00Z")), "midnight local");
        assertEquals("2026-03-29", days.label(Instant.parse("2026-03-29T21:59:59Z")), "23:59:59 local, now +02:00");
        assertEquals("2026-03-30", days.label(Instant.parse("2026-03-29T22:00:00Z")));
        LocalDate change = LocalDate.parse("2026-03-29");
        assertEquals(Duration.ofHours(23), Duration.between(days.startInstant(change), days.startInstant(days.next(change))));
        LocalDate back = LocalDate.parse("2026-10-25");
        assertEquals(Duration.ofHours(25), Duration.between(days.startInstant(back), days.startInstant(days.next(back))));
    }

    @Test
    void weeksStartOnTheLanguagesFirstDay() {
        assertEquals(DayOfWeek.MONDAY, TimeBuckets.firstDayOfWeek("sl"));
        assertEquals(DayOfWeek.MONDAY, TimeBuckets.firstDayOfWeek("ru"));
        assertEquals(DayOfWeek.MONDAY, TimeBuckets.firstDayOfWeek("es"));
        assertEquals(DayOfWeek.SUNDAY, TimeBuckets.firstDayOfWeek("en"));
        assertEquals(DayOfWeek.SUNDAY, TimeBuckets.firstDayOfWeek("tl"));
        // Sunday 2026-03-29, 12:00 local: the day of the change.
        Instant sunday = Instant.parse("2026-03-29T10:00:00Z");
        assertEquals("2026-03-23", buckets(TimeBucket.WEEK, "sl").label(sunday), "a Monday week holds the Sunday as its last day");
        assertEquals("2026-03-29", buckets(TimeBucket.WEEK, "en").label(sunday), "a Sunday week starts on it");
        // 00:30 local on Monday 2026-03-30 (+02:00) is still Sunday 22:30 in UTC.
        Instant mondayNight = Instant.parse("2026-03-29T22:30:00Z");
        assertEquals("2026-03-30", buckets(TimeBucket.WEEK, "sl").label(mondayNight));
        assertEquals("2026-03-29", buckets(TimeBucket.WEEK, "en").label(mondayNight));
    }

    @Test
    void monthsAndQuartersFollowTheLocalDateAcrossTheChanges() {
        TimeBuckets months = buckets(TimeBucket.MONTH, "sl");
        TimeBuckets quarters = buckets(TimeBucket.QUARTER, "sl");
        assertEquals("2026-09", months.label(Instant.parse("2026-09-30T21:59:59Z")), "23:59:59 local at +02:00");
        assertEquals("2026-10", months.label(Instant.parse("2026-09-30T22:00:00Z")));
        assertEquals("2026-Q3", quarters.label(Instant.parse("2026-09-30T21:59:59Z")));
        assertEquals("2026-Q4", quarters.label(Instant.parse("2026-09-30T22:00:00Z")));
        assertEquals("2026-10", months.label(Instant.parse("2026-10-31T22:59:59Z")), "after the change back: +01:00");
        assertEquals("2026-11", months.label(Instant.parse("2026-10-31T23:00:00Z")));
        assertEquals("2027-Q1", quarters.label(Instant.parse("2026-12-31T23:00:00Z")));
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), months.startInstant(LocalDate.parse("2026-11-01")));
    }

    @Test
    void theAxisListsEveryBucketOfTheRangeInOrder() {
        TimeBuckets weeks = TimeBuckets.of(TimeBucket.WEEK, NEW_YORK, "en");
        // New York moves to -04:00 on Sunday 2026-03-08.
        assertEquals(List.of("2026-03-01", "2026-03-08", "2026-03-15"),
                weeks.labels(Instant.parse("2026-03-01T05:00:00Z"), Instant.parse("2026-03-22T04:00:00Z")),
                "the range ends at local midnight of 2026-03-22: that week is not in it");
        assertEquals(Instant.parse("2026-03-08T05:00:00Z"), weeks.startInstant(LocalDate.parse("2026-03-08")), "midnight before the change, -05:00");
        assertEquals(Instant.parse("2026-03-15T04:00:00Z"), weeks.startInstant(LocalDate.parse("2026-03-15")), "a week later at -04:00");
        assertEquals(List.of("2025-Q4", "2026-Q1"), TimeBuckets.of(TimeBucket.QUARTER, NEW_YORK, "en")
                .labels(Instant.parse("2025-12-31T12:00:00Z"), Instant.parse("2026-01-02T00:00:00Z")));
    }
}
