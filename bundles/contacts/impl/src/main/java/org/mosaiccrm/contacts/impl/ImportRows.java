package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * One record type's part of a CSV import ({@link ContactsImport} runs the job and turns each
 * row's cells into fields through {@link #form}): which existing record a row describes, and
 * how a new one is made.
 */
abstract class ImportRows {

    /** Values a {@link #lookup} asks for in one query. */
    static final int LOOKUP_CHUNK = 100;

    /** The import's {@code type} parameter: people, organizations. */
    final String type;
    /** The custom fields' entity of the records. */
    final String entity;
    final CsvForm form;
    final AccessControl access;

    ImportRows(String type, String entity, CsvForm form, AccessControl access) {
        this.type = type;
        this.entity = entity;
        this.form = form;
        this.access = access;
    }

    /**
     * The rows of one batch whose cells read as fields (the others are reported already),
     * looked up together; called inside the batch's transaction.
     */
    abstract Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, CustomFields.Schema custom);

    /** Imports the rows of one batch, one at a time, each counted in the batch's result. */
    interface Batch {
        void row(Map<String, Object> fields, long rowNumber, BatchResult result);
    }

    /**
     * Counts a row whose fields were applied to a record: refused with its first field error
     * (a new record dropped, an existing one put back as it was), or created, updated or
     * skipped when nothing changed. New records belong to the importing user and their team,
     * as if created by hand.
     *
     * @return whether the record was kept
     */
    final boolean settle(ObjectContext ctx, MosaicRecord record, boolean created, Object before, Supplier<Object> after, FieldReader in,
            UserPrincipal user, long rowNumber, BatchResult result) {
        if (!in.errors().isEmpty()) {
            if (created) {
                ctx.deleteObject(record);
            } else {
                ctx.invalidateObjects(record);
            }
            fail(in.errors().get(0), rowNumber, result);
            return false;
        }
        if (created) {
            record.setOwnerId(user.id());
            record.setTeamId(user.teamId());
            result.created();
        } else if (before.equals(after.get())) {
            result.skipped();
        } else {
            result.updated();
        }
        return true;
    }

    /** Reports a row by its first error, named after the column it came from. */
    final void fail(FieldError error, long rowNumber, BatchResult result) {
        result.failed(rowNumber, form.column(error.field()) + ": " + error.message());
    }

    /**
     * The records the user may reach whose property holds one of the values, oldest first.
     * The values go in chunks: while a table is still small Derby may plan a full scan for an
     * IN list (until its stale-plan check recompiles), and a scan compares every row with
     * every value of the list, so a short list keeps that cost low. A short last chunk is
     * padded with its own last value, so every lookup has the same SQL text and the
     * database compiles it once instead of once per batch.
     */
    final <R extends MosaicRecord> List<R> lookup(ObjectContext ctx, UserPrincipal user, Class<R> recordType,
            StringProperty<String> property, Collection<String> values) {
        List<R> found = new ArrayList<>();
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + LOOKUP_CHUNK)));
            while (chunk.size() < LOOKUP_CHUNK) {
                chunk.add(chunk.get(chunk.size() - 1));
            }
            found.addAll(ObjectSelect.query(recordType).where(Records.visible(access, user, property.in(chunk)))
                    .orderBy(MosaicRecord.ID.asc()).select(ctx));
        }
        return found;
    }
}
