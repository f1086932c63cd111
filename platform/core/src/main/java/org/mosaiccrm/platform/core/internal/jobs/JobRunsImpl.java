package org.mosaiccrm.platform.core.internal.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobProgress.RowError;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.jobs.RunStoppedException;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = JobRuns.class)
public class JobRunsImpl implements JobRuns {

    /** A run whose node has not reported for this long is taken over by another node. */
    static final long STALE_SECONDS = 120;
    /** The progress answer lists at most this many row errors (the count covers all). */
    static final int ERRORS_SHOWN = 1000;

    @Reference
    private Persistence persistence;

    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    @Override
    public String create(String kind, String ownerId, String input) {
        return create(kind, ownerId, input, null);
    }

    @Override
    public String create(String kind, String ownerId, String input, String parameters) {
        if (parameters != null && parameters.length() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("A run's parameters hold at most " + MAX_PARAMETERS + " characters.");
        }
        return persistence.write(ctx -> insert(ctx, kind, ownerId, input, parameters));
    }

    @Override
    public String create(ObjectContext ctx, String kind, String ownerId, String input) {
        return insert(ctx, kind, ownerId, input, null);
    }

    private static String insert(ObjectContext ctx, String kind, String ownerId, String input, String parameters) {
        String id = RecordIds.newId();
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "INSERT INTO MOSAIC_JOB_RUN (ID, KIND, OWNER_ID, STATE, INPUT_REF, PARAMETERS, PROCESSED, CREATED,"
                + " UPDATED, SKIPPED, FAILED, RESUME_AT, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?)",
                id, kind, ownerId, JobProgress.QUEUED, input, parameters, Sql.ts(now), Sql.ts(now));
        return id;
    }

    @Override
    public String parameters(String id) {
        return persistence.read(ctx -> {
            DataRow r = Sql.row(ctx, "SELECT PARAMETERS FROM MOSAIC_JOB_RUN WHERE ID = ?", id);
            return r == null ? null : Sql.str(r, "PARAMETERS");
        });
    }

    @Override
    public Optional<JobProgress> find(String id) {
        if (!RecordIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return persistence.read(ctx -> {
            DataRow r = Sql.row(ctx, "SELECT ID, KIND, OWNER_ID, STATE, PROCESSED, CREATED, UPDATED, SKIPPED, FAILED, MESSAGE,"
                    + " CREATED_AT, UPDATED_AT FROM MOSAIC_JOB_RUN WHERE ID = ?", id);
            if (r == null) {
                return Optional.empty();
            }
            List<RowError> errors = new ArrayList<>();
            for (DataRow e : Sql.rows(ctx, "SELECT ROW_NO, REASON FROM MOSAIC_JOB_ERROR WHERE JOB_ID = ? ORDER BY ROW_NO"
                    + " FETCH FIRST " + ERRORS_SHOWN + " ROWS ONLY", id)) {
                errors.add(new RowError(((Number) e.get("ROW_NO")).longValue(), Sql.str(e, "REASON")));
            }
            return Optional.of(new JobProgress(id, Sql.str(r, "KIND"), Sql.str(r, "STATE"), num(r, "PROCESSED"), num(r, "CREATED"),
                    num(r, "UPDATED"), num(r, "SKIPPED"), num(r, "FAILED"), errors, Sql.str(r, "MESSAGE"),
                    Sql.instant(r.get("CREATED_AT")), Sql.instant(r.get("UPDATED_AT"))));
        });
    }

    @Override
    public String owner(String id) {
        return persistence.read(ctx -> {
            DataRow r = Sql.row(ctx, "SELECT OWNER_ID FROM MOSAIC_JOB_RUN WHERE ID = ?", id);
            return r == null ? null : Sql.str(r, "OWNER_ID");
        });
    }

    /**
     * This node's identity, kept in the data folder so that a restarted node recognises the
     * runs it held before and resumes them at once.
     */
    private String node;

    @Activate
    void activate() throws IOException {
        Path file = Path.of(System.getProperty("karaf.data", "data"), "node.id");
        if (Files.exists(file)) {
            node = Files.readString(file).strip();
        } else {
            node = RecordIds.newId();
            Files.createDirectories(file.getParent());
            Files.writeString(file, node);
        }
    }

    @Override
    public Optional<Long> claim(String id) {
        LocalDateTime now = Sql.now();
        return persistence.write(ctx -> {
            int taken = Sql.exec(ctx, "UPDATE MOSAIC_JOB_RUN SET STATE = ?, HOLDER = ?, MESSAGE = NULL, HEARTBEAT_AT = ?, UPDATED_AT = ?"
                    + " WHERE ID = ? AND (STATE = ? OR (STATE = ? AND (HOLDER = ? OR HEARTBEAT_AT < ?)))",
                    JobProgress.RUNNING, node, Sql.ts(now), Sql.ts(now), id, JobProgress.QUEUED, JobProgress.RUNNING, node,
                    Sql.ts(now.minusSeconds(STALE_SECONDS)));
            if (taken == 0) {
                return Optional.<Long>empty();
            }
            DataRow r = Sql.row(ctx, "SELECT RESUME_AT FROM MOSAIC_JOB_RUN WHERE ID = ?", id);
            return Optional.of(num(r, "RESUME_AT"));
        });
    }

    @Override
    public void checkpoint(ObjectContext ctx, String id, long processed, long nextPosition, BatchResult batch) {
        LocalDateTime now = Sql.now();
        int counted = Sql.exec(ctx, "UPDATE MOSAIC_JOB_RUN SET PROCESSED = PROCESSED + ?, CREATED = CREATED + ?, UPDATED = UPDATED + ?,"
                + " SKIPPED = SKIPPED + ?, FAILED = FAILED + ?, RESUME_AT = ?, HEARTBEAT_AT = ?, UPDATED_AT = ?"
                + " WHERE ID = ? AND STATE = ? AND HOLDER = ?",
                processed, batch.createdCount(), batch.updatedCount(), batch.skippedCount(), (long) batch.errors().size(),
                nextPosition, Sql.ts(now), Sql.ts(now), id, JobProgress.RUNNING, node);
        if (counted == 0) {
            // Cancelled, or taken over by another node: this batch must not count, so it rolls back.
            throw new RunStoppedException(id);
        }
        for (RowError e : batch.errors()) {
            String reason = e.reason().length() > 1000 ? e.reason().substring(0, 999) + "…" : e.reason();
            Sql.exec(ctx, "INSERT INTO MOSAIC_JOB_ERROR (JOB_ID, ROW_NO, REASON) VALUES (?, ?, ?)", id, e.row(), reason);
        }
    }

    @Override
    public void finish(String id, String state, String message) {
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE MOSAIC_JOB_RUN SET STATE = ?, MESSAGE = ?, HOLDER = NULL, UPDATED_AT = ?"
                + " WHERE ID = ? AND STATE IN (?, ?)",
                state, message == null ? null : (message.length() > 2000 ? message.substring(0, 2000) : message), Sql.ts(Sql.now()), id,
                JobProgress.QUEUED, JobProgress.RUNNING));
    }

    @Override
    public boolean cancel(String id) {
        return persistence.write(ctx -> Sql.exec(ctx, "UPDATE MOSAIC_JOB_RUN SET STATE = ?, MESSAGE = NULL, HOLDER = NULL, UPDATED_AT = ?"
                + " WHERE ID = ? AND STATE IN (?, ?)", JobProgress.CANCELLED, Sql.ts(Sql.now()), id, JobProgress.QUEUED,
                JobProgress.RUNNING)) > 0;
    }

    @Override
    public void release(String id, String message) {
        finish(id, JobProgress.QUEUED, message);
    }

    @Override
    public List<String> unfinished(String kind) {
        return persistence.read(ctx -> Sql.rows(ctx, "SELECT ID FROM MOSAIC_JOB_RUN WHERE KIND = ? AND STATE IN (?, ?) ORDER BY CREATED_AT",
                kind, JobProgress.QUEUED, JobProgress.RUNNING).stream().map(r -> Sql.str(r, "ID")).toList());
    }

    /** Runs that wait, run or failed, by kind and state, for the metrics. */
    java.util.Map<List<String>, Long> unfinishedOrFailed() {
        return persistence.read(ctx -> {
            java.util.Map<List<String>, Long> counts = new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
                    .thenComparing(k -> k.get(1)));
            for (DataRow r : Sql.rows(ctx, "SELECT KIND, STATE, COUNT(*) AS N FROM MOSAIC_JOB_RUN WHERE STATE IN (?, ?, ?) GROUP BY KIND, STATE",
                    JobProgress.QUEUED, JobProgress.RUNNING, JobProgress.FAILED)) {
                counts.put(List.of(Sql.str(r, "KIND"), Sql.str(r, "STATE")), num(r, "N"));
            }
            return counts;
        });
    }

    private static long num(DataRow r, String column) {
        return ((Number) r.get(column)).longValue();
    }
}
