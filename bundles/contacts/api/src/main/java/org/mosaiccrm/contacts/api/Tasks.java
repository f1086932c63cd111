package org.mosaiccrm.contacts.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tasks about people and organizations, for other modules: a campaign gives the owner of an
 * interested recipient a call to make, and follows how it went.
 *
 * @since 1.3
 */
@ProviderType
public interface Tasks {

    /**
     * Creates a task and returns its id, in the caller's transaction when there is one (so that
     * what asked for it and the task commit together). The person or organization must be in the
     * current user's reach (system work runs as their owner); a 404 problem otherwise. Its
     * assignee is told when it falls due, as for any task.
     */
    String create(NewTask task);

    /**
     * Where the follow-up that began with each of these tasks stands: the last task of its chain
     * of calls (a call logged "not reached" or "call back later" is followed by the next). Tasks
     * outside the current user's reach, or gone, are left out.
     */
    Map<String, TaskState> states(Collection<String> firstTaskIds);

    /** How many calls of this source were logged, by outcome; only tasks in the current user's reach count. */
    Map<CallOutcome, Long> outcomes(String source);

    /**
     * The last task of a follow-up chain.
     *
     * @param calls how many calls of the chain were logged so far
     * @param outcome the last logged outcome, null when none yet
     */
    record TaskState(String taskId, boolean done, Instant dueAt, String assigneeId, int calls, CallOutcome outcome) {
    }
}
