package org.mosaiccrm.campaigns.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * The fields of a web form: each fills a field of the person (or lead) it makes, with the label
 * the visitor sees and whether it must be filled. The visitor's email is what finds the person,
 * so every form asks for it.
 */
final class FormFields {

    /** A field of the form: {@code field} is also the submitted parameter's name. */
    record FormField(String field, String label, boolean required) {
    }

    /** What a form may ask for, in the order a snippet shows them. */
    static final List<String> KNOWN = List.of("firstName", "lastName", "email", "phone", "company", "jobTitle", "message");
    /** Longest value per field a submission may carry. */
    static final Map<String, Integer> MAX = Map.of("firstName", 100, "lastName", 100, "email", 320, "phone", 50, "company", 200,
            "jobTitle", 150, "message", 5000);

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormFields() {
    }

    /** The body's {@code fields}, checked; errors named {@code fields[i].…}. */
    static List<FormField> read(FieldReader in) {
        Object raw = in.raw("fields");
        List<FormField> fields = new ArrayList<>();
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            in.error("fields", "must list the form's fields, e.g. [{\"field\":\"email\",\"label\":\"Email\",\"required\":true}]");
            return fields;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                in.error("fields[" + i + "]", "must be an object {\"field\",\"label\",\"required\"}");
                continue;
            }
            @SuppressWarnings("unchecked")
            FieldReader f = FieldReader.of((Map<String, Object>) m, Set.of("field", "label", "required"), "field");
            String field = f.text("field", 40);
            String label = f.text("label", 200);
            Boolean required = f.flag("required");
            if (field == null) {
                f.required("field");
            } else if (!KNOWN.contains(field)) {
                f.error("field", "must be one of " + KNOWN);
            } else if (!seen.add(field)) {
                f.error("field", "is on the form twice");
            }
            if (label == null) {
                f.required("label");
            }
            String at = "fields[" + i + "].";
            f.errors().forEach(e -> in.error(at + e.field(), e.message()));
            if (f.errors().isEmpty()) {
                fields.add(new FormField(field, label, "email".equals(field) || Boolean.TRUE.equals(required)));
            }
        }
        if (in.errors().stream().noneMatch(e -> e.field().startsWith("fields")) && !seen.contains("email")) {
            in.error("fields", "must ask for the email: it is what finds the person");
        }
        return fields;
    }

    static String write(List<FormField> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<FormField> parse(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<FormField>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored form's fields are not readable", e);
        }
    }

    /** The tags a form adds, as kept in CA_FORM.TAGS. */
    static String tagsJson(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags == null ? List.of() : tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> tags(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored form's tags are not readable", e);
        }
    }
}
