package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frequent itemsets by FP-growth (Han, Pei and Yin, 2000): the transactions are compressed into a
 * prefix tree of their frequent items in descending frequency, and each item's itemsets are mined
 * from the tree of the paths that end in it, recursively. Exact: every itemset whose support
 * reaches the minimum is found with its true count, none other.
 */
final class FpGrowth {

    private FpGrowth() {
    }

    /**
     * The least count whose fraction of {@code transactions} reaches {@code minSupport}: {@code count
     * / transactions >= minSupport} exactly, as {@code count >= ceil(minSupport × transactions)} in
     * decimal arithmetic (a rounded count would let 2 of 7 pass a support of 0.3).
     */
    static long minCount(BigDecimal minSupport, long transactions) {
        return Math.max(1, minSupport.multiply(BigDecimal.valueOf(transactions)).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    /**
     * Every itemset of at most {@code maxLength} items contained in at least {@code minCount}
     * transactions, with its count; items of an itemset in their natural order.
     */
    static Map<List<String>, Long> frequentItemsets(Collection<? extends Collection<String>> transactions, long minCount, int maxLength) {
        return frequentItemsets(Baskets.of(transactions), minCount, maxLength);
    }

    /** As above, over coded transactions. */
    static Map<List<String>, Long> frequentItemsets(Baskets baskets, long minCount, int maxLength) {
        long[] counts = new long[baskets.items()];
        for (int[] t : baskets.transactions()) {
            for (int item : t) {
                counts[item]++;
            }
        }
        // Ranks by descending count, then name: the tree's order, the same for every transaction.
        Integer[] frequent = java.util.stream.IntStream.range(0, counts.length).filter(i -> counts[i] >= minCount).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -counts[i]).thenComparing(baskets::name)).toArray(Integer[]::new);
        int[] rank = new int[counts.length];
        Arrays.fill(rank, -1);
        String[] names = new String[frequent.length];
        for (int r = 0; r < frequent.length; r++) {
            rank[frequent[r]] = r;
            names[r] = baskets.name(frequent[r]);
        }
        Tree tree = new Tree(frequent.length);
        int[] path = new int[16];
        for (int[] t : baskets.transactions()) {
            if (path.length < t.length) {
                path = new int[t.length];
            }
            int n = 0;
            for (int item : t) {
                if (rank[item] >= 0) {
                    path[n++] = rank[item];
                }
            }
            Arrays.sort(path, 0, n);
            tree.insert(path, n, 1);
        }
        Map<List<String>, Long> out = new LinkedHashMap<>();
        if (maxLength > 0) {
            mine(tree, new int[0], minCount, maxLength, names, out);
        }
        return out;
    }

    private static void mine(Tree tree, int[] suffix, long minCount, int maxLength, String[] names, Map<List<String>, Long> out) {
        int[] path = new int[tree.depth];
        for (int item = tree.heads.length - 1; item >= 0; item--) {
            long support = tree.support[item];
            if (support < minCount) {
                continue;
            }
            int[] itemset = Arrays.copyOf(suffix, suffix.length + 1);
            itemset[suffix.length] = item;
            List<String> named = new ArrayList<>(itemset.length);
            for (int i : itemset) {
                named.add(names[i]);
            }
            named.sort(null);
            out.put(List.copyOf(named), support);
            if (itemset.length >= maxLength) {
                continue;
            }
            // The conditional tree of the item: the paths above each of its nodes, with the node's
            // count, keeping only the items frequent among them.
            long[] conditional = new long[item];
            for (int n = tree.heads[item]; n > 0; n = tree.next[n]) {
                for (int p = tree.parent[n]; p > 0; p = tree.parent[p]) {
                    conditional[tree.item[p]] += tree.count[n];
                }
            }
            Tree sub = new Tree(item);
            for (int n = tree.heads[item]; n > 0; n = tree.next[n]) {
                int length = 0;
                // Upwards the ranks fall; the tree takes them rising, so the path is filled from its end.
                for (int p = tree.parent[n]; p > 0; p = tree.parent[p]) {
                    if (conditional[tree.item[p]] >= minCount) {
                        path[length++] = tree.item[p];
                    }
                }
                if (length > 0) {
                    reverse(path, length);
                    sub.insert(path, length, tree.count[n]);
                }
            }
            if (sub.size > 1) {
                mine(sub, itemset, minCount, maxLength, names, out);
            }
        }
    }

    private static void reverse(int[] a, int length) {
        for (int i = 0, j = length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * A prefix tree over item ranks in parallel arrays (node 0 is the root): a million nodes are a
     * few arrays rather than a million objects with a map each. {@code heads[i]} starts the chain
     * (through {@code next}) of every node of rank i, 0 ending it; {@code support[i]} is their
     * total count. A node's child of a rank is found through one open-addressing table keyed by
     * parent and rank.
     */
    private static final class Tree {
        final int[] heads;
        final long[] support;
        int[] item = new int[64];
        int[] parent = new int[64];
        int[] next = new int[64];
        long[] count = new long[64];
        int size = 1;
        /** The longest path inserted: how long a conditional path can be. */
        int depth;
        private long[] keys = new long[128];
        private int[] slots = new int[128];
        private int used;

        Tree(int items) {
            heads = new int[items];
            support = new long[items];
            item[0] = -1;
        }

        void insert(int[] path, int length, long c) {
            depth = Math.max(depth, length);
            int at = 0;
            for (int i = 0; i < length; i++) {
                int rank = path[i];
                int child = child(at, rank);
                if (child == 0) {
                    child = add(at, rank);
                }
                count[child] += c;
                support[rank] += c;
                at = child;
            }
        }

        private int child(int of, int rank) {
            long key = key(of, rank);
            int mask = keys.length - 1;
            for (int i = hash(key) & mask; keys[i] != 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return slots[i];
                }
            }
            return 0;
        }

        private int add(int of, int rank) {
            if (size == item.length) {
                item = Arrays.copyOf(item, size * 2);
                parent = Arrays.copyOf(parent, size * 2);
                next = Arrays.copyOf(next, size * 2);
                count = Arrays.copyOf(count, size * 2);
            }
            int node = size++;
            item[node] = rank;
            parent[node] = of;
            next[node] = heads[rank];
            heads[rank] = node;
            if (2 * (used + 1) > keys.length) {
                grow();
            }
            put(key(of, rank), node);
            return node;
        }

        private void put(long key, int node) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (keys[i] != 0) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            slots[i] = node;
            used++;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = new int[oldKeys.length * 2];
            used = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldSlots[i]);
                }
            }
        }

        /** Never 0 (the empty slot): the rank is stored plus one. */
        private static long key(int of, int rank) {
            return ((long) of << 32) | (rank + 1L);
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }

    /** Orders itemsets by their items, for stable answers. */
    static final Comparator<List<String>> ITEMS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
}
