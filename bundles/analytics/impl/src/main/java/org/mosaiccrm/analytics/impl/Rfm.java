package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFM segmentation: each customer scores 1 to 5 on recency (days since the last order, fewer is
 * better), frequency (orders) and monetary value (revenue), by quintile among all customers
 * analysed: a score is 1 + ⌊5 × (customers strictly worse) / customers⌋, so equal values share a
 * score and the best fifth scores 5. The segment follows from R and F:
 * <ul>
 * <li>Champions: R ≥ 4 and F ≥ 4 — bought lately and often;</li>
 * <li>Loyal: R ≥ 3 and F ≥ 3;</li>
 * <li>Promising: R ≥ 3 and F ≤ 2 — lately, but seldom;</li>
 * <li>At risk: R ≤ 2 and F ≥ 3 — often, but not lately;</li>
 * <li>Hibernating: R ≤ 2 and F ≤ 2.</li>
 * </ul>
 */
final class Rfm {

    static final List<String> SEGMENTS = List.of("Champions", "Loyal", "Promising", "At risk", "Hibernating");

    /** One customer's scores and the figures they come from. */
    record Score(String customerId, int r, int f, int m, long recencyDays, long orders, BigDecimal revenue, String segment) {
    }

    /** A segment's size and revenue. */
    record Segment(String name, long customers, BigDecimal revenue) {
    }

    private Rfm() {
    }

    static String segment(int r, int f) {
        if (r >= 3) {
            return f >= 4 && r >= 4 ? "Champions" : f >= 3 ? "Loyal" : "Promising";
        }
        return f >= 3 ? "At risk" : "Hibernating";
    }

    /** The scores of every customer, as of a day (recency counted to it). */
    static Map<String, Score> scores(Collection<CustomerFacts.Customer> customers, LocalDate asOf) {
        int n = customers.size();
        // Recency negated, so that for all three a larger value is better.
        double[] recency = new double[n];
        double[] frequency = new double[n];
        BigDecimal[] monetary = new BigDecimal[n];
        int i = 0;
        for (CustomerFacts.Customer c : customers) {
            recency[i] = -ChronoUnit.DAYS.between(c.last, asOf);
            frequency[i] = c.orders;
            monetary[i] = c.revenue;
            i++;
        }
        double[] sortedR = recency.clone();
        double[] sortedF = frequency.clone();
        BigDecimal[] sortedM = monetary.clone();
        Arrays.sort(sortedR);
        Arrays.sort(sortedF);
        Arrays.sort(sortedM);
        Map<String, Score> scores = new LinkedHashMap<>();
        i = 0;
        for (CustomerFacts.Customer c : customers) {
            int r = quintile(lowerBound(sortedR, recency[i]), n);
            int f = quintile(lowerBound(sortedF, frequency[i]), n);
            int m = quintile(lowerBound(sortedM, monetary[i]), n);
            scores.put(c.id, new Score(c.id, r, f, m, (long) -recency[i], c.orders, c.revenue, segment(r, f)));
            i++;
        }
        return scores;
    }

    /** The segments in their fixed order, each with its customers and revenue (zero when empty). */
    static List<Segment> segments(Collection<Score> scores) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        SEGMENTS.forEach(s -> {
            counts.put(s, new long[1]);
            revenue.put(s, BigDecimal.ZERO);
        });
        for (Score s : scores) {
            counts.get(s.segment())[0]++;
            revenue.merge(s.segment(), s.revenue(), BigDecimal::add);
        }
        List<Segment> out = new ArrayList<>();
        SEGMENTS.forEach(s -> out.add(new Segment(s, counts.get(s)[0], revenue.get(s))));
        return out;
    }

    private static int quintile(int below, int n) {
        return 1 + (int) (5L * below / n);
    }

    /** How many values are strictly less than {@code v}. */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(BigDecimal[] sorted, BigDecimal v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].compareTo(v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
