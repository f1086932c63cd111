package org.mosaiccrm.platform.api.fields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The active custom fields of one entity, and how their values are checked, stored, shown,
 * filtered and carried through CSV.
 *
 * <p>Values live in the record's {@code CUSTOM} column as one JSON object written canonically
 * (keys sorted, numbers plain, no spaces). That keeps a record one row &mdash; reading, exporting
 * and importing cost nothing extra &mdash; and makes an equality filter a plain substring test on
 * the exact {@code "key":value} text, which cannot match inside another value because quotes
 * inside values are escaped. Values of an archived field stay stored (and come back if it is
 * restored); they are just not shown.
 */
public final class FieldSchema {

    /** The body field holding the values. */
    public static final String FIELD = "customFields";
    /** The prefix of filter parameters and CSV columns: {@code cf.<key>}. */
    public static final String PREFIX = "cf.";
    /** The longest stored JSON of one record's values: the size of the CUSTOM column. */
    public static final int MAX_STORED = 8000;

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private final String plural;
    private final List<CustomField> fields;
    private final Map<String, CustomField> byKey;

    /** {@code plural} names the records in messages ("is not a custom field of people"). */
    public FieldSchema(String plural, List<CustomField> fields) {
        this.plural = plural;
        this.fields = List.copyOf(fields);
        this.byKey = Map.copyOf(fields.stream().collect(Collectors.toMap(CustomField::key, Function.identity())));
    }

    /** No fields: what an entity nobody declared customizable has. */
    public static FieldSchema none(String plural) {
        return new FieldSchema(plural, List.of());
    }

    public List<CustomField> fields() {
        return fields;
    }

    /**
     * Applies the body's {@code customFields} object onto the stored values: a key sets a value,
     * null clears it, keys left out stay as they are. Returns the JSON to store; every problem is
     * recorded on the reader as {@code customFields.<key>}. Required fields are checked when
     * {@code creating} or when the body names them.
     */
    public String apply(FieldReader in, String stored, boolean creating) {
        Map<String, Object> values = new TreeMap<>(read(stored));
        Object raw = in.raw(FIELD);
        if (in.has(FIELD) && raw != null && !(raw instanceof Map<?, ?>)) {
            in.error(FIELD, "notAnObject", "must be an object of custom field values");
            return stored;
        }
        Map<?, ?> given = raw == null ? Map.of() : (Map<?, ?>) raw;
        for (Map.Entry<?, ?> e : given.entrySet()) {
            String key = String.valueOf(e.getKey());
            CustomField field = byKey.get(key);
            if (field == null) {
                in.error(FIELD + "." + key, "unknownField", "is not a custom field of " + plural);
                continue;
            }
            try {
                Object value = field.value(e.getValue(), false);
                if (value == null) {
                    values.remove(key);
                } else {
                    values.put(key, value);
                }
            } catch (IllegalArgumentException bad) {
                in.error(refusal(FIELD + "." + key, field, bad));
            }
        }
        for (CustomField field : fields) {
            boolean touched = creating || given.containsKey(field.key());
            if (field.required() && touched && values.get(field.key()) == null
                    && in.errors().stream().noneMatch(err -> err.field().equals(FIELD + "." + field.key()))) {
                in.error(FieldError.of(FIELD + "." + field.key(), "required", "is required", "label", field.label()));
            }
        }
        String json = values.isEmpty() ? null : write(values);
        if (json != null && json.length() > MAX_STORED) {
            in.error(FIELD, "tooLong", "the custom values together are longer than " + MAX_STORED + " characters", "max", MAX_STORED);
            return stored;
        }
        return json;
    }

    /** The values of the active fields, in field order, for the JSON view. */
    public Map<String, Object> view(String stored) {
        Map<String, Object> values = read(stored);
        Map<String, Object> shown = new LinkedHashMap<>();
        for (CustomField field : fields) {
            Object v = values.get(field.key());
            if (v != null) {
                shown.put(field.key(), v);
            }
        }
        return shown;
    }

