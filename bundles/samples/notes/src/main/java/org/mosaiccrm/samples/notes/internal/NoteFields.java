package org.mosaiccrm.samples.notes.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.csv.CsvCells;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * A note's field spec, the one place that says what a note is made of: the fields a body may
 * carry, how they are checked and applied (the REST resource and the CSV import both go through
 * {@link #apply}), and how a note reads as CSV.
 */
final class NoteFields {

    /** What a create may send; anything else is refused by name (FieldReader.of). */
    static final Set<String> CREATABLE = Set.of("title", "body", "ownerId", "teamId", FieldSchema.FIELD);
    /** What an update may send: the same, and the version it was based on. */
    static final Set<String> PATCHABLE = Set.of("title", "body", "ownerId", "teamId", FieldSchema.FIELD, "version");
    /** The CSV columns, export and import alike, before the custom fields' {@code cf.<key>} columns. */
    /** Headers as the notes page names the fields, in any of its languages, are matched too. */
    static final CsvForm CSV = new CsvForm(List.of("title", "body"), Map.of(), Map.of())
            .labelled(org.mosaiccrm.platform.api.csv.Labels.of(NoteFields.class, "ui/messages"), "notes.field.")
            .required("title");

    private NoteFields() {
    }

    /**
     * The body's title, text and custom values onto the note; a new note needs a title. Errors
     * are collected on the reader, not thrown, so one answer names every bad field.
     */
    static void apply(FieldReader in, Note note, boolean creating, FieldSchema custom) {
        String body = in.verbatim("body", Note.BODY_MAX);
        String title = in.text("title", Note.TITLE_MAX);
        if (title == null && (creating || in.has("title"))) {
            in.required("title");
        }
        if (title != null) {
            note.setTitle(title);
        }
        if (in.has("body")) {
            note.setBody(body);
        }
        if (creating || in.has(FieldSchema.FIELD)) {
            note.setCustomJson(custom.apply(in, note.getCustomJson(), creating));
        }
    }

    /** The note as a CSV row, in {@code CSV.columns(custom)} order. */
    static List<String> row(Note note, FieldSchema custom) {
        List<String> row = new java.util.ArrayList<>(List.of(CsvCells.cell(note.getTitle()), CsvCells.cell(note.getBody())));
        row.addAll(custom.cells(note.getCustomJson()));
        return row;
    }
}
