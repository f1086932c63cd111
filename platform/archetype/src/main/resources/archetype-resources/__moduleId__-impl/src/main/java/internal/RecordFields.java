package ${package}.internal;

import java.util.Set;

import org.mosaiccrm.platform.api.rest.FieldReader;

/** What a record is made of: the fields a body may carry and how they are checked and applied. */
final class RecordFields {

    /** What a create may send; anything else is refused by name. */
    static final Set<String> CREATABLE = Set.of("name", "ownerId", "teamId");

    private RecordFields() {
    }

    /** The body's name onto the record; errors are collected on the reader, so one answer names every bad field. */
    static void apply(FieldReader in, ${moduleClass}Record record) {
        String name = in.text("name", ${moduleClass}Record.NAME_MAX);
        if (name == null) {
            in.required("name");
        } else {
            record.setName(name);
        }
    }
}
