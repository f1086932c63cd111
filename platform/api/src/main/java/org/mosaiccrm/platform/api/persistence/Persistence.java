package org.mosaiccrm.platform.api.persistence;

import java.util.function.Function;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Transactional access to the one Cayenne runtime that holds the data of every enabled
 * module. Each call gets a fresh {@link ObjectContext}; modules never build runtimes or
 * contexts of their own.
 */
@ProviderType
public interface Persistence {

    /** Runs read-only work. */
    <T> T read(Function<ObjectContext, T> work);

    /**
     * Runs work and commits what it changed in one database transaction: either all of it is
     * stored or none. A concurrent change to a record the work updated answers 409 (stale
     * version) and stores nothing. Events for the committed changes are posted afterwards.
     */
    <T> T write(Function<ObjectContext, T> work);

    /**
     * {@link #write} for work that creates many records at once, such as an import's batch: the
     * records it created are inserted as JDBC batches of the whole batch per table, outside the
     * ORM's change tracking, which costs more than the inserts themselves when hundreds of
     * records are new; what it changed or deleted commits as usual, in the same transaction.
     * Events, change log, audit and derived tables see the new records as they see any other.
     * The new records leave the context when inserted: after the work returns, read them (their
     * ids, values) but do not change them through it.
     */
    <T> T writeMany(Function<ObjectContext, T> work);

    /**
     * How many records of {@code type} match {@code where}, counting no further than
     * {@code cap + 1} (so a result above {@code cap} means "more than cap"). Lists ask this on
     * their first page; the answer is kept until the change log moves on or this node commits
     * anything, and for a few seconds at most, so that reopening a large list does not count
     * it again.
     */
    int countUpTo(ObjectContext ctx, Class<? extends MosaicRecord> type, Expression where, int cap);

    DatabaseKind databaseKind();

    /** True when the database answers a trivial query. */
    boolean isAvailable();
}
