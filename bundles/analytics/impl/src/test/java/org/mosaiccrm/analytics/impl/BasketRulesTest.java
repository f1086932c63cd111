package org.mosaiccrm.analytics.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** FP-growth and the rules against figures computed by hand and against brute-force counting. */
class BasketRulesTest {

    /** Seven baskets: A 5, B 5, C 4, D 3; AB 4, AC 3, BC 3, AD 2, BD 2, CD 1; ABC 2, ABD 2. */
    private static final List<Set<String>> BASKETS = List.of(Set.of("A", "B", "C"), Set.of("A", "B"), Set.of("A", "C"), Set.of("B", "C"),
            Set.of("A", "B", "C", "D"), Set.of("D"), Set.of("A", "B", "D"));

    private static BasketRules.Rule rule(BasketRules.Result result, List<String> antecedent, List<String> consequent) {
        return result.rules().stream().filter(r -> r.antecedent().equals(antecedent) && r.consequent().equals(consequent)).findFirst()
                .orElse(null);
    }

    private static void assertClose(double expected, BigDecimal actual, String what) {
        assertEquals(expected, actual.doubleValue(), 5e-7, what);
    }

    @Test
    void minimumSupportIsAFractionNotARoundedCount() {
        // 0.3 × 7 = 2.1: an itemset needs 3 baskets. Rounding 2.1 to 2 would let AD, BD, ABC and ABD in (2/7 = 0.2857 < 0.3).
        assertEquals(3, FpGrowth.minCount(new BigDecimal("0.3"), 7));
        Map<List<String>, Long> frequent = FpGrowth.frequentItemsets(BASKETS, 3, 4);
        assertEquals(Map.of(List.of("A"), 5L, List.of("B"), 5L, List.of("C"), 4L, List.of("D"), 3L, List.of("A", "B"), 4L,
                List.of("A", "C"), 3L, List.of("B", "C"), 3L), frequent);
        // Exactly 2/7 is enough for a support of 2/7 written to 16 places below it, not for one just above.
        assertEquals(2, FpGrowth.minCount(new BigDecimal("0.2857142857142857"), 7));
        assertEquals(3, FpGrowth.minCount(new BigDecimal("0.2857142857142858"), 7));
    }

    @Test
    void rulesCarryHandComputedSupportConfidenceAndLift() {
        BasketRules.Result result = BasketRules.of(BASKETS, new BigDecimal("0.3"), new BigDecimal("0.6"), 3, BasketRules.Sort.LIFT);
        assertEquals(7, result.transactions());
        assertEquals(6, result.rules().size(), result.rules().toString());
        BasketRules.Rule ab = rule(result, List.of("A"), List.of("B"));
        assertEquals(4, ab.count());
        assertClose(4.0 / 7, ab.support(), "support of A → B");
        assertClose(0.8, ab.confidence(), "confidence of A → B: 4 of A's 5");
        assertClose(1.12, ab.lift(), "lift of A → B: 0.8 / (5/7)");
        BasketRules.Rule ac = rule(result, List.of("A"), List.of("C"));
        assertClose(0.6, ac.confidence(), "3 of 5 reaches 0.6 exactly");
        assertClose(1.05, ac.lift(), "0.6 / (4/7)");
        assertEquals(List.of("A"), result.rules().get(0).antecedent(), "sorted by lift: 1.12 first");
    }

    @Test
    void antecedentsOfSeveralItems() {
        BasketRules.Result result = BasketRules.of(BASKETS, new BigDecimal("0.28"), new BigDecimal("0.6"), 3, BasketRules.Sort.CONFIDENCE);
        BasketRules.Rule adb = rule(result, List.of("A", "D"), List.of("B"));
        assertEquals(2, adb.count());
        assertClose(2.0 / 7, adb.support(), "support of AD → B");
        assertClose(1.0, adb.confidence(), "both baskets with A and D hold B");
        assertClose(1.4, adb.lift(), "1 / (5/7)");
        BasketRules.Rule acb = rule(result, List.of("A", "C"), List.of("B"));
        assertClose(2.0 / 3, acb.confidence(), "AC → B");
        assertClose(14.0 / 15, acb.lift(), "(2/3) / (5/7)");
        BasketRules.Rule dab = rule(result, List.of("D"), List.of("A", "B"));
        assertClose(2.0 / 3, dab.confidence(), "D → AB");
        assertClose(7.0 / 6, dab.lift(), "(2/3) / (4/7)");
        assertEquals(null, rule(result, List.of("A", "B"), List.of("C")), "AB → C: 2 of 4, below 0.6");
        assertTrue(result.rules().stream().allMatch(r -> r.antecedent().size() + r.consequent().size() <= 3));
        BasketRules.Result pairs = BasketRules.of(BASKETS, new BigDecimal("0.28"), new BigDecimal("0.6"), 2, BasketRules.Sort.LIFT);
        assertFalse(pairs.rules().stream().anyMatch(r -> r.antecedent().size() > 1), "maxLength 2: one item each side");
    }

