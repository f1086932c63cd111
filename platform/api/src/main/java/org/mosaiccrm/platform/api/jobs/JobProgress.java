package org.mosaiccrm.platform.api.jobs;

import java.time.Instant;
import java.util.List;

/** The state of a job run, as {@code GET /api/v1/jobs/{id}} shows it. */
public record JobProgress(String id, String kind, String state, long processed, long created, long updated, long skipped,
        long failed, List<RowError> errors, String message, Instant createdAt, Instant updatedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    /** Stopped by its owner or an administrator; the batches committed before stay. */
    public static final String CANCELLED = "cancelled";

    /** One input row that could not be used, by its 1-based row number in the input (the header is row 1). */
    public record RowError(long row, String reason) {
    }
}
