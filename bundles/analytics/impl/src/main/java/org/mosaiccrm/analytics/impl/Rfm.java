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
 * score and the best fifth scores 5. The quintiles are kept as their {@link Cuts}. The segment follows from R and F:
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

    /**
     * Where one measure's quintiles begin among the customers analysed, larger values better:
     * {@code values.get(s - 2)} is the ⌈(s − 1)·n / 5⌉-th smallest value, for s = 2 … 5. A value
     * that exceeds k of them has at least that many customers strictly below it for each, so its
     * score 1 + ⌊5 × below / n⌋ is 1 + k: four numbers score any customer as the whole sorted
     * list would, which is what a stored result keeps instead of every customer's scores.
     */
    record Cuts(List<BigDecimal> values) {

        static Cuts of(BigDecimal[] sorted) {
            return new Cuts(List.copyOf(positions(sorted.length).stream().map(k -> sorted[k]).toList()));
        }

        static Cuts of(long[] sorted) {
            return new Cuts(List.copyOf(positions(sorted.length).stream().map(k -> BigDecimal.valueOf(sorted[k])).toList()));
        }

        /** The indexes of the cuts in {@code n} sorted values: ⌈(s − 1)·n / 5⌉ − 1 for s = 2 … 5 (none without values). */
        private static List<Integer> positions(int n) {
            List<Integer> at = new ArrayList<>(4);
            for (int s = 2; s <= 5 && n > 0; s++) {
                at.add((int) (((long) (s - 1) * n + 4) / 5) - 1);
            }
            return at;
        }

        int score(BigDecimal value) {
            int score = 1;
            for (BigDecimal cut : values) {
                if (cut.compareTo(value) < 0) {
                    score++;
                }
            }
            return score;
        }
    }

    /**
     * The cuts of the three measures among {@code customers} customers as of a day: recency as
     * days since the last order negated (so that for all three a larger value is better),
     * frequency as orders, monetary as revenue.
     */
    record Model(long customers, Cuts recency, Cuts frequency, Cuts monetary) {

        Score score(CustomerFacts.Customer c, LocalDate asOf) {
            long days = ChronoUnit.DAYS.between(c.last, asOf);
            int r = recency.score(BigDecimal.valueOf(-days));
            int f = frequency.score(BigDecimal.valueOf(c.orders));
            int m = monetary.score(c.revenue);
            return new Score(c.id, r, f, m, days, c.orders, c.revenue, segment(r, f));
        }
    }

    /** The cuts among all these customers, as of a day (recency counted to it). */
    static Model model(Collection<CustomerFacts.Customer> customers, LocalDate asOf) {
        int n = customers.size();
        // Days and counts sorted as longs: sorting a hundred thousand BigDecimals three times was
        // most of a segmentation's time in Java.
        long[] recency = new long[n];
        long[] frequency = new long[n];
        BigDecimal[] monetary = new BigDecimal[n];
        int i = 0;
        for (CustomerFacts.Customer c : customers) {
            recency[i] = -ChronoUnit.DAYS.between(c.last, asOf);
            frequency[i] = c.orders;
            monetary[i] = c.revenue;
            i++;
        }
        Arrays.sort(recency);
        Arrays.sort(frequency);
        return new Model(n, Cuts.of(recency), Cuts.of(frequency), monetaryCuts(monetary));
    }

    /** The revenue's cuts, sorted as whole minor units at their largest scale when they fit a long (as money does), else as decimals. */
    private static Cuts monetaryCuts(BigDecimal[] revenue) {
        int scale = 0;
        for (BigDecimal r : revenue) {
            scale = Math.max(scale, r.scale());
        }
        long[] units = new long[revenue.length];
        try {
            for (int i = 0; i < revenue.length; i++) {
                units[i] = revenue[i].setScale(scale).unscaledValue().longValueExact();
            }
        } catch (ArithmeticException tooLarge) {
            Arrays.sort(revenue);
            return Cuts.of(revenue);
        }
        Arrays.sort(units);
        int s = scale;
        return new Cuts(Cuts.of(units).values().stream().map(u -> new BigDecimal(u.unscaledValue(), s)).toList());
    }

    /** The scores of every customer among them all, as of a day. */
    static Map<String, Score> scores(Collection<CustomerFacts.Customer> customers, LocalDate asOf) {
        return scores(model(customers, asOf), customers, asOf);
    }

    /** The scores of these customers by a model's cuts (computed among them, or earlier among all). */
    static Map<String, Score> scores(Model model, Collection<CustomerFacts.Customer> customers, LocalDate asOf) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (CustomerFacts.Customer c : customers) {
            scores.put(c.id, model.score(c, asOf));
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
}
