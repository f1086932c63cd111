package org.mosaiccrm.samples.notes.internal;

import java.util.List;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Notes from CSV, at {@code POST /api/v1/imports/notes/notes}: the columns of
 * {@link NoteFields#CSV} and the active custom fields, checked like a request body. Every row
 * is a new note of the importing user and their team; a note has no natural key to match an
 * existing one by. The platform's import job stores the upload, runs the rows in batches (one
 * transaction each, resumed after a crash from the last committed batch, so no row is imported
 * twice) and reports progress and per-row errors.
 */
@Component(service = ImportType.class)
public final class NotesImport extends RecordImport {

    @Activate
    public NotesImport(@Reference CustomFields customFields, @Reference AccessControl access) {
        super(NotesModule.ID, "notes", NotesModule.NOTE, NoteFields.CSV, List.of(NotesModule.IMPORT, NotesModule.WRITE), customFields,
                access);
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        return fields -> {
            FieldReader in = new FieldReader(fields);
            Note note = ctx.newObject(Note.class);
            NoteFields.apply(in, note, true, custom);
            return settle(ctx, note, true, null, null, in, user);
        };
    }
}
