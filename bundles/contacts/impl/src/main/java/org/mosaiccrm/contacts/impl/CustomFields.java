package org.mosaiccrm.contacts.impl;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.ws.rs.core.MultivaluedMap;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Custom fields of people and organizations: the fields an administrator defined, and how their
 * values are checked, stored, shown, filtered and carried through CSV.
 *
 * <p>Values live in the record's {@code CUSTOM} column as one JSON object written canonically
 * (keys sorted, numbers plain, no spaces). That keeps a record one row — reading, exporting and
 * importing cost nothing extra — and makes an equality filter a plain substring test on the exact
 * {@code "key":value} text, which cannot match inside another value because quotes inside values
 * are escaped. Values of an archived field stay stored (and come back if it is restored); they
 * are just not shown.
 */
final class CustomFields {

    static final String PERSON = "person";
    static final String ORGANIZATION = "organization";
    static final Set<String> ENTITIES = Set.of(PERSON, ORGANIZATION);
    /** The body field holding the values, and the prefix of filter parameters and CSV columns. */
    static final String FIELD = "customFields";
    static final String PREFIX = "cf.";
    static final int MAX_TEXT = 1000;
    static final int MAX_STORED = 8000;

    /** Field types an administrator can choose from. */
    enum Type {
        TEXT, NUMBER, DATE, BOOLEAN, CHOICE;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        static Set<String> ids() {
            return java.util.Arrays.stream(values()).map(Type::id).collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private CustomFields() {
    }

    /** The active fields of people or organizations, in the order the administrator set. */
    static Schema schema(ObjectContext ctx, String entity) {
        List<FieldDefinition> definitions = ObjectSelect.query(FieldDefinition.class)
                .where(FieldDefinition.ENTITY.eq(entity).andExp(FieldDefinition.ARCHIVED.isFalse()))
                .orderBy(FieldDefinition.POSITION.asc(), FieldDefinition.KEY.asc()).select(ctx);
        return new Schema(entity, definitions.stream().map(Field::of).toList());
    }

    /**
     * The active fields, read in a transaction of their own (before a write that uses them), or
     * as read at most {@link #SCHEMA_TTL_NANOS one second} ago: every read and write of a single
     * record needs them, and they change only when an administrator edits a field. A change
     * made on this node goes through {@link #change} and counts from the next request; one made
     * by another node sharing the database counts here within a second.
     */
    static Schema load(org.mosaiccrm.platform.api.persistence.Persistence persistence, String entity) {
        long now = System.nanoTime();
        CachedSchema cached = SCHEMAS.get(entity);
        if (cached != null && cached.epoch() == EPOCH.get() && now - cached.readAt() <= SCHEMA_TTL_NANOS) {
            return cached.schema();
        }
        // The epoch before the read: a schema read while a change commits is not used after it.
        long epoch = EPOCH.get();
        Schema schema = persistence.read(ctx -> schema(ctx, entity));
        SCHEMAS.put(entity, new CachedSchema(schema, epoch, now));
        return schema;
    }

    /** Writes a change to field definitions; the schemas of {@link #load} are read again from the next request on. */
    static <T> T change(org.mosaiccrm.platform.api.persistence.Persistence persistence, Function<ObjectContext, T> work) {
        try {
            return persistence.write(work);
        } finally {
            EPOCH.incrementAndGet();
            SCHEMAS.clear();
        }
    }

    private static final long SCHEMA_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private static final java.util.concurrent.atomic.AtomicLong EPOCH = new java.util.concurrent.atomic.AtomicLong();
    private static final Map<String, CachedSchema> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedSchema(Schema schema, long epoch, long readAt) {
    }

    /** One defined field. */
    record Field(String key, String label, Type type, List<String> choices, boolean required) {

        static Field of(FieldDefinition d) {
            return new Field(d.getKey(), d.getLabel(), Type.of(d.getType()), Json.strings(d.getChoicesJson()), d.isRequired());
        }

        /**
         * The stored form of a value from JSON (or, with {@code fromText}, from a CSV cell or a
         * query parameter), or an {@link IllegalArgumentException} saying what is wrong with it.
         */
        Object value(Object raw, boolean fromText) {
            if (raw == null || (fromText && raw instanceof String s && s.isBlank())) {
                return null;
            }
            return switch (type) {
                case TEXT -> {
                    String s = string(raw).strip();
                    if (s.codePointCount(0, s.length()) > MAX_TEXT) {
                        throw new IllegalArgumentException("is longer than " + MAX_TEXT + " characters");
                    }
                    yield s.isEmpty() ? null : s;
                }
                case NUMBER -> number(raw, fromText);
                case DATE -> {
                    try {
                        yield LocalDate.parse(string(raw).strip()).toString();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("must be a date such as 2026-11-29");
                    }
                }
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    String s = fromText ? string(raw).strip().toLowerCase(Locale.ROOT) : "";
                    if (s.equals("true") || s.equals("false")) {
                        yield Boolean.valueOf(s);
                    }
                    throw new IllegalArgumentException("must be true or false");
                }
                case CHOICE -> {
                    String s = string(raw).strip();
                    if (!choices.contains(s)) {
                        throw new IllegalArgumentException("must be one of " + choices);
                    }
                    yield s;
                }
            };
        }

        private String string(Object raw) {
            if (raw instanceof String s) {
                return s;
            }
            throw new IllegalArgumentException("must be a string" + (type == Type.DATE ? " such as 2026-11-29" : ""));
        }

        private static BigDecimal number(Object raw, boolean fromText) {
            BigDecimal n;
            try {
                if (raw instanceof Number number && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                    n = new BigDecimal(number.toString());
                } else if (fromText && raw instanceof String s) {
                    n = new BigDecimal(s.strip());
                } else {
                    throw new IllegalArgumentException("must be a number");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number such as 12.5");
            }
            if (n.precision() - n.scale() > 18 || n.scale() > 10) {
                throw new IllegalArgumentException("must have at most 18 digits before and 10 after the decimal point");
            }
            n = n.stripTrailingZeros();
            return n.scale() < 0 ? n.setScale(0) : n;
        }

        /** The text of a stored value in a CSV cell. */
        String text(Object stored) {
            if (stored == null) {
                return "";
            }
            return stored instanceof BigDecimal n ? n.toPlainString() : String.valueOf(stored);
        }
    }

    /** The active fields of one entity. */
    static final class Schema {

        private final String entity;
        private final List<Field> fields;
        private final Map<String, Field> byKey;

        Schema(String entity, List<Field> fields) {
            this.entity = entity;
            this.fields = fields;
            this.byKey = Map.copyOf(fields.stream().collect(Collectors.toMap(Field::key, Function.identity())));
        }

        List<Field> fields() {
            return fields;
        }

        private String plural() {
            return PERSON.equals(entity) ? "people" : "organizations";
        }

        /**
         * Applies the body's {@code customFields} object onto the stored values: a key sets a
         * value, null clears it, keys left out stay as they are. Returns the JSON to store;
         * every problem is recorded on the reader as {@code customFields.<key>}.
         */
        String apply(FieldReader in, String stored, boolean creating) {
            Map<String, Object> values = new TreeMap<>(read(stored));
            Object raw = in.raw(FIELD);
            if (in.has(FIELD) && raw != null && !(raw instanceof Map<?, ?>)) {
                in.error(FIELD, "must be an object of custom field values");
                return stored;
            }
            Map<?, ?> given = raw == null ? Map.of() : (Map<?, ?>) raw;
            for (Map.Entry<?, ?> e : given.entrySet()) {
                String key = String.valueOf(e.getKey());
                Field field = byKey.get(key);
                if (field == null) {
                    in.error(FIELD + "." + key, "is not a custom field of " + plural());
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
                    in.error(FIELD + "." + key, bad.getMessage());
                }
            }
            for (Field field : fields) {
                boolean touched = creating || given.containsKey(field.key());
                if (field.required() && touched && values.get(field.key()) == null
                        && in.errors().stream().noneMatch(err -> err.field().equals(FIELD + "." + field.key()))) {
                    in.error(FIELD + "." + field.key(), "is required");
                }
            }
            String json = values.isEmpty() ? null : write(values);
            if (json != null && json.length() > MAX_STORED) {
                in.error(FIELD, "the custom values together are longer than " + MAX_STORED + " characters");
                return stored;
            }
            return json;
        }

        /** The values of the active fields, in field order, for the JSON view. */
        Map<String, Object> view(String stored) {
            Map<String, Object> values = read(stored);
            Map<String, Object> shown = new LinkedHashMap<>();
            for (Field field : fields) {
                Object v = values.get(field.key());
                if (v != null) {
                    shown.put(field.key(), v);
                }
            }
            return shown;
        }

        /**
         * The condition of the {@code cf.<key>=value} query parameters (each an equality; text
         * ignores case), or null when there are none. Unknown fields and bad values answer 400.
         */
        Expression filter(StringProperty<String> column, MultivaluedMap<String, String> parameters) {
            Expression where = null;
            List<FieldError> errors = new ArrayList<>();
            for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
                if (!p.getKey().startsWith(PREFIX)) {
                    continue;
                }
                String key = p.getKey().substring(PREFIX.length());
                Field field = byKey.get(key);
                if (field == null) {
                    errors.add(new FieldError(p.getKey(), "is not a custom field of " + plural()));
                    continue;
                }
                for (String raw : p.getValue()) {
                    try {
                        Object value = field.value(raw, true);
                        where = Records.and(where, value == null ? absent(column, key) : equal(column, field, value));
                    } catch (IllegalArgumentException bad) {
                        errors.add(new FieldError(p.getKey(), bad.getMessage()));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw Problems.invalid(errors);
            }
            return where;
        }

        private static Expression equal(StringProperty<String> column, Field field, Object value) {
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
        List<String> columns() {
            return fields.stream().map(f -> PREFIX + f.key()).toList();
        }

        /** The CSV cells of the active fields, in {@link #columns()} order. */
        List<String> cells(String stored) {
            Map<String, Object> values = read(stored);
            return fields.stream().map(f -> f.text(values.get(f.key()))).toList();
        }

        boolean hasColumn(String column) {
            return column.startsWith(PREFIX) && byKey.containsKey(column.substring(PREFIX.length()));
        }

        /**
         * Converts a CSV row's custom columns into the body form ({@code customFields} values),
         * reporting bad cells on the reader. Empty cells are left out, as for the other columns.
         */
        Map<String, Object> fromCells(Map<String, String> cells, FieldReader errors) {
            Map<String, Object> values = new LinkedHashMap<>();
            cells.forEach((column, cell) -> {
                Field field = byKey.get(column.substring(PREFIX.length()));
                try {
                    Object value = field.value(cell, true);
                    if (value != null) {
                        values.put(field.key(), value);
                    }
                } catch (IllegalArgumentException bad) {
                    errors.error(FIELD + "." + field.key(), bad.getMessage());
                }
            });
            return values;
        }
    }

    /** The survivor's custom values, with the duplicate's where the survivor has none (merging). */
    static String unite(String survivor, String duplicate) {
        Map<String, Object> values = new TreeMap<>(read(duplicate));
        values.putAll(read(survivor));
        return values.isEmpty() ? null : write(values);
    }

    static Map<String, Object> read(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Map.of();
        }
        try {
            return CANONICAL.readValue(stored, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("A CUSTOM column holds malformed JSON", e);
        }
    }

    static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
