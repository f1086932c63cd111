package org.mosaiccrm.platform.api.events;

import java.time.Instant;
import java.util.List;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The database's record of every committed change: one row per changed record, written in
 * the same transaction as the change itself, numbered by an ever-growing sequence. It is what
 * every node follows to stay current (the search index, say), so that a change committed
 * through any node is seen by all of them; {@link RecordEvents} only wake local followers up.
 *
 * <p>{@code Persistence.write} appends the changes of Cayenne entities by itself. Work that
 * writes rows without Cayenne entities (bulk SQL through {@code Sql.exec}) calls
 * {@link #append} with the same context inside its {@code Persistence.write}, so that the rows
 * and their log entries commit or roll back together.
 *
 * <p>Sequences are unique and increasing but not gap-free, and a transaction that drew a lower
 * sequence may commit after one that drew a higher: followers must come back for a missing
 * sequence for a while before they give up on it (a rolled back transaction leaves one for good).
 */
@ProviderType
public interface ChangeLog {

    /** One change to log: module id, record type (entity name in lower case), record id, kind. */
    record Change(String module, String type, String id, RecordChange kind) {
    }

    /** A logged change with its sequence number and the time it was written. */
    record Entry(long sequence, Instant at, String module, String type, String id, RecordChange kind) {
    }

    /** Appends in the transaction of the context (call it inside {@code Persistence.write}). */
    void append(ObjectContext context, List<Change> changes);

    /** Committed entries with a sequence above {@code after}, in sequence order, at most {@code limit}. */
    List<Entry> after(long after, int limit);

    /** The committed entries among these sequences (those a follower found missing before). */
    List<Entry> bySequence(List<Long> sequences);

    /** The highest sequence committed so far, 0 when the log is empty. */
    long lastSequence();

    /**
     * The sequence just below the first entry written at or after {@code since}, or
     * {@link #lastSequence()} when there is none: where a follower that copied the whole data at
     * {@code since} must start, so that no transaction still open then is missed.
     */
    long startingPointFor(Instant since);

    /** Deletes entries written before {@code before}; returns how many. */
    int prune(Instant before);

    /** Entries are kept at least this long; a follower that was away longer must rebuild. */
    java.time.Duration retention();
}
