package org.mosaiccrm.platform.core.internal.jobs;

import java.time.Duration;
import java.time.LocalDateTime;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * Leases in the database that let exactly one node run a job at a time: a node takes the
 * lease when it is free or expired, and a node that dies mid-run loses it when it expires.
 */
public final class JobLeases {

    private final Persistence persistence;

    public JobLeases(Persistence persistence) {
        this.persistence = persistence;
    }

    /** True when {@code holder} now holds the lease of the job until {@code now + duration}. */
    public boolean acquire(String jobId, String holder, Duration duration) {
        LocalDateTime now = Sql.now();
        try {
            return persistence.write(ctx -> {
                int taken = Sql.exec(ctx, "UPDATE MOSAIC_JOB_LEASE SET HOLDER = ?, LEASED_UNTIL = ? WHERE JOB_ID = ?"
                        + " AND (LEASED_UNTIL < ? OR HOLDER = ?)", holder, Sql.ts(now.plus(duration)), jobId, Sql.ts(now), holder);
                if (taken == 1) {
                    return true;
                }
                if (Sql.count(ctx, "SELECT COUNT(*) FROM MOSAIC_JOB_LEASE WHERE JOB_ID = ?", jobId) > 0) {
                    return false;
                }
                Sql.exec(ctx, "INSERT INTO MOSAIC_JOB_LEASE (JOB_ID, HOLDER, LEASED_UNTIL) VALUES (?, ?, ?)",
                        jobId, holder, Sql.ts(now.plus(duration)));
                return true;
            });
        } catch (RuntimeException raceLost) {
            // Another node inserted the lease row at the same moment; it runs the job this time.
            return false;
        }
    }

    /** The jobs whose last run, on any node, failed. */
    public java.util.Set<String> failing() {
        return persistence.read(ctx -> Sql.rows(ctx, "SELECT JOB_ID FROM MOSAIC_JOB_LEASE WHERE LAST_ERROR IS NOT NULL").stream()
                .map(r -> Sql.str(r, "JOB_ID")).collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * A given-back lease ends at this moment long past rather than at the releasing node's now:
     * free at once for every node, whatever its clock says (nodes' clocks differ a little; a
     * test server's is moved days ahead).
     */
    static final LocalDateTime RELEASED = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** Gives the lease back and records how the run ended. */
    public void release(String jobId, String holder, String error) {
        LocalDateTime now = Sql.now();
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE MOSAIC_JOB_LEASE SET LEASED_UNTIL = ?, LAST_RUN_AT = ?, LAST_ERROR = ?"
                + " WHERE JOB_ID = ? AND HOLDER = ?", Sql.ts(RELEASED), Sql.ts(now),
                error == null ? null : error.substring(0, Math.min(error.length(), 1000)), jobId, holder));
    }
}
