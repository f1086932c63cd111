package org.mosaiccrm.platform.api.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How far a test has moved the platform's clock ({@link Sql#now()}, record stamps, job leases,
 * reminders): what a job does days later is then seen without waiting days. Only a server
 * started with {@code MOSAIC_TEST_CLOCK_FILE} (the test servers of {@code platform/testing})
 * has one; the file holds an ISO-8601 duration such as {@code P3DT2M} and is read on every call,
 * so a test moves the clock of a running server by writing it. No API can move it; without the
 * variable the offset is zero and nothing is read.
 */
final class TestClock {

    private static final Path FILE = file(System.getenv("MOSAIC_TEST_CLOCK_FILE"));

    private TestClock() {
    }

    static Path file(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    static Duration offset() {
        return FILE == null ? Duration.ZERO : read(FILE);
    }

    static Duration read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Duration.ZERO;
        } catch (IOException e) {
            throw new IllegalStateException("The test clock file " + file + " cannot be read", e);
        }
        if (text.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            // A typo must not pass for the machine's own time.
            throw new IllegalStateException("The test clock file " + file + " holds '" + text
                    + "', not an ISO-8601 duration such as P3DT2M", e);
        }
    }
}
