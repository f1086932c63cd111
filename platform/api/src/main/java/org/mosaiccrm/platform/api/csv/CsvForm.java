package org.mosaiccrm.platform.api.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * How one record type reads as CSV, the same for export and import so that an export imports
 * back unchanged: its columns, then one {@code cf.<key>} column per active custom field. A
 * column of a list field (emails, phones, tags) holds the whole list in one cell
 * ({@link CsvCells}). Field errors are named after the column they came from, so a row's error tells the
 * user which cell to fix. A module declares one per record type and uses it for both its export
 * rows and its {@code RecordImport}.
 */
public final class CsvForm {

    private final List<String> columns;
    private final Map<String, String> lists;
    private final Map<String, String> renamed;

    /**
     * @param columns the record's columns, in export order
     * @param lists list columns and the field each fills ({@code phone} → {@code phones})
     * @param renamed fields whose errors belong to a column of another name ({@code organizationId} → {@code organization})
     */
    public CsvForm(List<String> columns, Map<String, String> lists, Map<String, String> renamed) {
        this.columns = List.copyOf(columns);
        this.lists = Map.copyOf(lists);
        this.renamed = Map.copyOf(renamed);
    }

    public List<String> columns() {
        return columns;
    }

    /** The header of an export: the columns, then the active custom fields' columns. */
    public List<String> columns(FieldSchema custom) {
        List<String> all = new ArrayList<>(columns);
        all.addAll(custom.columns());
        return all;
    }

    /** Whether an import may name this column. */
    public boolean knows(String column, FieldSchema custom) {
        return columns.contains(column) || custom.hasColumn(column);
    }

    /**
     * The fields of one CSV row, as a request body would carry them. Empty cells leave a field
     * out, so that a sparse file never blanks existing data; cells the export neutralised come
     * back as typed.
     */
    public Map<String, Object> fields(List<String> header, List<String> cells, FieldSchema custom, FieldReader errors) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> customCells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = CsvCells.read(cells.get(i));
            if (value.isEmpty()) {
                continue;
            }
            String column = header.get(i);
            if (column.startsWith(FieldSchema.PREFIX)) {
                customCells.put(column, value);
            } else if (lists.containsKey(column)) {
                fields.put(lists.get(column), new ArrayList<Object>(CsvCells.split(value)));
            } else {
                fields.put(column, value);
            }
        }
        if (!customCells.isEmpty()) {
            fields.put(FieldSchema.FIELD, custom.fromCells(customCells, errors));
        }
        return fields;
    }

    /** The column a field error belongs to ({@code phones[1].number} → {@code phone}). */
    public String column(String field) {
        if (field.startsWith(FieldSchema.FIELD + ".")) {
            return FieldSchema.PREFIX + field.substring(FieldSchema.FIELD.length() + 1);
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

}
