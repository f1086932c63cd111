package org.mosaiccrm.platform.api.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.csv.CsvField;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * A module's record type as an import type of the platform's import job, for the common case of
 * records with a {@link CsvForm} and custom fields: the file's header is checked against the form
 * and the entity's active custom fields, each row becomes the fields a request body would carry
 * (bad cells refused with their column), and the module writes a batch of rows in
 * {@link #batch}: which existing record a row describes and how a new one is made, ending each
 * row with {@link #settle}.
 */
public abstract class RecordImport implements ImportType {

    /** Values a {@link #lookup} asks for in one query. */
    static final int LOOKUP_CHUNK = 100;

    private final String module;
    /** The import's {@code type} parameter, e.g. people. */
    private final String type;
    /** The custom fields' entity of the records. */
    private final String entity;
    private final CsvForm form;
    private final List<String> permissions;
    private final CustomFields customFields;
    protected final AccessControl access;
    /**
     * The owner and team chosen for the new records of the batch being written, while
     * {@link ImportFile#write} runs; null for the importing user's. Runs write one batch at a
     * time on one thread, and the modules' batches reach it through {@link #settle} and
     * {@link #own} without passing it along.
     */
    private final ThreadLocal<AccessControl.Ownership> writingFor = new ThreadLocal<>();

    /**
     * @param permissions what the importing user needs, all of them (usually the module's import and write permissions)
     */
    protected RecordImport(String module, String type, String entity, CsvForm form, List<String> permissions,
            CustomFields customFields, AccessControl access) {
        this.module = module;
        this.type = type;
        this.entity = entity;
        this.form = form;
        this.permissions = List.copyOf(permissions);
        this.customFields = customFields;
        this.access = access;
    }

    @Override
    public String name() {
        return type;
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public List<String> permissions() {
        return permissions;
    }

    @Override
    public List<CsvField> fields(String language) {
        return form.fields(customFields.schema(module, entity), language);
    }

    @Override
    public List<String> match(List<String> header) {
        FieldSchema custom = customFields.schema(module, entity);
        return header.stream().map(h -> form.match(h, custom)).toList();
    }

    @Override
    public ImportFile open(List<String> given) {
        return open(given, null);
    }

    @Override
    public ImportFile open(List<String> given, AccessControl.Ownership owner) {
        FieldSchema custom = customFields.schema(module, entity);
        List<String> header = form.canonical(given, custom);
        List<String> unknown = header.stream().filter(h -> !form.knows(h, custom)).toList();
        if (!unknown.isEmpty()) {
            throw new ImportRefusedException("Unknown columns " + unknown + "; the columns are " + form.columns(custom) + ".");
        }
        for (int i = 0; i < header.size(); i++) {
            int again = header.subList(i + 1, header.size()).indexOf(header.get(i));
            if (again >= 0) {
                throw new ImportRefusedException("The columns '" + given.get(i) + "' and '" + given.get(i + 1 + again) + "' both mean "
                        + header.get(i) + "; keep one of them.");
            }
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
                writingFor.set(owner);
                try {
                    Batch batch = batch(ctx, user, rows.stream().map(ImportRow::fields).toList(), custom);
                    return rows.stream().map(row -> batch.row(row.fields())).toList();
                } finally {
                    writingFor.remove();
                }
            }
        };
    }

    /** The rows of one batch, looked up together; called inside the batch's transaction. */
    protected abstract Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom);

    /** Imports the rows of one batch, one at a time, in file order. */
    public interface Batch {
        RowOutcome row(Map<String, Object> fields);
    }

    /**
     * The outcome of a row whose fields were applied to a record: refused with its first field
     * error (a new record dropped, an existing one put back as it was), or created, updated or
     * skipped when nothing changed. New records belong to the owner and team chosen for the
     * import, by default the importing user and their team, as if created by hand.
     */
    protected final RowOutcome settle(ObjectContext ctx, MosaicRecord record, boolean created, Object before, Supplier<Object> after,
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
            own(record, user);
            return RowOutcome.created();
        }
        return before.equals(after.get()) ? RowOutcome.skipped() : RowOutcome.updated();
    }

    /**
     * Gives a record the import creates (a row's, or one a row implies, such as a person's new
     * organization) to the owner and team chosen for the import, or to the importing user.
     */
    protected final void own(MosaicRecord record, UserPrincipal user) {
        AccessControl.Ownership owner = writingFor.get();
        record.setOwnerId(owner == null ? user.id() : owner.ownerId());
        record.setTeamId(owner == null ? user.teamId() : owner.teamId());
    }

    /**
     * The owner and team the import names for its new records, or null for the importing
     * user's: records a module creates on the way (an order's customer) go to them too, and a
     * module's own assignment rules stay out of an import that names them.
     */
    protected final AccessControl.Ownership chosenOwnership() {
        return writingFor.get();
    }

    /** A row's first error, named after the column it came from. */
    private String reason(FieldError error) {
        return form.column(error.field()) + ": " + error.message();
    }

    /**
     * The records the user may reach whose property holds one of the values, oldest first.
     * The values go in chunks: while a table is still small Derby may plan a full scan for an
     * IN list (until its stale-plan check recompiles), and a scan compares every row with
     * every value of the list, so a short list keeps that cost low; the chunks are of one size
     * ({@link Records#fixedChunks}), so the database compiles the look-up once.
     */
    protected final <R extends MosaicRecord> List<R> lookup(ObjectContext ctx, UserPrincipal user, Class<R> recordType,
            StringProperty<String> property, Collection<String> values) {
        List<R> found = new ArrayList<>();
        for (List<String> chunk : Records.fixedChunks(values, LOOKUP_CHUNK)) {
            found.addAll(ObjectSelect.query(recordType).where(Records.visible(access, user, property.in(chunk)))
                    .orderBy(MosaicRecord.ID.asc()).select(ctx));
        }
        return found;
    }
}
