package org.mosaiccrm.search.lucene.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A rebuild under way: the record types still to page through, where it stands, and why it runs. */
final class Rebuild {

    final String reason;
    final String generation;
    /** Every type from scratch (at start-up or on request), rather than the first indexing of a newly arrived type. */
    final boolean full;
    final Instant startedAt = Instant.now();
    private final Deque<String> queue = new ArrayDeque<>();
    private final List<String> covered = new ArrayList<>();
    String afterId;
    long done;
    long total;

    Rebuild(String reason, String generation, boolean full) {
        this.reason = reason;
        this.generation = generation;
        this.full = full;
    }

    void add(String type, long count) {
        if (!covers(type)) {
            queue.add(type);
            covered.add(type);
            total += count;
        }
    }

    boolean covers(String type) {
        return covered.contains(type);
    }

    /** The type being paged through, null when every type is done. */
    String currentType() {
        return queue.peek();
    }

    void typeDone() {
        queue.poll();
        afterId = null;
    }

    /** The type went away (its module was disabled) before it was done: it is not covered. */
    void typeDropped() {
        covered.remove(queue.poll());
        afterId = null;
    }

    List<String> covered() {
        return covered;
    }
}
