package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * The query parameters of one analytics request, checked together: unknown names are refused
 * (a misspelt filter must not silently widen an answer), and every bad value is named in one
 * problem with its field.
 */
final class Params {

    private final Map<String, List<String>> query;
    private final List<FieldError> errors = new ArrayList<>();

    Params(Map<String, List<String>> query, Set<String> allowed) {
        this.query = query;
        for (String name : new TreeSet<>(query.keySet())) {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, "is not a parameter here; known are " + String.join(", ", new TreeSet<>(allowed))));
            } else if (query.get(name).size() > 1) {
                errors.add(new FieldError(name, "is given more than once"));
            }
        }
    }

    String text(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).strip();
    }

    void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    LocalDate date(String name, LocalDate otherwise) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(name, "must be a date such as 2026-12-31");
            return otherwise;
        }
    }

    /** A record id, checked for its form only (an id outside the user's reach simply matches nothing). */
    String id(String name) {
        String text = text(name);
        if (text != null && !RecordIds.isWellFormed(text)) {
            error(name, "must be a record id");
            return null;
        }
        return text;
    }

    /** A decimal in [min, max]. */
    BigDecimal decimal(String name, BigDecimal otherwise, BigDecimal min, boolean minIncluded, BigDecimal max) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            int low = value.compareTo(min);
            if (low < 0 || (low == 0 && !minIncluded) || value.compareTo(max) > 0) {
                error(name, "must be a number " + (minIncluded ? "from " : "above ") + min.toPlainString() + " to " + max.toPlainString());
                return otherwise;
            }
            return value;
        } catch (NumberFormatException e) {
            error(name, "must be a decimal number such as 0.05");
            return otherwise;
        }
    }

    int integer(String name, int otherwise, int min, int max) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                error(name, "must be a whole number from " + min + " to " + max);
                return otherwise;
            }
            return value;
        } catch (NumberFormatException e) {
            error(name, "must be a whole number from " + min + " to " + max);
            return otherwise;
        }
    }

    /** One of the choices, or {@code otherwise} when left out. */
    String choice(String name, String otherwise, List<String> choices) {
        String text = text(name);
        if (text == null) {
            return otherwise;
        }
        if (!choices.contains(text)) {
            error(name, "must be one of " + String.join(", ", choices));
            return otherwise;
        }
        return text;
    }

    /** Checks the parameter {@code format}: csv, or left out. */
    boolean csv() {
        return choice("format", null, List.of("csv")) != null;
    }

    /** Fails with 400 naming every bad parameter, if any. */
    void requireValid() {
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
    }
}
