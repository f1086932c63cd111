package org.mosaiccrm.platform.persistence.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mosaiccrm.platform.api.events.RecordChange;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * Folds the changes of parts ({@code MosaicRecord.partOf}: an order's lines) into changes of
 * their wholes, for the change log and the record events (so the audit): an order imported with
 * five lines is one entry in each, holding the lines' values under {@code orderLine[<id>].<field>},
 * instead of six. A whole not changed itself in the transaction gets an "updated" change.
 * Table statistics still count the parts' own rows: they take the changes before folding.
 */
final class Parts {

    private Parts() {
    }

    static List<CommitEvent> fold(List<CommitEvent> events) {
        if (events.stream().noneMatch(e -> e.whole() != null)) {
            return events;
        }
        List<CommitEvent> out = new ArrayList<>(events.size());
        Map<String, Integer> wholes = new HashMap<>();
        for (CommitEvent e : events) {
            if (e.whole() == null) {
                wholes.putIfAbsent(key(e.module(), e.type(), e.id()), out.size());
                out.add(e);
            }
        }
        for (CommitEvent part : events) {
            if (part.whole() == null) {
                continue;
            }
            CommitEvent.Whole w = part.whole();
            String key = key(part.module(), w.type(), w.id());
            Integer at = wholes.get(key);
            if (at == null) {
                at = out.size();
                wholes.put(key, at);
                out.add(new CommitEvent(part.module(), w.type(), w.id(), RecordChange.UPDATED, List.of(), Map.of(), part.actor(), w.name()));
            }
            out.set(at, withPart(out.get(at), part));
        }
        return out;
    }

    /** The whole's change with the part's: the part named among the changed fields, its values under its path. */
    private static CommitEvent withPart(CommitEvent whole, CommitEvent part) {
        String path = Character.toLowerCase(part.type().charAt(0)) + part.type().substring(1) + "[" + part.id() + "]";
        List<String> fields = new ArrayList<>(whole.changedFields());
        fields.add(path);
        Map<String, List<String>> values = new LinkedHashMap<>(whole.values());
        String label = part.name() == null ? part.id() : part.name();
        switch (part.change()) {
            case CREATED -> values.put(path, Arrays.asList(null, label));
            case DELETED -> values.put(path, Arrays.asList(label, null));
            default -> {
            }
        }
        part.values().forEach((field, change) -> {
            if (!MosaicRecord.isInternal(field)) {
                values.put(path + "." + field, change);
            }
        });
        return new CommitEvent(whole.module(), whole.type(), whole.id(), whole.change(), fields, values, whole.actor(), whole.name());
    }

    private static String key(String module, String type, String id) {
        return module + '/' + type.toLowerCase(Locale.ROOT) + '/' + id;
    }
}
