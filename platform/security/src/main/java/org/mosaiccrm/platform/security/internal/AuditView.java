package org.mosaiccrm.platform.security.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.mosaiccrm.platform.api.persistence.MosaicRecord;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How an audit entry of a record change reads for people: the record's name as it was when
 * the change was written, and each changed field by its label, never the attributes nobody
 * typed (search text, sort keys, version and timestamps), also in entries written before they
 * were left out.
 */
final class AuditView {

    /** One changed field: its name, its label in the reader's language, and its values before and after (null for none). */
    record Change(String field, String label, String before, String after) {
    }

    /** What the entry's detail says, for people. */
    record Shown(String name, List<Change> changes, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditView() {
    }

    /**
     * The entry's detail (JSON, as the audit writer stored it) for people; {@code label} gives a
     * field's label in the reader's language, or null. Details that are not a record change's
     * stay as they are, with no changes.
     */
    static Shown of(String detail, Function<String, String> label) {
        if (detail == null || detail.isBlank() || !detail.startsWith("{")) {
            return new Shown(null, List.of(), detail);
        }
        Map<String, Object> values;
        try {
            values = JSON.readValue(detail, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (java.io.IOException e) {
            return new Shown(null, List.of(), detail);
        }
        String name = values.get("name") instanceof String s ? s : null;
        List<Change> changes = new ArrayList<>();
        if (values.get("changes") instanceof Map<?, ?> byField) {
            byField.forEach((field, pair) -> {
                String f = String.valueOf(field);
                if (!MosaicRecord.isInternal(f)) {
                    List<?> p = pair instanceof List<?> l ? l : List.of();
                    changes.add(new Change(f, labelOf(f, label), text(p, 0), text(p, 1)));
                }
            });
            values.put("changes", shownOnly((Map<?, ?>) values.get("changes")));
            if (values.get("omitted") instanceof Number omitted && omitted.intValue() > 0) {
                // Values the writer left out to keep the entry within its size (AuditLogImpl.fitted).
                changes.add(new Change("omitted", "…", null, "+" + omitted.intValue()));
            }
        } else if (values.get("fields") instanceof List<?> fields) {
            for (Object field : fields) {
                String f = String.valueOf(field);
                if (!MosaicRecord.isInternal(f)) {
                    changes.add(new Change(f, labelOf(f, label), null, null));
                }
            }
        }
        if (values.get("fields") instanceof List<?> fields) {
            values.put("fields", fields.stream().map(String::valueOf).filter(f -> !MosaicRecord.isInternal(f)).toList());
        }
        String cleaned;
        try {
            cleaned = JSON.writeValueAsString(values);
        } catch (java.io.IOException e) {
            cleaned = detail;
        }
        return new Shown(name, changes, cleaned);
    }

    private static Map<Object, Object> shownOnly(Map<?, ?> changes) {
        Map<Object, Object> shown = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if (!MosaicRecord.isInternal(String.valueOf(k))) {
                shown.put(k, v);
            }
        });
        return shown;
    }

    private static String labelOf(String field, Function<String, String> label) {
        java.util.regex.Matcher part = PART.matcher(field);
        if (part.matches()) {
            // A part's field (an order's line, "orderLine[<id>].quantity"): "Order line · Quantity" where both have labels.
            String whole = labelOf(part.group(1), label);
            return part.group(2) == null ? whole : whole + " · " + labelOf(part.group(2), label);
        }
        String text = label.apply(field);
        return text == null || text.isBlank() ? field : text;
    }

    /** A part's path in a whole's change ({@code MosaicRecord.partOf}): the part's type, its id, and the field if any. */
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile("(\\w+)\\[[^]]+](?:\\.(\\w+))?");

    private static String text(List<?> pair, int index) {
        return pair.size() > index && pair.get(index) != null ? String.valueOf(pair.get(index)) : null;
    }
}
