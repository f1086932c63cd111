package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
        Map<String, Long> counts = new HashMap<>();
        for (Collection<String> t : transactions) {
            for (String item : t) {
                counts.merge(item, 1L, Long::sum);
            }
        }
        // Ranks by descending count, then name: the tree's order, the same for every transaction.
        List<String> frequent = counts.entrySet().stream().filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < frequent.size(); i++) {
            rank.put(frequent.get(i), i);
        }
        Tree tree = new Tree(frequent.size());
        for (Collection<String> t : transactions) {
            int[] path = t.stream().distinct().filter(rank::containsKey).mapToInt(rank::get).sorted().toArray();
            tree.insert(path, 1);
        }
        Map<List<String>, Long> out = new LinkedHashMap<>();
        if (maxLength > 0) {
            mine(tree, new ArrayList<>(), minCount, maxLength, frequent, out);
        }
        return out;
    }

    private static void mine(Tree tree, List<Integer> suffix, long minCount, int maxLength, List<String> names, Map<List<String>, Long> out) {
        for (int item = tree.heads.length - 1; item >= 0; item--) {
            long support = 0;
            for (Node n = tree.heads[item]; n != null; n = n.next) {
                support += n.count;
            }
            if (support < minCount) {
                continue;
            }
            List<Integer> itemset = new ArrayList<>(suffix);
            itemset.add(item);
            out.put(itemset.stream().map(names::get).sorted().toList(), support);
            if (itemset.size() >= maxLength) {
                continue;
            }
            // The conditional tree of the item: the paths above each of its nodes, with the node's
            // count, keeping only the items frequent among them.
            long[] conditional = new long[item];
            for (Node n = tree.heads[item]; n != null; n = n.next) {
                for (Node p = n.parent; p.item >= 0; p = p.parent) {
                    conditional[p.item] += n.count;
                }
            }
            Tree sub = new Tree(item);
            boolean any = false;
            for (Node n = tree.heads[item]; n != null; n = n.next) {
                List<Integer> path = new ArrayList<>();
                for (Node p = n.parent; p.item >= 0; p = p.parent) {
                    if (conditional[p.item] >= minCount) {
                        path.add(p.item);
                    }
                }
                if (!path.isEmpty()) {
                    any = true;
                    sub.insert(path.stream().sorted().mapToInt(Integer::intValue).toArray(), n.count);
                }
            }
            if (any) {
                mine(sub, itemset, minCount, maxLength, names, out);
            }
        }
    }

    /** A prefix tree over item ranks; {@code heads[i]} links every node of rank i. */
    private static final class Tree {
        final Node root = new Node(-1, null);
        final Node[] heads;

        Tree(int items) {
            heads = new Node[items];
        }

        void insert(int[] path, long count) {
            Node at = root;
            for (int item : path) {
                Node child = at.children.get(item);
                if (child == null) {
                    child = new Node(item, at);
                    at.children.put(item, child);
                    child.next = heads[item];
                    heads[item] = child;
                }
                child.count += count;
                at = child;
            }
        }
    }

    private static final class Node {
        final int item;
        final Node parent;
        final Map<Integer, Node> children = new HashMap<>(4);
        long count;
        Node next;

        Node(int item, Node parent) {
            this.item = item;
            this.parent = parent;
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
