package org.mosaiccrm.platform.api.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How far a test has moved the platform's clock ({@link Sql#now()}, record stamps, job leases,
 * reminders): what a job does days later is then seen without waiting days. Only a server
 * started with {@code MOSAIC_TEST_CLOCK_FILE} (the test servers of {@code platform/testing})
 * has one; the file holds an ISO-8601 duration such as {@code P3DT2M} and is read again whenever
 * it changes, so a test moves the clock of a running server by writing it. No API can move it; without the
 * variable the offset is zero and nothing is read.
 */
final class TestClock {

    private static final Path FILE = file(System.getenv("MOSAIC_TEST_CLOCK_FILE"));

    private TestClock() {
    }

    static Path file(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    /** The last offset read, with the file's modification time it was read at: most calls only look at the time. */
    private static volatile Read last = new Read(null, Duration.ZERO);

    private record Read(FileTime modified, Duration offset) {
    }

    static Duration offset() {
        return FILE == null ? Duration.ZERO : current(FILE);
    }

    /**
     * The file's offset, read again only when its modification time changed (every test server
     * has the variable, benchmarks' too, and {@link Sql#now()} is on every write's path).
     */
    static Duration current(Path file) {
        FileTime modified;
        try {
            modified = Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (IOException e) {
            modified = null;
        }
        Read seen = last;
        if (java.util.Objects.equals(modified, seen.modified())) {
            return seen.offset();
        }
        Duration offset = modified == null ? Duration.ZERO : read(file);
        last = new Read(modified, offset);
        return offset;
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