    /**
     * The condition of the {@code cf.<key>=value} query parameters on the entity's CUSTOM column
     * (each an equality; text ignores case; an empty value means "has none"), or null when there
     * are none. Unknown fields and bad values answer 400 naming the parameter.
     */
    public Expression filter(StringProperty<String> column, Map<String, List<String>> parameters) {
        Expression where = null;
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!p.getKey().startsWith(PREFIX)) {
                continue;
            }
            String key = p.getKey().substring(PREFIX.length());
            CustomField field = byKey.get(key);
            if (field == null) {
                errors.add(FieldError.of(p.getKey(), "unknownField", "is not a custom field of " + plural));
                continue;
            }
            for (String raw : p.getValue()) {
                try {
                    Object value = field.value(raw, true);
                    where = Records.and(where, value == null ? absent(column, key) : equal(column, field, value));
                } catch (IllegalArgumentException bad) {
                    errors.add(refusal(p.getKey(), field, bad));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return where;
    }

    private static Expression equal(StringProperty<String> column, CustomField field, Object value) {
        String pair = write(field.key()) + ":" + write(value);
        return switch (field.type()) {
            case TEXT -> column.containsIgnoreCase(pair);
            // A number or boolean ends where the next key or the object does.
            case NUMBER, BOOLEAN -> column.contains(pair + ",").orExp(column.contains(pair + "}"));
            case DATE, CHOICE -> column.contains(pair);
        };
    }

    private static Expression absent(StringProperty<String> column, String key) {
        return column.isNull().orExp(column.contains(write(key) + ":").notExp());
    }

    /** The CSV columns of the active fields. */
    public List<String> columns() {
        return fields.stream().map(f -> PREFIX + f.key()).toList();
    }

    /** The CSV cells of the active fields, in {@link #columns()} order. */
    public List<String> cells(String stored) {
        Map<String, Object> values = read(stored);
        return fields.stream().map(f -> f.text(values.get(f.key()))).toList();
    }

    /** Whether a CSV column ({@code cf.<key>}) is one of the active fields. */
    public boolean hasColumn(String column) {
        return column.startsWith(PREFIX) && byKey.containsKey(column.substring(PREFIX.length()));
    }

    /**
     * Converts a CSV row's custom columns (all of them {@link #hasColumn}) into the body form
     * ({@code customFields} values), reporting bad cells on the reader. Empty cells are left out,
     * as for the other columns.
     */
    public Map<String, Object> fromCells(Map<String, String> cells, FieldReader errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        cells.forEach((column, cell) -> {
            CustomField field = byKey.get(column.substring(PREFIX.length()));
            try {
                Object value = field.value(cell, true);
                if (value != null) {
                    values.put(field.key(), value);
                }
            } catch (IllegalArgumentException bad) {
                errors.error(refusal(FIELD + "." + field.key(), field, bad));
            }
        });
        return values;
    }

    /** The error of a refused value, with its code and the field's label when the field said why in a coded way. */
    private static FieldError refusal(String name, CustomField field, IllegalArgumentException bad) {
        return bad instanceof InvalidValueException coded ? coded.at(name, field.label()) : new FieldError(name, bad.getMessage());
    }

    /** The survivor's custom values, with the duplicate's where the survivor has none (merging two records). */
    public static String unite(String survivor, String duplicate) {
        Map<String, Object> values = new TreeMap<>(read(duplicate));
        values.putAll(read(survivor));
        return values.isEmpty() ? null : write(values);
    }

    /** Every stored value of a CUSTOM column, archived fields' included. */
    public static Map<String, Object> read(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Map.of();
        }
        try {
            return CANONICAL.readValue(stored, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("A CUSTOM column holds malformed JSON", e);
        }
    }

    /** Canonical JSON: keys sorted, numbers plain. */
    public static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
