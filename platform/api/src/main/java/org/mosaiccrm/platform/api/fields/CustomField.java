package org.mosaiccrm.platform.api.fields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * One active custom field of an entity, and how its values are checked: {@link #value} turns
 * what a client sent (JSON, or text from a CSV cell or a query parameter) into the stored form
 * or says what is wrong with it, so that the form, the filter and the import agree on one rule.
 */
public record CustomField(String key, String label, FieldType type, List<String> choices, boolean required) {

    /** The longest text value, in characters. */
    public static final int MAX_TEXT = 1000;

    public CustomField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * The stored form of a value from JSON (or, with {@code fromText}, from a CSV cell or a
     * query parameter; blank is then no value), null for no value, or an
     * {@link IllegalArgumentException} whose message completes "the field ...".
     */
    public Object value(Object raw, boolean fromText) {
        if (raw == null || (fromText && raw instanceof String s && s.isBlank())) {
            return null;
        }
        return switch (type) {
            case TEXT -> {
                String s = string(raw).strip();
                if (s.codePointCount(0, s.length()) > MAX_TEXT) {
                    throw new InvalidValueException("tooLong", "is longer than " + MAX_TEXT + " characters", "max", MAX_TEXT);
                }
                yield s.isEmpty() ? null : s;
            }
            case NUMBER -> number(raw, fromText);
            case DATE -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(string(raw).strip());
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("notADate", "must be a date such as 2026-11-29");
                }
                if (!FieldReader.storable(date.getYear())) {
                    throw new InvalidValueException("dateOutOfRange", FieldReader.OUT_OF_RANGE, "first", FieldReader.FIRST_YEAR,
                            "last", FieldReader.LAST_YEAR);
                }
                yield date.toString();
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                String s = fromText ? string(raw).strip().toLowerCase(Locale.ROOT) : "";
                if (s.equals("true") || s.equals("false")) {
                    yield Boolean.valueOf(s);
                }
                throw new InvalidValueException("notABoolean", "must be true or false");
            }
            case CHOICE -> {
                // Matched ignoring case, stored as the choice is written.
                String s = string(raw).strip();
                yield choices.stream().filter(c -> c.equals(s)).findFirst()
                        .or(() -> choices.stream().filter(c -> c.equalsIgnoreCase(s)).findFirst())
                        .orElseThrow(() -> new InvalidValueException("unknownChoice", "must be one of " + choices, "choices",
                                String.join(", ", choices)));
            }
        };
    }

    private String string(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        throw type == FieldType.DATE ? new InvalidValueException("notADate", "must be a string such as 2026-11-29")
                : new InvalidValueException("notAString", "must be a string");
    }

    /** Numbers are decimals, never floating point: at most 18 digits before and 10 after the point, trailing zeros dropped. */
    private static BigDecimal number(Object raw, boolean fromText) {
        BigDecimal n;
        try {
            if (raw instanceof Number number && !(raw instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                n = new BigDecimal(number.toString());
            } else if (fromText && raw instanceof String s) {
                n = new BigDecimal(s.strip());
            } else {
                throw new InvalidValueException("notANumber", "must be a number");
            }
        } catch (NumberFormatException e) {
            throw new InvalidValueException("notANumber", "must be a number such as 12.5");
        }
        if (n.precision() - n.scale() > 18 || n.scale() > 10) {
            throw new InvalidValueException("decimalDigits", "must have at most 18 digits before and 10 after the decimal point",
                    "before", 18, "after", 10);
        }
        n = n.stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    /** The text of a stored value in a CSV cell. */
    public String text(Object stored) {
        if (stored == null) {
            return "";
        }
        return stored instanceof BigDecimal n ? n.toPlainString() : String.valueOf(stored);
    }
}
