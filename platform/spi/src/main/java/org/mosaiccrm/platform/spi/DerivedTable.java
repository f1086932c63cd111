package org.mosaiccrm.platform.spi;

import java.util.List;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A table a module derives from its records — counts and sums that a page would otherwise read
 * every row for, such as the sales board's per-stage totals — kept in step by the platform.
 *
 * <p>{@link #apply} runs inside every {@code Persistence.write} transaction that created,
 * changed or deleted records of {@link #type()}, after their rows were written and before the
 * commit, so the derived rows commit with them or not at all — whichever code made the change:
 * the module's own resources, an import, or the platform's bulk reassignment of owners.
 * {@link #rebuild} recomputes the whole table from the records; the platform calls it whenever
 * the module's data arrives (module start), so rows written around the platform (a bulk load by
 * SQL, a restored backup, an older version that did not keep the table) never leave it wrong for
 * longer than until the next start.
 *
 * <p>Concurrency is the table's own business: {@link #rebuild} should lock its table first, so
 * that a concurrent {@link #apply} either waits for the rebuilt rows or is seen by the rebuild;
 * {@link #apply} should touch its rows in a fixed order (sorted keys) so that two transactions
 * never wait for each other crosswise.
 */
@ConsumerType
public interface DerivedTable {

    /** The entity whose changes feed the table. */
    Class<?> type();

    /**
     * Brings the table in step with the changes, in the writing transaction ({@code ctx} is that
     * transaction's context: use {@code Sql} or queries on it, not {@code commitChanges}; the
     * database's kind for what SQL cannot say alike on both, such as an upsert). The list holds
     * every change of the entity since the last call, in the order they were written.
     */
    void apply(ObjectContext ctx, DatabaseKind database, List<Change> changes);

    /** Recomputes the whole table from the records, in one transaction. */
    void rebuild(ObjectContext ctx, DatabaseKind database);

    /**
     * One record's change: its attribute values (by the entity's property names, as the database
     * returned or the code set them) before and after. {@code before} is null for a created record,
     * {@code after} null for a deleted one; for a changed one both hold every attribute.
     */
    record Change(Map<String, Object> before, Map<String, Object> after) {

        public boolean created() {
            return before == null;
        }

        public boolean deleted() {
            return after == null;
        }
    }
}
