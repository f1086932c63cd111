package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The CSV form of a person; the organization is a column of its name, resolved by the import. */
final class PeopleCsv {

    static final CsvForm FORM = new CsvForm(
            List.of("firstName", "lastName", "email", "phone", "organization", "jobTitle", "lifecycleStage", "source", "tags"),
            Map.of("email", "emails", "phone", "phones", "tags", "tags"), Map.of("organizationId", "organization"));

    private PeopleCsv() {
    }

    static List<String> row(Person p, String organizationName, CustomFields.Schema custom) {
        List<String> row = new ArrayList<>(List.of(CsvForm.cell(p.getFirstName()), CsvForm.cell(p.getLastName()),
                CsvForm.join(p.getEmailsJson(), "address"), CsvForm.join(p.getPhonesJson(), "number"), CsvForm.cell(organizationName),
                CsvForm.cell(p.getJobTitle()), CsvForm.cell(p.getLifecycleStage()), CsvForm.cell(p.getSource()),
                CsvForm.join(Json.strings(p.getTagsJson()))));
        row.addAll(custom.cells(p.getCustomJson()));
        return row;
    }
}
