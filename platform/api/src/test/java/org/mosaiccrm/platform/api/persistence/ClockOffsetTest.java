package org.mosaiccrm.platform.api.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockOffsetTest {

    @Test
    void aTestMovesTheClockByWritingItsFile(@TempDir Path dir) throws Exception {
        assertNull(TestClock.file(null));
        assertNull(TestClock.file(" "));
        Path file = dir.resolve("clock");
        assertEquals(Duration.ZERO, TestClock.read(file), "no file yet: the machine's time");
        Files.writeString(file, "P3DT2M\n");
        assertEquals(Duration.ofDays(3).plusMinutes(2), TestClock.read(file));
        Files.writeString(file, "PT0S");
        assertEquals(Duration.ZERO, TestClock.read(file), "moved back");
        Files.writeString(file, "three days");
        assertThrows(IllegalStateException.class, () -> TestClock.read(file), "a typo is an error, not the machine's time");
    }

    @Test
    void aRunningServerSeesTheFileChangeAndOnlyThenReadsItAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clock");
        assertEquals(Duration.ZERO, TestClock.current(file));
        Files.writeString(file, "PT30M");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertEquals(Duration.ofMinutes(30), TestClock.current(file));
        Files.writeString(file, "PT3H30M");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        assertEquals(Duration.ofMinutes(210), TestClock.current(file), "moved on: read again");
        Files.delete(file);
        assertEquals(Duration.ZERO, TestClock.current(file), "gone: the machine's time");
    }

    @Test
    void withoutTheVariableItIsTheMachinesClock() {
        LocalDateTime machine = LocalDateTime.now(ZoneOffset.UTC);
        assertTrue(Math.abs(Duration.between(machine, Sql.now()).toMillis()) < 5_000, "no test clock in this JVM");
    }
}
