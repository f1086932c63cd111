package org.mosaiccrm.campaigns.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseBucketsTest {

    private static Instant[] row(String opened, String clicked, String replied) {
        return new Instant[] {opened == null ? null : Instant.parse(opened), clicked == null ? null : Instant.parse(clicked),
            replied == null ? null : Instant.parse(replied), null, null, null};
    }

    @Test
    void countsEachResponseInItsHourWithoutGaps() {
        List<ResponseBuckets.Point> points = ResponseBuckets.count(List.of(
                row("2026-03-01T10:05:00Z", "2026-03-01T10:59:59Z", null),
                row("2026-03-01T10:30:00Z", null, "2026-03-01T13:00:00Z")), ChronoUnit.HOURS);
        assertEquals(4, points.size(), "10, 11, 12 and 13 o'clock");
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), points.get(0).at());
        assertEquals(2, points.get(0).counts().get("opened"));
        assertEquals(1, points.get(0).counts().get("clicked"));
        assertEquals(0, points.get(1).counts().get("opened"));
        assertEquals(1, points.get(3).counts().get("replied"));
        assertEquals(ResponseBuckets.SERIES, List.copyOf(points.get(0).counts().keySet()));
    }

    @Test
    void daysAreUtcDays() {
        List<ResponseBuckets.Point> points = ResponseBuckets.count(List.<Instant[]>of(row("2026-03-01T23:59:00Z", "2026-03-02T00:01:00Z", null)),
                ChronoUnit.DAYS);
        assertEquals(2, points.size());
        assertEquals(1, points.get(0).counts().get("opened"));
        assertEquals(1, points.get(1).counts().get("clicked"));
    }

    @Test
    void nothingYetIsNoBuckets() {
        assertTrue(ResponseBuckets.count(List.<Instant[]>of(row(null, null, null)), ChronoUnit.DAYS).isEmpty());
    }

    @Test
    void aSpanTooLongForHoursIsRefused() {
        List<Instant[]> rows = new ArrayList<>();
        rows.add(row("2026-01-01T00:00:00Z", null, null));
        rows.add(row("2026-03-01T00:00:00Z", null, null));
        assertNull(ResponseBuckets.count(rows, ChronoUnit.HOURS));
        assertEquals(60, ResponseBuckets.count(rows, ChronoUnit.DAYS).size());
    }

    @Test
    void bucketNames() {
        assertEquals(ChronoUnit.HOURS, ResponseBuckets.unit("hour"));
        assertEquals(ChronoUnit.DAYS, ResponseBuckets.unit(null));
        assertNull(ResponseBuckets.unit("week"));
    }
}
