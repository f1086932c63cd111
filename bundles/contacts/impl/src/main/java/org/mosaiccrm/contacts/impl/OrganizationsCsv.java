package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV form of an organization, in the same style as {@link PeopleCsv}: several phones or
 * tags share one cell, separated by "; ", and custom fields follow as {@code cf.<key>} columns.
 */
final class OrganizationsCsv {

    static final List<String> COLUMNS = List.of("name", "domain", "industry", "size", "phone", "tags");

    private OrganizationsCsv() {
    }

    /** The export's header: the organization columns, then one column per active custom field. */
    static List<String> columns(CustomFields.Schema custom) {
        List<String> all = new ArrayList<>(COLUMNS);
        all.addAll(custom.columns());
        return all;
    }

    static List<String> row(Organization o, CustomFields.Schema custom) {
        List<String> phones = Json.listOfMaps(o.getPhonesJson()).stream().map(e -> e.get("number")).toList();
        List<String> row = new ArrayList<>(Arrays.asList(PeopleCsv.nz(o.getName()), PeopleCsv.nz(o.getDomain()),
                PeopleCsv.nz(o.getIndustry()), PeopleCsv.nz(o.getSize()), String.join(PeopleCsv.SEPARATOR, phones),
                String.join(PeopleCsv.SEPARATOR, Json.strings(o.getTagsJson()))));
        row.addAll(custom.cells(o.getCustomJson()));
        return row;
    }
}
