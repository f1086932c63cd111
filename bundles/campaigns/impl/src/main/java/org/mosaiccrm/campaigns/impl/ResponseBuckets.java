package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Responses over time: how many recipients opened, clicked, replied, bounced, unsubscribed or
 * became interested in each hour or day (UTC), counted from each recipient's first time of that
 * response. The buckets run without gaps from the first response to the last, so a chart's
 * axis is time; a span too long for hours is refused rather than answered with thousands of bars.
 */
final class ResponseBuckets {

    /** The responses counted, in the order a chart shows them. */
    static final List<String> SERIES = List.of("opened", "clicked", "replied", "bounced", "unsubscribed", "interested");
    /** The most buckets one answer holds. */
    static final int MAX_BUCKETS = 1000;

    /** One bucket: its start and the count of each response in it. */
    record Point(Instant at, Map<String, Integer> counts) {
    }

    private ResponseBuckets() {
    }

    /** The unit of {@code bucket} ({@code hour} or {@code day}), or null when it is neither. */
    static ChronoUnit unit(String bucket) {
        return switch (bucket == null ? "day" : bucket) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> null;
        };
    }

    /**
     * The buckets of {@code times}: one row per recipient, its times in {@link #SERIES} order
     * (null where that response never came). Empty when nothing came; null when the span needs
     * more than {@link #MAX_BUCKETS} buckets of {@code unit}.
     */
    static List<Point> count(List<Instant[]> times, ChronoUnit unit) {
        TreeMap<Instant, int[]> byStart = new TreeMap<>();
        for (Instant[] row : times) {
            for (int i = 0; i < SERIES.size(); i++) {
                if (row[i] != null) {
                    byStart.computeIfAbsent(row[i].truncatedTo(unit), k -> new int[SERIES.size()])[i]++;
                }
            }
        }
        if (byStart.isEmpty()) {
            return List.of();
        }
        Instant first = byStart.firstKey();
        Instant last = byStart.lastKey();
        if (unit.between(first, last) >= MAX_BUCKETS) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        for (Instant at = first; !at.isAfter(last); at = at.plus(1, unit)) {
            int[] n = byStart.getOrDefault(at, new int[SERIES.size()]);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < SERIES.size(); i++) {
                counts.put(SERIES.get(i), n[i]);
            }
            points.add(new Point(at, counts));
        }
        return points;
    }
}
