package org.mosaiccrm.analytics.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rates and averages from two sets of figures, worked out by hand. */
class MetricTallyTest {

    private static MetricPoint p(String bucket, String key, String value) {
        return new MetricPoint(bucket, key, null, new BigDecimal(value));
    }

    @Test
    void quotientsDivideFigureByFigureAndAMissingDividendIsZero() {
        List<MetricPoint> opened = List.of(p("2026-01", "a", "2"), p("2026-02", "a", "1"));
        List<MetricPoint> delivered = List.of(p("2026-01", "a", "3"), p("2026-02", "a", "3"), p("2026-02", "b", "4"), p("2026-03", "a", "0"));
        assertEquals(List.of(p("2026-01", "a", "0.6667"), p("2026-02", "a", "0.3333"), p("2026-02", "b", "0.0000")),
                MetricTally.quotients(opened, delivered, 4), "2/3, 1/3, none of b's four opened; a zero divisor has no rate");
    }
}
