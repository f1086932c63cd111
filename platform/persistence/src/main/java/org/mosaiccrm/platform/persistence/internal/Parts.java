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
        // Each whole's fields and values gathered once, its event built at the end: copying them
        // for every part cost the square of the parts (a campaign's thousand recipients a batch).
        List<Folded> out = new ArrayList<>(events.size());
        Map<String, Folded> wholes = new HashMap<>();
        for (CommitEvent e : events) {
            if (e.whole() == null) {
                Folded f = new Folded(e);
                wholes.putIfAbsent(key(e.module(), e.type(), e.id()), f);
                out.add(f);
            }
        }
        for (CommitEvent part : events) {
            if (part.whole() == null) {
                continue;
            }
            CommitEvent.Whole w = part.whole();
            Folded whole = wholes.computeIfAbsent(key(part.module(), w.type(), w.id()), k -> {
                Folded f = new Folded(new CommitEvent(part.module(), w.type(), w.id(), RecordChange.UPDATED, List.of(), Map.of(), part.actor(),
                        w.name()));
                out.add(f);
                return f;
            });
            whole.add(part);
        }
        List<CommitEvent> folded = new ArrayList<>(out.size());
        out.forEach(f -> folded.add(f.event()));
        return folded;
    }

    /** A whole's change with its parts' added: each part named among the changed fields, its values under its path. */
    private static final class Folded {
        private final CommitEvent whole;
        private List<String> fields;
        private Map<String, List<String>> values;

        Folded(CommitEvent whole) {
            this.whole = whole;
        }

        void add(CommitEvent part) {
            if (fields == null) {
                fields = new ArrayList<>(whole.changedFields());
                values = new LinkedHashMap<>(whole.values());
            }
            String path = Character.toLowerCase(part.type().charAt(0)) + part.type().substring(1) + "[" + part.id() + "]";
            fields.add(path);
            String label = part.name() == null ? part.id() : part.name();
            switch (part.change()) {
                case CREATED -> values.put(path, Arrays.asList(null, label));
                case DELETED -> values.put(path, Arrays.asList(label, null));
                default -> {
                }
            }
            part.values().forEach((field, change) -> {
                if (!MosaicRecord.isInternal(field) && !impliedByWhole(field, change)) {
                    values.put(path + "." + field, change);
                }
            });
        }

        /**
         * A part's value its whole already says: its link to the whole (an order line's order
         * id), and an owner or team the whole got the same way in the same change. Left out, an
         * order's entry holds what each line adds (its product, quantity, price) rather than the
         * same ids again on every line: an imported order's audit entry was 4.7 kB on average
         * and an order of nine lines passed the audit's 8,000 characters.
         */
        private boolean impliedByWhole(String field, List<String> change) {
            if (change.size() == 2 && whole.id().equals(change.get(1)) && (change.get(0) == null || whole.id().equals(change.get(0)))) {
                return true;
            }
            return change.equals(whole.values().get(field));
        }

        CommitEvent event() {
            return fields == null ? whole
                    : new CommitEvent(whole.module(), whole.type(), whole.id(), whole.change(), fields, values, whole.actor(), whole.name());
        }
    }

    private static String key(String module, String type, String id) {
        return module + '/' + type.toLowerCase(Locale.ROOT) + '/' + id;
    }
}
