package org.mosaiccrm.platform.api.jobs;

/**
 * Thrown by {@link JobRuns#checkpoint} when the run is no longer this node's to continue: it was
 * cancelled, or another node took it over. The batch's transaction then rolls back, so nothing
 * of a batch after a cancel is kept.
 */
public class RunStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunStoppedException(String id) {
        super("The run " + id + " was cancelled or is held by another node", null, false, false);
    }
}
