package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.csv.CsvWriter;

/**
 * The CSV form of a person, the same for export and import so that an export imports back
 * unchanged. Several emails, phones or tags share one cell, separated by "; ".
 */
final class PeopleCsv {

    static final List<String> COLUMNS = List.of("firstName", "lastName", "email", "phone", "organization", "jobTitle",
            "lifecycleStage", "source", "tags");
    static final String SEPARATOR = "; ";

    private PeopleCsv() {
    }

    /** The export's header: the person columns, then one {@code cf.<key>} column per active custom field. */
    static List<String> columns(CustomFields.Schema custom) {
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(custom.columns());
        return all;
    }

    static List<String> row(Person p, String organizationName, CustomFields.Schema custom) {
        List<String> emails = Json.listOfMaps(p.getEmailsJson()).stream().map(e -> e.get("address")).toList();
        List<String> phones = Json.listOfMaps(p.getPhonesJson()).stream().map(e -> e.get("number")).toList();
        List<String> row = new ArrayList<>(Arrays.asList(nz(p.getFirstName()), nz(p.getLastName()), String.join(SEPARATOR, emails),
                String.join(SEPARATOR, phones), nz(organizationName), nz(p.getJobTitle()), nz(p.getLifecycleStage()),
                nz(p.getSource()), String.join(SEPARATOR, Json.strings(p.getTagsJson()))));
        row.addAll(custom.cells(p.getCustomJson()));
        return row;
    }

    /**
     * The person fields of one CSV row (organization stays a name, resolved by the import).
     * Empty cells leave a field out, so that a sparse file never blanks existing data.
     */
    static Map<String, Object> fields(List<String> header, List<String> cells, CustomFields.Schema custom, FieldReader errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> customCells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = CsvWriter.unneutralize(cells.get(i)).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (header.get(i).startsWith(CustomFields.PREFIX)) {
                customCells.put(header.get(i), value);
                continue;
            }
            switch (header.get(i)) {
                case "email" -> fields.put("emails", new ArrayList<Object>(split(value)));
                case "phone" -> fields.put("phones", new ArrayList<Object>(split(value)));
                case "tags" -> fields.put("tags", new ArrayList<Object>(split(value)));
                default -> fields.put(header.get(i), value);
            }
        }
        if (!customCells.isEmpty()) {
            fields.put(CustomFields.FIELD, custom.fromCells(customCells, errors));
        }
        return fields;
    }

    /** Field errors of the person fields, named after the CSV column they came from. */
    static String column(String field) {
        if (field.startsWith(CustomFields.FIELD + ".")) {
            return CustomFields.PREFIX + field.substring(CustomFields.FIELD.length() + 1);
        }
        if (field.startsWith("emails")) {
            return "email";
        }
        if (field.startsWith("phones")) {
            return "phone";
        }
        if (field.startsWith("organizationId")) {
            return "organization";
        }
        return field;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
