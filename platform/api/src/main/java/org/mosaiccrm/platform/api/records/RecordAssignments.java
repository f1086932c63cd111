package org.mosaiccrm.platform.api.records;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Gives many records another owner and/or team at once, as a job: what a module's
 * {@code POST …/{records}/assign} does. The selection — {@code "ids"} or the list's
 * {@code "filter"} — is fixed when the job starts, to the records the user may reach (at most
 * {@link #MAX_RECORDS}); the job then changes them in batches, each batch one transaction
 * committed with its checkpoint, so a run stopped at any moment resumes after its last batch
 * and no record is changed twice. Each record is read again with the user's reach inside the
 * query, changed under the rules of {@code AccessControl.assignOwnership} (a user who is no
 * administrator gives only within their own team), its version moves on and the change is
 * audited as the user's.
 */
@ProviderType
public interface RecordAssignments {

    /** The most records one assignment takes (the lists' count cap): a larger selection is refused, asking to narrow it. */
    int MAX_RECORDS = 50_000;

    /**
     * Starts an assignment of the module's records of {@code name} with the request body
     * {@code {"ids":[…]} or {"filter":{…}}, "ownerId", "teamId"} (at least one of the last two)
     * for the current user, and returns the job's id. 400 for a bad body, 403 without the
     * type's write permission or for an owner or team the user may not give to, 404 for a
     * module or type that is not there.
     */
    String start(String module, String name, Map<String, Object> body);

    /** The answer of {@code POST …/assign} (202): the job whose progress {@code GET /api/v1/jobs/{jobId}} reports. */
    record Started(String jobId) {
    }

    /** The body of {@code POST …/assign}, for the API's description. */
    record Input(java.util.List<String> ids, Map<String, Object> filter, String ownerId, String teamId) {
    }
}
