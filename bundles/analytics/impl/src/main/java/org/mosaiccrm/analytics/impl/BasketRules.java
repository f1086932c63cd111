package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Association rules over baskets: from every frequent itemset of two or more items, each split
 * into a non-empty antecedent and consequent makes a rule, kept when its confidence reaches the
 * minimum. For {@code n} transactions, support = count(A ∪ C) / n, confidence = count(A ∪ C) /
 * count(A), lift = confidence / (count(C) / n). The counts come from FP-growth, so the figures
 * are exact ratios of true counts (computed to 16 significant digits).
 */
final class BasketRules {

    /** A rule; items in their natural order. */
    record Rule(List<String> antecedent, List<String> consequent, long count, BigDecimal support, BigDecimal confidence,
            BigDecimal lift) {
    }

    /** The rules and how many transactions they were counted over. */
    record Result(long transactions, List<Rule> rules) {
    }

    /** What the rules may be sorted by, each descending, then by items for a stable order. */
    enum Sort {
        LIFT, CONFIDENCE, SUPPORT, COUNT;

        Comparator<Rule> comparator() {
            Comparator<Rule> by = switch (this) {
                case LIFT -> Comparator.comparing(Rule::lift);
                case CONFIDENCE -> Comparator.comparing(Rule::confidence);
                case SUPPORT, COUNT -> Comparator.comparingLong(Rule::count);
            };
            return by.reversed().thenComparing(Rule::antecedent, FpGrowth.ITEMS).thenComparing(Rule::consequent, FpGrowth.ITEMS);
        }
    }

    private BasketRules() {
    }

    /** The rules whose antecedent holds the SKU: what is bought together with that product. */
    static Predicate<Rule> withAntecedentItem(String sku) {
        return r -> r.antecedent().contains(sku);
    }

    /**
     * The rules that speak to a customer who bought these SKUs: every product of the antecedent
     * bought, and something of the consequent not yet (a rule that only names what they have says
     * nothing new about them).
     */
    static Predicate<Rule> forBuyerOf(Set<String> bought) {
        return r -> bought.containsAll(r.antecedent()) && !bought.containsAll(r.consequent());
    }

    /**
     * The rules of at most {@code maxLength} items (antecedent and consequent together) whose
     * support reaches {@code minSupport} and confidence {@code minConfidence}, sorted.
     */
    static Result of(Collection<? extends Collection<String>> transactions, BigDecimal minSupport, BigDecimal minConfidence, int maxLength,
            Sort sort) {
        return of(Baskets.of(transactions), minSupport, minConfidence, maxLength, sort);
    }

    /** As above, over coded transactions. */
    static Result of(Baskets transactions, BigDecimal minSupport, BigDecimal minConfidence, int maxLength, Sort sort) {
        long n = transactions.size();
        if (n == 0) {
            return new Result(0, List.of());
        }
        Map<List<String>, Long> counts = FpGrowth.frequentItemsets(transactions, FpGrowth.minCount(minSupport, n), maxLength);
        BigDecimal total = BigDecimal.valueOf(n);
        List<Rule> rules = new ArrayList<>();
        counts.forEach((items, count) -> {
            int size = items.size();
            if (size < 2) {
                return;
            }
            // Every bit mask but none and all picks an antecedent; the rest is the consequent.
            for (int mask = 1; mask < (1 << size) - 1; mask++) {
                List<String> antecedent = new ArrayList<>();
                List<String> consequent = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    ((mask & (1 << i)) != 0 ? antecedent : consequent).add(items.get(i));
                }
                BigDecimal c = BigDecimal.valueOf(count);
                BigDecimal ofAntecedent = BigDecimal.valueOf(counts.get(antecedent));
                // count / count(A) >= minConfidence, compared without a division's rounding.
                if (c.compareTo(minConfidence.multiply(ofAntecedent)) < 0) {
                    continue;
                }
                BigDecimal confidence = c.divide(ofAntecedent, MathContext.DECIMAL64);
                // lift = (count / count(A)) / (count(C) / n) = count × n / (count(A) × count(C)), in one division.
                BigDecimal lift = c.multiply(total).divide(BigDecimal.valueOf(counts.get(antecedent))
                        .multiply(BigDecimal.valueOf(counts.get(consequent))), MathContext.DECIMAL64);
                rules.add(new Rule(List.copyOf(antecedent), List.copyOf(consequent), count, c.divide(total, MathContext.DECIMAL64),
                        confidence, lift));
            }
        });
        rules.sort(sort.comparator());
        return new Result(n, rules);
    }
}
