package org.mosaiccrm.platform.api.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;


/**
 * Reads and validates the fields of a request body (or of a CSV row mapped to field names)
 * against what the record declares: fields outside it are refused by name rather than ignored
 * (nothing a user typed is silently dropped, nothing is mass-assigned), and every bad value is
 * collected with its field name instead of stopping at the first, so that one 400 names them
 * all ({@link #requireValid()}).
 */
public final class FieldReader {

    public static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>(),;:]+@[^@\\s\"<>(),;:]+\\.[^@\\s\"<>(),;:]{2,}$");
    public static final Pattern PHONE = Pattern.compile("^[+0-9()\\-./ xXextEXT#*]{3,40}$");
    public static final Pattern DOMAIN = Pattern.compile("^(?!-)[\\p{L}0-9-]{1,63}(\\.[\\p{L}0-9-]{1,63})+$");

    private final Map<String, Object> values;
    private final List<FieldError> errors = new ArrayList<>();

    /** A reader of values already known to hold only allowed fields (a mapped CSV row, a service call). */
    public FieldReader(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * The body's fields: 400 for a missing or empty body, and for every field outside
     * {@code allowed}, each named ("is not a field of a person that can be changed").
     */
    public static FieldReader of(Map<String, Object> body, Set<String> allowed, String recordKind) {
        if (body == null || body.isEmpty()) {
            throw Problems.badRequest("bodyExpected", "A JSON object with the fields of the " + recordKind + " is expected.");
        }
        List<FieldError> refused = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                refused.add(FieldError.of(key, "unknownField", "is not a field of a " + recordKind + " that can be changed"));
            }
        }
        if (!refused.isEmpty()) {
            throw Problems.invalid(refused);
        }
        return new FieldReader(body);
    }

    /** The version an update is based on, from {@code If-Match} or the body's {@code version}; see {@link Versions}. */
    public Long expectedVersion(String ifMatch) {
        return Versions.expected(ifMatch, values.get("version"));
    }

    /** Records "is required" for the field unless it already has an error; for a value a reader returned as null. */
    public void required(String field) {
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            error(field, "required", "is required");
        }
    }

    /** An array of strings as given (not trimmed or deduplicated), or null when absent (an explicit null is an error). */
    public List<String> texts(String field) {
        if (!values.containsKey(field)) {
            return null;
        }
        Object v = values.get(field);
        if (!(v instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof String))) {
            error(field, "notStrings", "must be an array of strings");
            return null;
        }
        return list.stream().map(String.class::cast).toList();
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Object raw(String field) {
        return values.get(field);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Fails with 400 naming every bad field, if there is any. */
    public void requireValid() {
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }

    /** An error without a code (prefer {@link #error(String, String, String, Object...)}). */
    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** An error made elsewhere (by a custom field, say). */
    public void error(FieldError error) {
        errors.add(error);
    }

    /** An error with a code and its parameters (names and values in turn); see {@link FieldError}. */
    public void error(String field, String code, String message, Object... params) {
        errors.add(FieldError.of(field, code, message, params));
    }

    /** Text, trimmed, empty as null, at most {@code max} characters. */
    public String text(String field, int max) {
        String s = verbatim(field, Integer.MAX_VALUE);
        String t = s == null ? null : s.strip();
        return t == null || t.isEmpty() ? null : atMost(field, t, max);
    }

    /** Text exactly as typed (a note's body, a password): not trimmed, at most {@code max} characters. */
    public String verbatim(String field, int max) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            error(field, "notAString", "must be a string");
            return null;
        }
        return atMost(field, s, max);
    }

    private String atMost(String field, String s, int max) {
        if (s.codePointCount(0, s.length()) > max) {
            error(field, "tooLong", "is longer than " + max + " characters", "max", max);
            return null;
        }
        return s;
    }

    /**
     * One of the allowed values, matched ignoring case and answered as the allowed value is
     * written ("Lead" from a spreadsheet is {@code lead}).
     */
    public String choice(String field, Set<String> allowed) {
        String v = text(field, 100);
        if (v == null || allowed.contains(v)) {
            return v;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        error(field, "unknownChoice", "must be one of " + new java.util.TreeSet<>(allowed), "choices", String.join(", ", new java.util.TreeSet<>(allowed)));
        return null;
    }

    public Boolean flag(String field) {
        Object v = values.get(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        error(field, "notABoolean", "must be true or false");
        return null;
    }

    /** The first and last year a stored date may have: what Derby's and PostgreSQL's TIMESTAMP and DATE both hold. */
    public static final int FIRST_YEAR = 1;
    public static final int LAST_YEAR = 9999;
    /** What a date outside them is told. */
    public static final String OUT_OF_RANGE = "must lie between the years " + FIRST_YEAR + " and " + LAST_YEAR;

    /** Records that the field's date lies outside the years a date may have. */
    public void outOfRange(String field) {
        error(field, "dateOutOfRange", OUT_OF_RANGE, "first", FIRST_YEAR, "last", LAST_YEAR);
    }

    /** Whether a date of this year can be stored (see {@link #FIRST_YEAR}). */
    public static boolean storable(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    public LocalDateTime instant(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        try {
            LocalDateTime at = LocalDateTime.ofInstant(Instant.parse(String.valueOf(v)), ZoneOffset.UTC);
            if (!storable(at.getYear())) {
                outOfRange(field);
                return null;
            }
            return at;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            error(field, "notAnInstant", "must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
            return null;
        }
    }

    /** A calendar date such as {@code 2026-12-31} (ISO 8601, no time), or null when absent. */
    public java.time.LocalDate date(String field) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        try {
            java.time.LocalDate date = java.time.LocalDate.parse(String.valueOf(v).strip());
            if (!storable(date.getYear())) {
                outOfRange(field);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            error(field, "notADate", "must be a date such as 2026-12-31");
            return null;
        }
    }

    /**
     * Tags: trimmed, at most 50 of at most 50 characters, distinct ignoring case ("VIP" and
     * "vip" are one tag, kept as first written), as tag filters compare them.
     */
    public List<String> tags(String field) {
        Set<String> seen = new java.util.HashSet<>();
        return distinct(field, 50, 50, "tag").stream().filter(t -> seen.add(t.toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** Distinct trimmed strings: at most {@code maxCount} of at most {@code maxLength} characters. */
    public List<String> distinct(String field, int maxCount, int maxLength, String what) {
        Object v = values.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            error(field, "notStrings", "must be an array of strings");
            return List.of();
        }
        Set<String> items = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.strip().length() > maxLength) {
                error(field, "badItem", "holds a " + what + " that is empty, not a string, or longer than " + maxLength + " characters", "max", maxLength);
                return List.of();
            }
            items.add(s.strip());
        }
        if (items.size() > maxCount) {
            error(field, "tooManyItems", "has more than " + maxCount + " " + what + "s", "max", maxCount);
        }
        return List.copyOf(items);
    }

    /**
     * An ISO-8601 duration ({@code P7D}, {@code PT1H}) from one second to {@code max}, or
     * {@code otherwise} when absent; a bad one is named and {@code otherwise} returned. An
     * invitation link's {@code validFor}, say.
     *
     * @since 2.4
     */
    public java.time.Duration duration(String field, java.time.Duration otherwise, java.time.Duration max) {
        String text = text(field, 40);
        if (text == null) {
            return otherwise;
        }
        try {
            java.time.Duration d = java.time.Duration.parse(text);
            if (!d.isNegative() && !d.isZero() && d.compareTo(max) <= 0) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        error(field, "notADuration", "must be an ISO-8601 duration from PT1S to " + iso(max) + ", such as " + iso(otherwise),
                "max", iso(max));
        return otherwise;
    }

    /** Whole days as {@code P7D} (what people write), anything else as {@link java.time.Duration#toString}. */
    private static String iso(java.time.Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /** A whole number between {@code min} and {@code max}, or null when absent. */
    public Integer integer(String field, int min, int max) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer n) || n < min || n > max) {
            error(field, "notInRange", "must be a whole number between " + min + " and " + max, "min", min, "max", max);
            return null;
        }
        return n;
    }

    /**
     * Labelled values such as emails ({@code {"address","label"}}) or phones
     * ({@code {"number","label"}}); a plain string is taken as the value without a label.
     */
    public List<Map<String, String>> labelled(String field, String valueKey, Pattern valid, int max, String what) {
        Object v = values.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            error(field, "notAnArray", "must be an array");
            return List.of();
        }
        if (list.size() > 10) {
            error(field, "tooManyItems", "has more than 10 entries", "max", 10);
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String value;
            String label = null;
            if (item instanceof String s) {
                value = s;
            } else if (item instanceof Map<?, ?> m) {
                for (Object key : m.keySet()) {
                    if (!valueKey.equals(key) && !"label".equals(key)) {
                        error(field + "[" + i + "]." + key, "unknownField", "is not a field of " + what);
                    }
                }
                value = m.get(valueKey) instanceof String s ? s : null;
                label = m.get("label") instanceof String s ? s.strip() : null;
            } else {
                error(field + "[" + i + "]", "notAnObjectOrString", "must be an object or a string");
                continue;
            }
            if (value == null || value.isBlank() || value.strip().length() > max || !valid.matcher(value.strip()).matches()) {
                error(field + "[" + i + "]." + valueKey, valid == EMAIL ? "notAnEmail" : valid == PHONE ? "notAPhone" : "invalidValue", "is not a valid " + what);
                continue;
            }
            if (label != null && label.length() > 30) {
                error(field + "[" + i + "].label", "tooLong", "is longer than 30 characters", "max", 30);
                continue;
            }
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(valueKey, value.strip());
            entry.put("label", label == null || label.isEmpty() ? null : label);
            out.add(entry);
        }
        return out;
    }

    public static final Set<String> ADDRESS_FIELDS = Set.of("label", "street", "city", "region", "postalCode", "country");

    public List<Map<String, String>> addresses(String field) {
        Object v = values.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.size() > 10) {
            error(field, "notAddresses", "must be an array of at most 10 addresses", "max", 10);
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                error(field + "[" + i + "]", "notAnObject", "must be an object");
                continue;
            }
            Map<String, String> address = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!ADDRESS_FIELDS.contains(key)) {
                    error(field + "[" + i + "]." + key, "unknownField", "is not a field of an address; use " + ADDRESS_FIELDS);
                } else if (e.getValue() != null && (!(e.getValue() instanceof String s) || s.length() > 200)) {
                    error(field + "[" + i + "]." + key, "tooLong", "must be a string of at most 200 characters", "max", 200);
                } else if (e.getValue() != null) {
                    address.put(key, ((String) e.getValue()).strip());
                }
            }
            out.add(address);
        }
        return out;
    }
}
