package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextExpositionTest {

    @Test
    void writesHelpTypeAndEscapedLabels() {
        TextExposition out = new TextExposition();
        out.gauge("mosaic_queue", "Mails\nwaiting \\ queued.").sample(3, "state", "a\"b\\c\nd").sample(0.25);
        out.counter("mosaic_runs", "Runs.").sample(7, "job", "x");
        assertEquals("""
                # HELP mosaic_queue Mails\\nwaiting \\\\ queued.
                # TYPE mosaic_queue gauge
                mosaic_queue{state="a\\"b\\\\c\\nd"} 3
                mosaic_queue 0.25
                # HELP mosaic_runs_total Runs.
                # TYPE mosaic_runs_total counter
                mosaic_runs_total{job="x"} 7
                """, out.text());
    }

    @Test
    void writesCumulativeHistogramBucketsWithInfSumAndCount() {
        TextExposition out = new TextExposition();
        out.histogram("lat_seconds", "Latency.", new double[] {0.005, 1, 2.5}).sample(new long[] {1, 2, 0, 4}, 12.5, "route", "/x");
        assertEquals("""
                # HELP lat_seconds Latency.
                # TYPE lat_seconds histogram
                lat_seconds_bucket{route="/x",le="0.005"} 1
                lat_seconds_bucket{route="/x",le="1"} 3
                lat_seconds_bucket{route="/x",le="2.5"} 3
                lat_seconds_bucket{route="/x",le="+Inf"} 7
                lat_seconds_sum{route="/x"} 12.5
                lat_seconds_count{route="/x"} 7
                """, out.text());
    }

    @Test
    void refusesWhatTheFormatCannotCarry() {
        TextExposition out = new TextExposition();
        assertThrows(IllegalArgumentException.class, () -> out.gauge("bad-name", "x"));
        assertThrows(IllegalArgumentException.class, () -> out.counter("runs_total", "x"));
        var g = out.gauge("ok", "x");
        assertThrows(IllegalArgumentException.class, () -> g.sample(1, "__reserved", "v"));
        assertThrows(IllegalArgumentException.class, () -> g.sample(1, "a", "1", "a", "2"));
        assertThrows(IllegalArgumentException.class, () -> g.sample(1, "odd"));
        assertThrows(IllegalArgumentException.class, () -> out.gauge("ok", "again"));
        out.histogram("h", "x", new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> out.gauge("h_count", "clashes with the histogram's count"));
        assertThrows(IllegalStateException.class, () -> g.sample(1), "a family's lines stay together");
    }

    @Test
    void numbersAsTheFormatWritesThem() {
        assertEquals("NaN", TextExposition.number(Double.NaN));
        assertEquals("+Inf", TextExposition.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", TextExposition.number(Double.NEGATIVE_INFINITY));
        assertEquals("-3", TextExposition.number(-3));
        assertEquals("1.5E-4", TextExposition.number(0.00015));
        assertEquals("0.005", TextExposition.bound(0.005));
        assertEquals("10", TextExposition.bound(10));
    }
}
