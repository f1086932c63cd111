package org.mosaiccrm.search.lucene.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a follower of the change log stands. Sequences are drawn when a transaction writes and
 * become visible when it commits, so a lower one can appear after a higher one, and a rolled
 * back transaction leaves a hole for good. The cursor reads forward from the highest sequence
 * seen, asks again for the holes below it, and gives a hole up only after {@code patience}.
 * {@link #watermark()} is the point up to which nothing is outstanding: what a commit of the
 * index records, and where a restart resumes (changes above it are applied again, which is harmless).
 */
final class ChangeCursor {

    /** Holes asked for again per poll. */
    static final int MAX_HOLES_ASKED = 500;

    private final Duration patience;
    private volatile long watermark;
    private long readUpTo;
    private final TreeMap<Long, Instant> holes = new TreeMap<>();
    private final TreeSet<Long> appliedAbove = new TreeSet<>();

    ChangeCursor(long start, Duration patience) {
        this.watermark = start;
        this.readUpTo = start;
        this.patience = patience;
    }

    long watermark() {
        return watermark;
    }

    /** The highest sequence read so far: the next poll asks for what lies above it. */
    long readUpTo() {
        return readUpTo;
    }

    /** Sequences below {@link #readUpTo()} not yet seen, the oldest first. */
    List<Long> holes() {
        List<Long> asked = new ArrayList<>();
        for (Long hole : holes.keySet()) {
            if (asked.size() == MAX_HOLES_ASKED) {
                break;
            }
            asked.add(hole);
        }
        return asked;
    }

    /** Records sequences as applied; those read forward must come in ascending order. */
    void applied(List<Long> sequences, Instant now) {
        for (long s : sequences) {
            if (s <= watermark) {
                continue;
            }
            holes.remove(s);
            appliedAbove.add(s);
            if (s > readUpTo) {
                for (long missing = readUpTo + 1; missing < s; missing++) {
                    holes.put(missing, now);
                }
                readUpTo = s;
            }
        }
        advance(now);
    }

    /** Moves the watermark over applied sequences and over holes older than the patience. */
    void advance(Instant now) {
        while (watermark < readUpTo) {
            long next = watermark + 1;
            if (appliedAbove.remove(next)) {
                watermark = next;
            } else if (holes.containsKey(next) && holes.get(next).plus(patience).isBefore(now)) {
                holes.remove(next);
                watermark = next;
            } else {
                break;
            }
        }
    }
}
