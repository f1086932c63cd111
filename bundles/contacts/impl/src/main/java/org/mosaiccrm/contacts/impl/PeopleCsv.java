package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.csv.CsvCells;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.csv.Labels;

/** The CSV form of a person; the organization is a column of its name, resolved by the import. */
final class PeopleCsv {

    static final CsvForm FORM = new CsvForm(
            List.of("firstName", "lastName", "email", "phone", "organization", "jobTitle", "lifecycleStage", "source", "tags"),
            Map.of("email", "emails", "phone", "phones", "tags", "tags"), Map.of("organizationId", "organization"))
            // Headers and stages as the pages name them, in any of their languages.
            .labelled(Labels.of(PeopleCsv.class, "ui/messages"), "contacts.field.")
            .choice("lifecycleStage", PersonFields.STAGES, "contacts.stage.");

    private PeopleCsv() {
    }

    static List<String> row(Person p, String organizationName, FieldSchema custom) {
        List<String> row = new ArrayList<>(List.of(CsvCells.cell(p.getFirstName()), CsvCells.cell(p.getLastName()),
                Json.cells(p.getEmailsJson(), "address"), Json.cells(p.getPhonesJson(), "number"), CsvCells.cell(organizationName),
                CsvCells.cell(p.getJobTitle()), CsvCells.cell(p.getLifecycleStage()), CsvCells.cell(p.getSource()),
                CsvCells.join(Json.strings(p.getTagsJson()))));
        row.addAll(custom.cells(p.getCustomJson()));
        return row;
    }
}
