package org.mosaiccrm.platform.api.jobs;

import java.util.Optional;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records job runs and their progress. A module that processes input in batches calls
 * {@link #checkpoint} inside each batch's transaction: the batch's changes, its counts and
 * the position to resume from then commit together, so a run killed at any moment resumes
 * exactly after the last committed batch — never repeating or skipping a row.
 */
@ProviderType
public interface JobRuns {

    /** Registers a new run owned by the user and returns its id. */
    String create(String kind, String ownerId, String input);

    /** The longest {@code parameters} a run keeps. */
    int MAX_PARAMETERS = 8000;

    /**
     * Registers a new run owned by the user with the parameters it was started with (at most
     * {@link #MAX_PARAMETERS} characters), which a resumed run reads back with {@link #parameters}.
     */
    String create(String kind, String ownerId, String input, String parameters);

    /** The parameters the run was created with; null for none or an unknown run. */
    String parameters(String id);

    /**
     * Registers a new run inside the caller's transaction (with what the run will read, say),
     * so that the run exists exactly when that transaction commits.
     */
    String create(ObjectContext ctx, String kind, String ownerId, String input);

    Optional<JobProgress> find(String id);

    /**
     * Takes the run for this node if it is queued, was running on this node before a restart,
     * or runs on another node that stopped reporting; returns the position to resume from, or
     * empty when another live node has it.
     */
    Optional<Long> claim(String id);

    /**
     * Counts a batch and moves the resume position, inside the batch's own transaction; a
     * {@link RunStoppedException} (rolling the batch back) when the run is no longer running on
     * this node: cancelled, or taken over.
     */
    void checkpoint(ObjectContext ctx, String id, long processed, long nextPosition, BatchResult batch);

    /** Ends a queued or running run in this state; a run already ended (cancelled, say) stays as it is. */
    void finish(String id, String state, String message);

    /** Cancels a queued or running run; false when it had ended already. Its runner stops at its next checkpoint. */
    boolean cancel(String id);

    /**
     * Gives a run this node holds back to the queue with a message saying why it waits (the
     * module that runs it was switched off); the next {@link #claim} resumes it from its last
     * checkpoint and clears the message.
     */
    void release(String id, String message);

    /** Ids of runs of a kind that are queued or running (to resume after a restart). */
    java.util.List<String> unfinished(String kind);

    /** The user who started the run, or null for an unknown run. */
    String owner(String id);
}
