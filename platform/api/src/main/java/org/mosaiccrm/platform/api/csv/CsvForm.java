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

    /**
     * The columns a file's header names, as this form calls them: a header cell matches a column,
     * or a custom field's {@code cf.<key>} column, by its name, the custom field's key or label,
     * ignoring case, spaces and punctuation ("First Name" and "first_name" are {@code firstName},
     * "E-mail" is {@code email}, "Region" is {@code cf.region}). Cells matching nothing stay as
     * they are, for {@link #knows} to refuse by name.
     */
    public List<String> canonical(List<String> header, FieldSchema custom) {
        Map<String, String> byKey = new java.util.LinkedHashMap<>();
        for (String column : columns) {
            byKey.putIfAbsent(key(column), column);
        }
        for (org.mosaiccrm.platform.api.fields.CustomField field : custom.fields()) {
            String column = FieldSchema.PREFIX + field.key();
            byKey.putIfAbsent(key(column), column);
            byKey.putIfAbsent(key(field.key()), column);
            byKey.putIfAbsent(key(field.label()), column);
        }
        return header.stream().map(h -> knows(h, custom) ? h : byKey.getOrDefault(key(h), h)).toList();
    }

    /** A name as the header matching compares it: lower case letters and digits only. */
    static String key(String name) {
        StringBuilder key = new StringBuilder(name.length());
        name.toLowerCase(java.util.Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
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
