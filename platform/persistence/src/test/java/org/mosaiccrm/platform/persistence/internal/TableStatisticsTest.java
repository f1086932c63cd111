package org.mosaiccrm.platform.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TableStatisticsTest {

    @Test
    void aTableIsAnalyzedAfterHalfItsSizeWithinBounds() {
        assertEquals(TableStatistics.MIN_GROWTH, TableStatistics.due(0), "an empty table: after the first thousand rows");
        assertEquals(5_000, TableStatistics.due(10_000), "a growing table: after half its size again");
        assertEquals(TableStatistics.MAX_GROWTH, TableStatistics.due(1_000_000),
                "a large one: at least every 25,000 rows, so that a new team's rows are in the statistics before its import is far along");
    }
}
