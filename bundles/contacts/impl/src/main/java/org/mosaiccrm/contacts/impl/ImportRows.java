package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.imports.ImportFile;
import org.mosaiccrm.platform.api.imports.ImportRefusedException;
import org.mosaiccrm.platform.api.imports.ImportRow;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * A contacts record type as an import type of the platform's import job: its columns
 * ({@link #form}, with the active custom fields), which existing record a row describes, and
 * how a new one is made.
 */
abstract class ImportRows implements ImportType {

    /** Values a {@link #lookup} asks for in one query. */
    static final int LOOKUP_CHUNK = 100;

    /** The import's {@code type} parameter: people, organizations. */
    private final String type;
    /** The custom fields' entity of the records. */
    private final String entity;
    private final CsvForm form;
    private final Persistence persistence;
    final AccessControl access;

    ImportRows(String type, String entity, CsvForm form, Persistence persistence, AccessControl access) {
        this.type = type;
        this.entity = entity;
        this.form = form;
        this.persistence = persistence;
        this.access = access;
    }

    @Override
    public String name() {
        return type;
    }

    @Override
    public String module() {
        return ContactsModule.ID;
    }

    @Override
    public List<String> permissions() {
        return List.of(ContactsModule.IMPORT, ContactsModule.WRITE);
    }

    @Override
    public ImportFile open(List<String> header) {
        CustomFields.Schema custom = CustomFields.load(persistence, entity);
        List<String> unknown = header.stream().filter(h -> !form.knows(h, custom)).toList();
        if (!unknown.isEmpty()) {
            throw new ImportRefusedException("Unknown columns " + unknown + "; the columns are " + form.columns(custom) + ".");
        }
        return new ImportFile() {
            @Override
            public ImportRow read(long rowNumber, List<String> cells) {
                FieldReader cellErrors = new FieldReader(Map.of());
                Map<String, Object> fields = form.fields(header, cells, custom, cellErrors);
                return cellErrors.errors().isEmpty() ? ImportRow.of(rowNumber, fields)
                        : ImportRow.refused(rowNumber, reason(cellErrors.errors().get(0)));
            }

            @Override
            public List<RowOutcome> write(ObjectContext ctx, UserPrincipal user, List<ImportRow> rows) {
                Batch batch = batch(ctx, user, rows.stream().map(ImportRow::fields).toList(), custom);
                return rows.stream().map(row -> batch.row(row.fields())).toList();
            }
        };
    }

    /** The rows of one batch, looked up together; called inside the batch's transaction. */
    abstract Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, CustomFields.Schema custom);

    /** Imports the rows of one batch, one at a time, in file order. */
    interface Batch {
        RowOutcome row(Map<String, Object> fields);
    }

    /**
     * The outcome of a row whose fields were applied to a record: refused with its first field
     * error (a new record dropped, an existing one put back as it was), or created, updated or
     * skipped when nothing changed. New records belong to the importing user and their team,
     * as if created by hand.
     */
    final RowOutcome settle(ObjectContext ctx, MosaicRecord record, boolean created, Object before, Supplier<Object> after,
            FieldReader in, UserPrincipal user) {
        if (!in.errors().isEmpty()) {
            if (created) {
                ctx.deleteObject(record);
            } else {
                ctx.invalidateObjects(record);
            }
            return RowOutcome.failed(reason(in.errors().get(0)));
        }
        if (created) {
            record.setOwnerId(user.id());
            record.setTeamId(user.teamId());
            return RowOutcome.created();
        }
        return before.equals(after.get()) ? RowOutcome.skipped() : RowOutcome.updated();
    }

    /** A row's first error, named after the column it came from. */
    private String reason(FieldError error) {
        return form.column(error.field()) + ": " + error.message();
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
