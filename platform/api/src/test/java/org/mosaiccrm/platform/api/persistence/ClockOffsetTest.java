package org.mosaiccrm.platform.api.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ClockOffsetTest {

    @Test
    void theClockIsTheMachinesUnlessATestMovesIt() {
        assertEquals(Duration.ZERO, Sql.clockOffset(null));
        assertEquals(Duration.ZERO, Sql.clockOffset(" "));
        assertEquals(Duration.ofDays(3).plusMinutes(2), Sql.clockOffset("P3DT2M"));
        assertThrows(IllegalStateException.class, () -> Sql.clockOffset("three days"), "a typo is an error, not the machine's time");
        LocalDateTime machine = LocalDateTime.now(ZoneOffset.UTC);
        assertTrue(Math.abs(Duration.between(machine, Sql.now()).toMillis()) < 5_000, "no offset set in this JVM");
    }
}
