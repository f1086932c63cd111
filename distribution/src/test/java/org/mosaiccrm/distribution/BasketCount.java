package org.mosaiccrm.distribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Basket rules as a developer would count them by hand in plain Java, the floor beside {@code GET
 * /analytics/basket/rules} in {@code AnalyticsBenchmark}: the order lines read over JDBC into
 * baskets (each order's distinct SKUs), then every itemset of at most {@code maxLength} items
 * contained in at least ⌈minSupport × baskets⌉ of them counted exactly, level by level: single
 * items in an array, pairs of frequent items in a square array, larger itemsets in a hash map,
 * counted only when each of their subsets one item smaller is frequent (no other itemset can be).
 * Then the rules, with the definitions of the analytics module's {@code BasketRules}: from each
 * frequent itemset of two or more items every split into antecedent A and consequent C with
 * count / count(A) ≥ minConfidence; support = count / n, confidence = count / count(A), lift =
 * count × n / (count(A) × count(C)), each to 16 significant digits.
 */
final class BasketCount {

    /** A rule; items in their natural order. */
    record Rule(List<String> antecedent, List<String> consequent, long count, BigDecimal support, BigDecimal confidence,
            BigDecimal lift) {

        /** The rule as the API's JSON gives it, figures to 6 decimals, for comparison. */
        String text() {
            return antecedent + " => " + consequent + " count " + count + " support " + six(support) + " confidence " + six(confidence)
                    + " lift " + six(lift);
        }

        static String text(JsonNode rule) {
            return rule.path("antecedent").toString().replace("\"", "").replace(",", ", ") + " => "
                    + rule.path("consequent").toString().replace("\"", "").replace(",", ", ") + " count " + rule.path("count").asLong()
                    + " support " + six(new BigDecimal(rule.path("support").asText())) + " confidence "
                    + six(new BigDecimal(rule.path("confidence").asText())) + " lift " + six(new BigDecimal(rule.path("lift").asText()));
        }

        private static String six(BigDecimal v) {
            return v.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        }
    }

    /**
     * The answer: baskets counted, frequent itemsets found, the rules by lift (then items, as the
     * API sorts them), and how long reading the lines took of the whole.
     */
    record Result(long transactions, long lines, int frequentItemsets, List<Rule> rules, double readSeconds) {
    }

    /** As the API orders itemsets of equal lift: item by item, a shorter prefix first. */
    private static final Comparator<List<String>> ITEMS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
    static final Comparator<Rule> BY_LIFT = Comparator.comparing(Rule::lift).reversed().thenComparing(Rule::antecedent, ITEMS)
            .thenComparing(Rule::consequent, ITEMS);

    /** Itemsets of up to four items are packed in a long, 16 bits an item (its rank + 1). */
    static final int MAX_LENGTH = 4;

    private final long minCount;
    private final BigDecimal minConfidence;
    private final int maxLength;
    /** The frequent items' SKUs by rank, in natural order (so a sorted itemset of ranks is in natural order too). */
    private String[] names;
    private int[][] baskets;
    /** Every frequent itemset's count, by packed key. */
    private final Map<Long, Long> frequent = new HashMap<>();

    private BasketCount(long minCount, BigDecimal minConfidence, int maxLength) {
        this.minCount = minCount;
        this.minConfidence = minConfidence;
        this.maxLength = maxLength;
    }

    static Result run(Connection c, BigDecimal minSupport, BigDecimal minConfidence, int maxLength) throws SQLException {
        if (maxLength < 2 || maxLength > MAX_LENGTH) {
            throw new IllegalArgumentException("the hand count packs itemsets of 2 to " + MAX_LENGTH + " items: " + maxLength);
        }
        long start = System.nanoTime();
        Lines lines = Lines.read(c);
        double read = (System.nanoTime() - start) / 1e9;
        int[][] baskets = lines.baskets();
        long n = baskets.length;
        long minCount = Math.max(1, minSupport.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).longValueExact());
        BasketCount count = new BasketCount(minCount, minConfidence, maxLength);
        count.itemsAndPairs(baskets, lines.skus());
        // Level k's candidates are made of level k - 1's frequent itemsets: none there, none after.
        boolean more = true;
        for (int k = 3; k <= maxLength && more; k++) {
            more = count.larger(k);
        }
        return new Result(n, lines.size, count.frequent.size(), count.rules(n), read);
    }

    /** The order lines as (order, SKU) numbers, read in one pass with a cursor. */
    private static final class Lines {
        final Map<String, Integer> skuNumbers = new HashMap<>();
        final List<String> skuNames = new ArrayList<>();
        int[] order = new int[1 << 20];
        int[] sku = new int[1 << 20];
        int size;
        int orders;

        static Lines read(Connection c) throws SQLException {
            Lines out = new Lines();
            Map<String, Integer> orderNumbers = new HashMap<>();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT ORDER_ID, SKU FROM FN_ORDER_LINE")) {
                s.setFetchSize(50_000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Integer o = orderNumbers.computeIfAbsent(r.getString(1), k -> orderNumbers.size());
                        String name = r.getString(2);
                        Integer i = out.skuNumbers.get(name);
                        if (i == null) {
                            i = out.skuNames.size();
                            out.skuNumbers.put(name, i);
                            out.skuNames.add(name);
                        }
                        out.add(o, i);
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(auto);
            }
            out.orders = orderNumbers.size();
            return out;
        }

        void add(int o, int s) {
            if (size == order.length) {
                order = Arrays.copyOf(order, size * 2);
                sku = Arrays.copyOf(sku, size * 2);
            }
            order[size] = o;
            sku[size++] = s;
        }

        List<String> skus() {
            return skuNames;
        }

        /** Each order's distinct SKU numbers, sorted. */
        int[][] baskets() {
            int[] sizes = new int[orders];
            for (int i = 0; i < size; i++) {
                sizes[order[i]]++;
            }
            int[][] out = new int[orders][];
            for (int o = 0; o < orders; o++) {
                out[o] = new int[sizes[o]];
            }
            int[] filled = new int[orders];
            for (int i = 0; i < size; i++) {
                out[order[i]][filled[order[i]]++] = sku[i];
            }
            for (int o = 0; o < orders; o++) {
                int[] b = out[o];
                Arrays.sort(b);
                int distinct = 0;
                for (int j = 0; j < b.length; j++) {
                    if (j == 0 || b[j] != b[j - 1]) {
                        b[distinct++] = b[j];
                    }
                }
                out[o] = distinct == b.length ? b : Arrays.copyOf(b, distinct);
            }
            return out;
        }
    }

    /** Counts single items, keeps each basket's frequent ones (as ranks), and counts their pairs. */
    private void itemsAndPairs(int[][] all, List<String> skus) {
        long[] counts = new long[skus.size()];
        for (int[] b : all) {
            for (int item : b) {
                counts[item]++;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= minCount) {
                kept.add(i);
            }
        }
        kept.sort(Comparator.comparing(skus::get));
        if (kept.size() >= 1 << 16) {
            throw new IllegalStateException("more frequent items than the packed keys hold: " + kept.size());
        }
        names = new String[kept.size()];
        int[] rank = new int[skus.size()];
        Arrays.fill(rank, -1);
        for (int r = 0; r < kept.size(); r++) {
            names[r] = skus.get(kept.get(r));
            rank[kept.get(r)] = r;
            frequent.put(key(new int[] {r}, 1, -1), counts[kept.get(r)]);
        }
        int f = names.length;
        baskets = new int[all.length][];
        int[] pairs = new int[f * f];
        for (int o = 0; o < all.length; o++) {
            int[] b = new int[all[o].length];
            int m = 0;
            for (int item : all[o]) {
                if (rank[item] >= 0) {
                    b[m++] = rank[item];
                }
            }
            Arrays.sort(b, 0, m);
            baskets[o] = Arrays.copyOf(b, m);
            for (int i = 0; i < m; i++) {
                for (int j = i + 1; j < m; j++) {
                    pairs[b[i] * f + b[j]]++;
                }
            }
        }
        for (int i = 0; i < f; i++) {
            for (int j = i + 1; j < f; j++) {
                if (pairs[i * f + j] >= minCount) {
                    frequent.put(key(new int[] {i, j}, 2, -1), (long) pairs[i * f + j]);
                }
            }
        }
    }

    /** Counts the itemsets of k items whose subsets of k - 1 are all frequent; true when some of them are frequent. */
    private boolean larger(int k) {
        Map<Long, long[]> counts = new HashMap<>();
        int[] chosen = new int[k];
        for (int[] b : baskets) {
            if (b.length >= k) {
                choose(b, 0, 0, chosen, k, counts);
            }
        }
        boolean any = false;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minCount) {
                frequent.put(e.getKey(), e.getValue()[0]);
                any = true;
            }
        }
        return any;
    }

    /** Every k-subset of the basket whose prefixes are frequent, counted when all its (k-1)-subsets are. */
    private void choose(int[] basket, int from, int depth, int[] chosen, int k, Map<Long, long[]> counts) {
        if (depth == k) {
            for (int skip = 0; skip < k - 1; skip++) {
                if (!frequent.containsKey(key(chosen, k, skip))) {
                    return;
                }
            }
            counts.computeIfAbsent(key(chosen, k, -1), x -> new long[1])[0]++;
            return;
        }
        for (int i = from; i <= basket.length - (k - depth); i++) {
            chosen[depth] = basket[i];
            // A prefix of two or more items is itself a subset: when it is not frequent, nothing that extends it is.
            if (depth + 1 < 2 || depth + 1 == k || frequent.containsKey(key(chosen, depth + 1, -1))) {
                choose(basket, i + 1, depth + 1, chosen, k, counts);
            }
        }
    }

    /** The first {@code length} ranks of {@code items} but the one at {@code skip} (none: -1), packed. */
    private static long key(int[] items, int length, int skip) {
        long key = 0;
        for (int i = 0; i < length; i++) {
            if (i != skip) {
                key = key << 16 | (items[i] + 1);
            }
        }
        return key;
    }

    private List<Rule> rules(long n) {
        BigDecimal total = BigDecimal.valueOf(n);
        List<Rule> rules = new ArrayList<>();
        frequent.forEach((key, count) -> {
            int[] items = unpack(key);
            int size = items.length;
            for (int mask = 1; mask < (1 << size) - 1 && size >= 2; mask++) {
                int[] a = new int[Integer.bitCount(mask)];
                int[] c = new int[size - a.length];
                for (int i = 0, ai = 0, ci = 0; i < size; i++) {
                    if ((mask & (1 << i)) != 0) {
                        a[ai++] = items[i];
                    } else {
                        c[ci++] = items[i];
                    }
                }
                long ofA = frequent.get(key(a, a.length, -1));
                long ofC = frequent.get(key(c, c.length, -1));
                BigDecimal joint = BigDecimal.valueOf(count);
                if (joint.compareTo(minConfidence.multiply(BigDecimal.valueOf(ofA))) < 0) {
                    continue;
                }
                rules.add(new Rule(names(a), names(c), count, joint.divide(total, MathContext.DECIMAL64),
                        joint.divide(BigDecimal.valueOf(ofA), MathContext.DECIMAL64),
                        joint.multiply(total).divide(BigDecimal.valueOf(ofA).multiply(BigDecimal.valueOf(ofC)), MathContext.DECIMAL64)));
            }
        });
        rules.sort(BY_LIFT);
        return rules;
    }

    private static int[] unpack(long key) {
        int size = 0;
        for (long k = key; k != 0; k >>>= 16) {
            size++;
        }
        int[] items = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            items[i] = (int) (key & 0xFFFF) - 1;
            key >>>= 16;
        }
        return items;
    }

    private List<String> names(int[] ranks) {
        List<String> out = new ArrayList<>(ranks.length);
        for (int r : ranks) {
            out.add(names[r]);
        }
        return out;
    }
}
