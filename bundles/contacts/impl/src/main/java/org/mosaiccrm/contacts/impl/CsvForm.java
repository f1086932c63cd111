package org.mosaiccrm.contacts.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.csv.CsvCells;

/**
 * How one record type reads as CSV, the same for export and import so that an export imports
 * back unchanged: its columns, then one {@code cf.<key>} column per active custom field. A
 * column of a list field (emails, phones, tags) holds the whole list in one cell
 * ({@link CsvCells}). Field errors are named after the column they came from, so a row's error tells the
 * user which cell to fix.
 */
final class CsvForm {

    private final List<String> columns;
    private final Map<String, String> lists;
    private final Map<String, String> renamed;

    /**
     * @param columns the record's columns, in export order
     * @param lists list columns and the field each fills ({@code phone} → {@code phones})
     * @param renamed fields whose errors belong to a column of another name ({@code organizationId} → {@code organization})
     */
    CsvForm(List<String> columns, Map<String, String> lists, Map<String, String> renamed) {
        this.columns = List.copyOf(columns);
        this.lists = Map.copyOf(lists);
        this.renamed = Map.copyOf(renamed);
    }

    List<String> columns() {
        return columns;
    }

    /** The header of an export: the columns, then the active custom fields' columns. */
    List<String> columns(CustomFields.Schema custom) {
        List<String> all = new ArrayList<>(columns);
        all.addAll(custom.columns());
        return all;
    }

    /** Whether an import may name this column. */
    boolean knows(String column, CustomFields.Schema custom) {
        return columns.contains(column) || custom.hasColumn(column);
    }

    /**
     * The fields of one CSV row, as a request body would carry them. Empty cells leave a field
     * out, so that a sparse file never blanks existing data; cells the export neutralised come
     * back as typed.
     */
    Map<String, Object> fields(List<String> header, List<String> cells, CustomFields.Schema custom, FieldReader errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> customCells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = CsvCells.read(cells.get(i));
            if (value.isEmpty()) {
                continue;
            }
            String column = header.get(i);
            if (column.startsWith(CustomFields.PREFIX)) {
                customCells.put(column, value);
            } else if (lists.containsKey(column)) {
                fields.put(lists.get(column), new ArrayList<Object>(CsvCells.split(value)));
            } else {
                fields.put(column, value);
            }
        }
        if (!customCells.isEmpty()) {
            fields.put(CustomFields.FIELD, custom.fromCells(customCells, errors));
        }
        return fields;
    }

    /** The column a field error belongs to ({@code phones[1].number} → {@code phone}). */
    String column(String field) {
        if (field.startsWith(CustomFields.FIELD + ".")) {
            return CustomFields.PREFIX + field.substring(CustomFields.FIELD.length() + 1);
        }
        for (Map.Entry<String, String> list : lists.entrySet()) {
            if (field.startsWith(list.getValue())) {
                return list.getKey();
            }
        }
        for (Map.Entry<String, String> rename : renamed.entrySet()) {
            if (field.startsWith(rename.getKey())) {
                return rename.getValue();
            }
        }
        return field;
    }

    /** One value of each entry of a stored list ({@code number} of the phones) as one cell. */
    static String join(String listJson, String key) {
        return CsvCells.join(Json.listOfMaps(listJson).stream().map(e -> e.get(key)).toList());
    }
}
