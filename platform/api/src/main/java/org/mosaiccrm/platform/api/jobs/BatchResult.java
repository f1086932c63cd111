package org.mosaiccrm.platform.api.jobs;

import java.util.ArrayList;
import java.util.List;

import org.mosaiccrm.platform.api.jobs.JobProgress.RowError;

/** What one batch of a job did; committed together with the batch's own changes. */
public final class BatchResult {

    private long created;
    private long updated;
    private long skipped;
    private final List<RowError> errors = new ArrayList<>();

    public void created() {
        created++;
    }

    public void updated() {
        updated++;
    }

    public void skipped() {
        skipped++;
    }

    public void failed(long row, String reason) {
        errors.add(new RowError(row, reason));
    }

    public long createdCount() {
        return created;
    }

    public long updatedCount() {
        return updated;
    }

    public long skippedCount() {
        return skipped;
    }

    public List<RowError> errors() {
        return errors;
    }
}
