package org.mosaiccrm.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void advancesOverContiguousSequences() {
        ChangeCursor c = new ChangeCursor(10, Duration.ofSeconds(60));
        c.applied(List.of(11L, 12L, 13L), T0);
        assertEquals(13, c.watermark());
        assertEquals(13, c.readUpTo());
        assertEquals(List.of(), c.holes());
    }

    @Test
    void aLateCommitBelowTheHighestIsNotSkipped() {
        ChangeCursor c = new ChangeCursor(10, Duration.ofSeconds(60));
        c.applied(List.of(11L, 13L, 14L), T0);
        assertEquals(11, c.watermark(), "12 is still open somewhere");
        assertEquals(14, c.readUpTo());
        assertEquals(List.of(12L), c.holes());
        c.applied(List.of(12L), T0.plusSeconds(5));
        assertEquals(14, c.watermark());
        assertEquals(List.of(), c.holes());
    }

    @Test
    void aHoleIsGivenUpAfterThePatience() {
        ChangeCursor c = new ChangeCursor(0, Duration.ofSeconds(60));
        c.applied(List.of(1L, 3L), T0);
        c.advance(T0.plusSeconds(59));
        assertEquals(1, c.watermark());
        c.advance(T0.plusSeconds(61));
        assertEquals(3, c.watermark(), "a rolled back transaction leaves a hole for good");
    }

    @Test
    void sequencesAtOrBelowTheWatermarkAreIgnored() {
        ChangeCursor c = new ChangeCursor(5, Duration.ofSeconds(60));
        c.applied(List.of(3L, 5L, 6L), T0);
        assertEquals(6, c.watermark());
    }
}
