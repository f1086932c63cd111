package org.mosaiccrm.platform.core.internal.fields;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.fields.CustomField;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.fields.FieldType;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.Problems;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A row of MOSAIC_CUSTOM_FIELD (created by the persistence engine, PlatformTables): one custom
 * field an administrator added to a module's entity, and the SQL that reads and writes it. The
 * definitions are few and read through a cache (CustomFieldsService), so plain SQL in the
 * caller's transaction is all they need. Changes go through {@link #update} with the version
 * the client saw: optimistic locking without an entity class.
 */
public record FieldDefinition(String id, long version, String module, String entity, String key, String label, String type,
        List<String> choices, boolean required, int position, boolean archived, Instant createdAt, Instant updatedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "ID, VERSION, CREATED_AT, UPDATED_AT, MODULE_ID, ENTITY, FIELD_KEY, LABEL, FIELD_TYPE,"
            + " CHOICES, REQUIRED, POSITION, ARCHIVED";

    public FieldDefinition {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** A new field's first version, created now with a new id. */
    static FieldDefinition create(String module, String entity, String key, String label, String type, List<String> choices,
            boolean required, int position) {
        Instant now = Sql.instant(Sql.now());
        return new FieldDefinition(RecordIds.newId(), 1, module, entity, key, label, type, choices, required, position, false, now, now);
    }

    /** The field as a schema holds it. */
    CustomField field() {
        return new CustomField(key, label, FieldType.of(type), choices, required);
    }

    FieldDefinition with(String newLabel, List<String> newChoices, boolean newRequired, int newPosition, boolean newArchived) {
        return new FieldDefinition(id, version, module, entity, key, newLabel, type, newChoices, newRequired, newPosition, newArchived,
                createdAt, updatedAt);
    }

    /** The module's fields, of one entity or (null) all, active or archived, in form order. */
    static List<FieldDefinition> list(ObjectContext ctx, String module, String entity, boolean archived) {
        String where = "MODULE_ID = ? AND ARCHIVED = ?" + (entity == null ? "" : " AND ENTITY = ?");
        Object[] params = entity == null ? new Object[] {module, archived} : new Object[] {module, archived, entity};
        return Sql.rows(ctx, "SELECT " + COLUMNS + " FROM MOSAIC_CUSTOM_FIELD WHERE " + where + " ORDER BY ENTITY, POSITION, FIELD_KEY",
                params).stream().map(FieldDefinition::of).toList();
    }

    /** The module's field of this id, or 404. */
    static FieldDefinition find(ObjectContext ctx, String module, String id) {
        DataRow row = RecordIds.isWellFormed(id)
                ? Sql.row(ctx, "SELECT " + COLUMNS + " FROM MOSAIC_CUSTOM_FIELD WHERE ID = ? AND MODULE_ID = ?", id, module) : null;
        if (row == null) {
            throw Problems.notFound("There is no custom field " + id + " in the module " + module + ".");
        }
        return of(row);
    }

    static long count(ObjectContext ctx, String module, String entity) {
        return Sql.count(ctx, "SELECT COUNT(*) FROM MOSAIC_CUSTOM_FIELD WHERE MODULE_ID = ? AND ENTITY = ?", module, entity);
    }

    static boolean exists(ObjectContext ctx, String module, String entity, String key) {
        return Sql.count(ctx, "SELECT COUNT(*) FROM MOSAIC_CUSTOM_FIELD WHERE MODULE_ID = ? AND ENTITY = ? AND FIELD_KEY = ?",
                module, entity, key) > 0;
    }

    /** The position after the entity's last field (archived ones included), so that a new field goes last. */
    static int nextPosition(ObjectContext ctx, String module, String entity) {
        DataRow row = Sql.row(ctx, "SELECT MAX(POSITION) AS MAX_POSITION FROM MOSAIC_CUSTOM_FIELD WHERE MODULE_ID = ? AND ENTITY = ?",
                module, entity);
        Object last = row == null ? null : row.get("MAX_POSITION");
        return last == null ? 0 : Math.min(((Number) last).intValue() + 1, 10_000);
    }

    void insert(ObjectContext ctx) {
        Sql.exec(ctx, "INSERT INTO MOSAIC_CUSTOM_FIELD (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, version, at(createdAt), at(updatedAt), module, entity, key, label, type, choicesJson(), required,
                position, archived);
    }

    /**
     * Writes the changed label, choices, required, position and archived state if the stored
     * version is still {@code expected} (the current one when null); 409 when someone saved in
     * between. Returns the field as stored now.
     */
    FieldDefinition update(ObjectContext ctx, long expected) {
        int changed = Sql.exec(ctx, "UPDATE MOSAIC_CUSTOM_FIELD SET VERSION = VERSION + 1, UPDATED_AT = ?, LABEL = ?, CHOICES = ?,"
                + " REQUIRED = ?, POSITION = ?, ARCHIVED = ? WHERE ID = ? AND VERSION = ?",
                Sql.ts(Sql.now()), label, choicesJson(), required, position, archived, id, expected);
        FieldDefinition now = find(ctx, module, id);
        if (changed == 0) {
            throw Problems.staleVersion(now.version());
        }
        return now;
    }

    private static java.sql.Timestamp at(Instant instant) {
        return Sql.ts(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
    }

    private String choicesJson() {
        return choices.isEmpty() ? null : FieldSchema.write(choices);
    }

    private static FieldDefinition of(DataRow row) {
        return new FieldDefinition(Sql.str(row, "ID"), ((Number) row.get("VERSION")).longValue(), Sql.str(row, "MODULE_ID"),
                Sql.str(row, "ENTITY"), Sql.str(row, "FIELD_KEY"), Sql.str(row, "LABEL"), Sql.str(row, "FIELD_TYPE"),
                strings(Sql.str(row, "CHOICES")), Sql.flag(row, "REQUIRED"), ((Number) row.get("POSITION")).intValue(),
                Sql.flag(row, "ARCHIVED"), Sql.instant(row.get("CREATED_AT")), Sql.instant(row.get("UPDATED_AT")));
    }

    private static List<String> strings(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("MOSAIC_CUSTOM_FIELD.CHOICES holds malformed JSON", e);
        }
    }
}
