package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loyalty over time: retention cohorts by the month of each customer's first order, each
 * customer's churn risk from their own buying rhythm, and historical lifetime value.
 */
final class Retention {

    /**
     * A cohort: its month, its customers, and for each month from the first ({@code retained[0]},
     * all of them) to the last month analysed, how many of them ordered in it.
     */
    record Cohort(String cohort, long size, List<Long> retained) {
    }

    /**
     * A customer's churn risk: their mean days between orders (first to last over orders − 1), days
     * since the last order, how many days past the usual interval that is (0 when not yet), and
     * the risk: {@code low} within the interval, {@code medium} up to twice it, {@code high} beyond;
     * {@code unknown} with a single order or all orders on one day (no rhythm to compare with).
     */
    record ChurnRisk(BigDecimal meanIntervalDays, long daysSinceLast, BigDecimal overdueDays, String risk) {
    }

    private Retention() {
    }

    /** The cohorts from the first month with a first order up to {@code until}, in order. */
    static List<Cohort> cohorts(Collection<CustomerFacts.Customer> customers, YearMonth until) {
        Map<YearMonth, List<CustomerFacts.Customer>> byCohort = new TreeMap<>();
        for (CustomerFacts.Customer c : customers) {
            byCohort.computeIfAbsent(YearMonth.from(c.first), k -> new ArrayList<>()).add(c);
        }
        List<Cohort> out = new ArrayList<>();
        byCohort.forEach((month, members) -> {
            List<Long> retained = new ArrayList<>();
            for (YearMonth m = month; !m.isAfter(until); m = m.plusMonths(1)) {
                YearMonth at = m;
                retained.add(members.stream().filter(c -> c.months.contains(at)).count());
            }
            out.add(new Cohort(month.toString(), members.size(), retained));
        });
        return out;
    }

    static ChurnRisk churn(CustomerFacts.Customer c, LocalDate asOf) {
        long since = ChronoUnit.DAYS.between(c.last, asOf);
        long span = ChronoUnit.DAYS.between(c.first, c.last);
        if (c.orders < 2 || span == 0) {
            return new ChurnRisk(null, since, null, "unknown");
        }
        BigDecimal interval = BigDecimal.valueOf(span).divide(BigDecimal.valueOf(c.orders - 1), 2, RoundingMode.HALF_EVEN);
        BigDecimal overdue = BigDecimal.valueOf(since).subtract(interval).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_EVEN);
        // Compared exactly: since / (span / (orders − 1)) against 1 and 2.
        BigDecimal ratioTimesSpan = BigDecimal.valueOf(since * (c.orders - 1));
        BigDecimal spanValue = BigDecimal.valueOf(span);
        String risk = ratioTimesSpan.compareTo(spanValue) <= 0 ? "low"
                : ratioTimesSpan.compareTo(spanValue.multiply(BigDecimal.valueOf(2))) <= 0 ? "medium" : "high";
        return new ChurnRisk(interval, since, overdue, risk);
    }
}
