package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private final SecurityHeaders headers = new SecurityHeaders();

    @Test
    void datesAreImfFixdatesInGmt() {
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", headers.httpDate(0));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", headers.httpDate(Instant.parse("1994-11-06T08:49:37Z").getEpochSecond()));
    }

    @Test
    void eachSecondGetsItsOwnDate() {
        long second = Instant.parse("2026-11-29T23:59:59Z").getEpochSecond();
        assertEquals("Sun, 29 Nov 2026 23:59:59 GMT", headers.httpDate(second));
        assertEquals("Sun, 29 Nov 2026 23:59:59 GMT", headers.httpDate(second));
        assertEquals("Mon, 30 Nov 2026 00:00:00 GMT", headers.httpDate(second + 1));
        assertEquals("Sun, 29 Nov 2026 23:59:59 GMT", headers.httpDate(second), "an earlier second is formatted again, not served stale");
    }
}