    @Test
    void everyRuleMatchesBruteForceCounting() {
        Random random = new Random(21);
        List<String> items = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6", "SKU-7", "SKU-8", "SKU-9");
        for (int round = 0; round < 20; round++) {
            List<Set<String>> baskets = new ArrayList<>();
            int n = 20 + random.nextInt(80);
            for (int t = 0; t < n; t++) {
                Set<String> basket = new TreeSet<>();
                int size = 1 + random.nextInt(5);
                while (basket.size() < size) {
                    // Skewed, so that some items are common and rules of three and four items exist.
                    basket.add(items.get(Math.min(random.nextInt(items.size()), random.nextInt(items.size()))));
                }
                baskets.add(basket);
            }
            BigDecimal minSupport = new BigDecimal(List.of("0.05", "0.1", "0.15", "0.2").get(round % 4));
            int maxLength = 2 + round % 3;
            Map<List<String>, Long> brute = bruteForce(baskets, maxLength);
            long minCount = FpGrowth.minCount(minSupport, n);
            Map<List<String>, Long> expected = new HashMap<>();
            brute.forEach((k, v) -> {
                if ((double) v / n >= minSupport.doubleValue() - 1e-12 && v >= minCount) {
                    expected.put(k, v);
                }
            });
            assertEquals(expected, FpGrowth.frequentItemsets(baskets, minCount, maxLength), "round " + round);

            BasketRules.Result result = BasketRules.of(baskets, minSupport, new BigDecimal("0.3"), maxLength, BasketRules.Sort.LIFT);
            int rules = 0;
            for (Map.Entry<List<String>, Long> e : expected.entrySet()) {
                List<String> all = e.getKey();
                for (int mask = 1; mask < (1 << all.size()) - 1; mask++) {
                    List<String> a = new ArrayList<>();
                    List<String> c = new ArrayList<>();
                    for (int i = 0; i < all.size(); i++) {
                        ((mask & (1 << i)) != 0 ? a : c).add(all.get(i));
                    }
                    double confidence = (double) e.getValue() / brute.get(a);
                    if (confidence < 0.3) {
                        continue;
                    }
                    rules++;
                    BasketRules.Rule r = rule(result, a, c);
                    assertClose((double) e.getValue() / n, r.support(), "support " + a + " → " + c);
                    assertClose(confidence, r.confidence(), "confidence " + a + " → " + c);
                    assertClose(confidence / ((double) brute.get(c) / n), r.lift(), "lift " + a + " → " + c);
                }
            }
            assertEquals(rules, result.rules().size(), "round " + round);
        }
    }

    /** Every itemset of every basket, up to maxLength items, counted. */
    private static Map<List<String>, Long> bruteForce(List<Set<String>> baskets, int maxLength) {
        Map<List<String>, Long> counts = new HashMap<>();
        for (Set<String> basket : baskets) {
            List<String> items = new ArrayList<>(basket);
            for (int mask = 1; mask < 1 << items.size(); mask++) {
                if (Integer.bitCount(mask) > maxLength) {
                    continue;
                }
                List<String> subset = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        subset.add(items.get(i));
                    }
                }
                counts.merge(subset, 1L, Long::sum);
            }
        }
        return counts;
    }

    @Test
    void panelsFilterRulesByAProductAndByWhatACustomerBought() {
        BasketRules.Result result = BasketRules.of(BASKETS, new BigDecimal("0.28"), new BigDecimal("0.6"), 3, BasketRules.Sort.LIFT);
        List<String> withD = result.rules().stream().filter(BasketRules.withAntecedentItem("D"))
                .map(r -> r.antecedent() + "->" + r.consequent()).sorted().toList();
        assertEquals(List.of("[A, D]->[B]", "[B, D]->[A]", "[D]->[A, B]", "[D]->[A]", "[D]->[B]"), withD, "every rule starting from D");
        // Bought A and C: rules from A, C or both, unless they only name what was bought (A -> C, C -> A).
        List<String> forBuyer = result.rules().stream().filter(BasketRules.forBuyerOf(Set.of("A", "C")))
                .map(r -> r.antecedent() + "->" + r.consequent()).sorted().toList();
        assertEquals(List.of("[A, C]->[B]", "[A]->[B]", "[C]->[B]"), forBuyer);
        assertTrue(result.rules().stream().noneMatch(BasketRules.forBuyerOf(Set.of())), "nothing bought, nothing to say");
    }
}
