package org.mosaiccrm.platform.api.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid field of a request: its JSON name (dotted for nested fields) and why it was
 * refused, in English as the code says it. A {@code code} (e.g. {@code required},
 * {@code tooLong}) with its {@code params} (e.g. {@code max}) names the reason for clients and
 * for the platform, which answers {@code message} in the request's language: the platform's
 * codes are single words, a module's start with its id and a dot and are keys of its UI
 * messages. Errors without a code keep their English message.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FieldError(String field, String message, String code, Map<String, Object> params) {

    public FieldError {
        params = params == null || params.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An error without a code: its English message is all there is. */
    public FieldError(String field, String message) {
        this(field, message, null, null);
    }

    /** An error with a code; {@code params} are names and values in turn ({@code "max", 100}). */
    public static FieldError of(String field, String code, String message, Object... params) {
        return new FieldError(field, message, code, Problems.params(params));
    }

    /** The same error with its message said otherwise (in another language). */
    public FieldError withMessage(String text) {
        return new FieldError(field, text, code, params);
    }
}
