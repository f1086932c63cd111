package org.mosaiccrm.platform.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a PATCH: only the fields present change. Fields a client may not change are
 * refused by name rather than ignored, so that nothing a user typed is silently dropped and
 * nothing may be mass-assigned.
 */
public final class PatchBody {

    private final Map<String, Object> fields;

    private PatchBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** 400 for a missing body, and for every field outside {@code changeable}, each named. */
    public static PatchBody of(Map<String, Object> body, Set<String> changeable, String recordKind) {
        if (body == null || body.isEmpty()) {
            throw Problems.badRequest("A JSON object with the fields to change is expected.");
        }
        List<FieldError> refused = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!changeable.contains(key)) {
                refused.add(new FieldError(key, "is not a field of a " + recordKind + " that can be changed"));
            }
        }
        if (!refused.isEmpty()) {
            throw Problems.invalid(refused);
        }
        return new PatchBody(body);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Object raw(String field) {
        return fields.get(field);
    }

    /** The field as text (null allowed); 400 when it is another JSON type. */
    public String text(String field) {
        Object value = fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw Problems.invalid(field, "must be a string");
        }
        return (String) value;
    }

    /** The field as true/false; 400 otherwise. */
    public boolean flag(String field) {
        if (!(fields.get(field) instanceof Boolean value)) {
            throw Problems.invalid(field, "must be true or false");
        }
        return value;
    }

    /** The field as an array of strings; 400 otherwise. */
    public List<String> texts(String field) {
        if (!(fields.get(field) instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
            throw Problems.invalid(field, "must be an array of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** The expected version from {@code If-Match} or the body's {@code version}; see {@link Versions}. */
    public Long expectedVersion(String ifMatch) {
        return Versions.expected(ifMatch, fields.get("version"));
    }
}
