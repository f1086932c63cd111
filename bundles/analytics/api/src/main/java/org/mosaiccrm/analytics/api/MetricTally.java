package org.mosaiccrm.analytics.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up a metric's figures per bucket, dimension value and currency as a module reads its
 * records, so that every module buckets and sums the same way: moments outside the query's range
 * are left out, money is never added across currencies.
 */
public final class MetricTally {

    private static final Comparator<List<String>> ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private final MetricQuery query;
    private final Map<List<String>, BigDecimal> sums = new TreeMap<>(ORDER);

    public MetricTally(MetricQuery query) {
        this.query = query;
    }

    /** Counts one record at its moment. */
    public void count(Instant moment, String key) {
        add(moment, key, null, BigDecimal.ONE);
    }

    /** Adds a value at its moment (a money amount with its currency, or a count with a null currency). */
    public void add(Instant moment, String key, String currency, BigDecimal value) {
        if (moment == null || value == null || !query.covers(moment)) {
            return;
        }
        sums.merge(Arrays.asList(query.bucketOf(moment), query.dimension() == null ? null : key, currency), value, BigDecimal::add);
    }

    /**
     * Each figure of {@code divisors} divides the figure of {@code dividends} with the same
     * bucket, key and currency (none there: zero), to {@code scale} decimals (half even), in the
     * divisors' order: a rate from two counts (opened ÷ delivered: where some were delivered and
     * none opened, 0), an average from a sum and a count. A zero divisor has no quotient.
     *
     * @since 1.1
     */
    public static List<MetricPoint> quotients(List<MetricPoint> dividends, List<MetricPoint> divisors, int scale) {
        Map<List<String>, BigDecimal> by = new TreeMap<>(ORDER);
        dividends.forEach(p -> by.put(Arrays.asList(p.bucket(), p.key(), p.currency()), p.value()));
        List<MetricPoint> out = new ArrayList<>();
        for (MetricPoint d : divisors) {
            if (d.value().signum() != 0) {
                BigDecimal dividend = by.getOrDefault(Arrays.asList(d.bucket(), d.key(), d.currency()), BigDecimal.ZERO);
                out.add(new MetricPoint(d.bucket(), d.key(), d.currency(), dividend.divide(d.value(), scale, java.math.RoundingMode.HALF_EVEN)));
            }
        }
        return out;
    }

    /** The figures in order of bucket, key and currency. */
    public List<MetricPoint> points() {
        List<MetricPoint> points = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> points.add(new MetricPoint(k.get(0), k.get(1), k.get(2), v)));
        return points;
    }
}
