package org.mosaiccrm.platform.api.csv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.fields.CustomField;

import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * How one record type reads as CSV, the same for export and import so that an export imports
 * back unchanged: its columns, then one {@code cf.<key>} column per active custom field. A
 * column of a list field (emails, phones, tags) holds the whole list in one cell
 * ({@link CsvCells}). Field errors are named after the column they came from, so a row's error tells the
 * user which cell to fix. A module declares one per record type and uses it for both its export
 * rows and its {@code RecordImport}.
 *
 * <p>With {@link #labelled} the form knows its columns by what the module's pages call them in
 * each of the five languages too, so that a spreadsheet's own header ("First Name", "Nombre",
 * "Имя") and a choice's label ("Lead", "Prospecto") import as the field and the value.
 */
public final class CsvForm {

    private final List<String> columns;
    private final Map<String, String> lists;
    private final Map<String, String> renamed;
    private final Labels labels;
    /** The message key of a column's label is this prefix and the column's name. */
    private final String labelKeys;
    /** Choice columns: the allowed values, and the prefix of their labels' message keys. */
    private final Map<String, Choice> choices;
    private final Set<String> required;
    /** Per choice column: the values and all their labels, as {@link #key} compares them, to the value. */
    private final Map<String, Map<String, String>> choiceIndex;

    private record Choice(Set<String> values, String labelKeys) {
    }

    /**
     * @param columns the record's columns, in export order
     * @param lists list columns and the field each fills ({@code phone} → {@code phones})
     * @param renamed fields whose errors belong to a column of another name ({@code organizationId} → {@code organization})
     */
    public CsvForm(List<String> columns, Map<String, String> lists, Map<String, String> renamed) {
        this(columns, lists, renamed, Labels.none(), "", Map.of(), Set.of());
    }

    private CsvForm(List<String> columns, Map<String, String> lists, Map<String, String> renamed, Labels labels, String labelKeys,
            Map<String, Choice> choices, Set<String> required) {
        this.columns = List.copyOf(columns);
        this.lists = Map.copyOf(lists);
        this.renamed = Map.copyOf(renamed);
        this.labels = labels;
        this.labelKeys = labelKeys;
        this.choices = Map.copyOf(choices);
        this.required = Set.copyOf(required);
        Map<String, Map<String, String>> index = new HashMap<>();
        this.choices.forEach((column, choice) -> {
            Map<String, String> byKey = new HashMap<>();
            choice.values().forEach(v -> byKey.putIfAbsent(key(v), v));
            choice.values().forEach(v -> labels.all(choice.labelKeys() + v).forEach(l -> byKey.putIfAbsent(key(l), v)));
            index.put(column, Map.copyOf(byKey));
        });
        this.choiceIndex = Map.copyOf(index);
    }

    /**
     * This form whose columns are also known by their labels in the module's messages, each
     * under the key {@code labelKeys + column} ({@code contacts.field.firstName}).
     */
    public CsvForm labelled(Labels labels, String labelKeys) {
        return new CsvForm(columns, lists, renamed, labels, labelKeys, choices, required);
    }

    /**
     * This form with a choice column whose cells may name a value by its label in any language
     * too (the label's key is {@code labelKeys + value}: {@code contacts.stage.lead}); values and
     * labels are compared ignoring case, spaces and punctuation.
     */
    public CsvForm choice(String column, Collection<String> values, String labelKeys) {
        Map<String, Choice> all = new HashMap<>(choices);
        all.put(column, new Choice(Set.copyOf(values), labelKeys));
        return new CsvForm(columns, lists, renamed, labels, this.labelKeys, all, required);
    }

    /** This form with columns a new record cannot do without (shown as such by an import's mapping step). */
    public CsvForm required(String... columns) {
        return new CsvForm(this.columns, lists, renamed, labels, labelKeys, choices, Set.of(columns));
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
     * or the column's label in any of the five languages, ignoring case, spaces and punctuation
     * ("First Name" and "first_name" are {@code firstName}, "E-mail" is {@code email}, "Region"
     * is {@code cf.region}, "Nombre" is {@code firstName}). Cells matching nothing stay as they
     * are, for {@link #knows} to refuse by name.
     */
    public List<String> canonical(List<String> header, FieldSchema custom) {
        Map<String, String> byKey = names(custom);
        return header.stream().map(h -> knows(h, custom) ? h : byKey.getOrDefault(key(h), h)).toList();
    }

    /** The column a header cell names (see {@link #canonical}), or null for none. */
    public String match(String header, FieldSchema custom) {
        String column = canonical(List.of(header), custom).get(0);
        return knows(column, custom) ? column : null;
    }

    /** Every name a header may use, as {@link #key} compares it, to its column; earlier rules win. */
    private Map<String, String> names(FieldSchema custom) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String column : columns) {
            byKey.putIfAbsent(key(column), column);
        }
        for (CustomField field : custom.fields()) {
            String column = FieldSchema.PREFIX + field.key();
            byKey.putIfAbsent(key(column), column);
            byKey.putIfAbsent(key(field.key()), column);
            byKey.putIfAbsent(key(field.label()), column);
        }
        for (String column : columns) {
            labels.all(labelKeys + column).forEach(label -> byKey.putIfAbsent(key(label), column));
        }
        byKey.remove("");
        return byKey;
    }

    /** The fields a column can fill, labelled in the language, then the active custom fields. */
    public List<CsvField> fields(FieldSchema custom, String language) {
        List<CsvField> fields = new ArrayList<>();
        for (String column : columns) {
            String label = labels.text(labelKeys + column, language);
            fields.add(new CsvField(column, label == null ? column : label, required.contains(column)));
        }
        for (CustomField field : custom.fields()) {
            fields.add(new CsvField(FieldSchema.PREFIX + field.key(), field.label(), field.required()));
        }
        return fields;
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
                fields.put(column, choices.containsKey(column) ? choiceValue(column, value) : value);
            }
        }
        if (!customCells.isEmpty()) {
            fields.put(FieldSchema.FIELD, custom.fromCells(customCells, errors));
        }
        return fields;
    }

    /** A choice cell's value: the value or label it matches, or the cell as typed (for the record's rules to refuse). */
    private String choiceValue(String column, String cell) {
        return choiceIndex.get(column).getOrDefault(key(cell), cell);
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
