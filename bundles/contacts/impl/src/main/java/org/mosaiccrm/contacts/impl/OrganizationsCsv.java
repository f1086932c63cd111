package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.csv.CsvCells;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.csv.Labels;

/** The CSV form of an organization. */
final class OrganizationsCsv {

    static final CsvForm FORM = new CsvForm(List.of("name", "domain", "industry", "size", "phone", "tags"),
            Map.of("phone", "phones", "tags", "tags"), Map.of())
            // Headers as the pages name them, in any of their languages.
            .labelled(Labels.of(OrganizationsCsv.class, "ui/messages"), "contacts.field.")
            .choice("size", OrganizationFields.SIZES, "contacts.size.")
            .required("name");

    private OrganizationsCsv() {
    }

    static List<String> row(Organization o, FieldSchema custom) {
        List<String> row = new ArrayList<>(List.of(CsvCells.cell(o.getName()), CsvCells.cell(o.getDomain()), CsvCells.cell(o.getIndustry()),
                CsvCells.cell(o.getSize()), Json.cells(o.getPhonesJson(), "number"), CsvCells.join(Json.strings(o.getTagsJson()))));
        row.addAll(custom.cells(o.getCustomJson()));
        return row;
    }
}
