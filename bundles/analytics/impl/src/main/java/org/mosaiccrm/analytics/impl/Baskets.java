package org.mosaiccrm.analytics.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions with their items coded as ints, gathered one basket at a time: each basket is a
 * sorted array of distinct codes, each item's name kept once. Half a million orders of a few
 * lines take a few megabytes this way, where sets of strings took hundreds.
 */
final class Baskets {

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<int[]> transactions = new ArrayList<>();

    static Baskets of(Collection<? extends Collection<String>> transactions) {
        Baskets b = new Baskets();
        transactions.forEach(b::add);
        return b;
    }

    /** Adds a transaction; an item named twice counts once, an empty one is still a transaction. */
    void add(Collection<String> items) {
        int[] coded = new int[items.size()];
        int i = 0;
        for (String item : items) {
            coded[i++] = codes.computeIfAbsent(item, k -> {
                names.add(k);
                return names.size() - 1;
            });
        }
        Arrays.sort(coded);
        int distinct = 0;
        for (int j = 0; j < coded.length; j++) {
            if (j == 0 || coded[j] != coded[j - 1]) {
                coded[distinct++] = coded[j];
            }
        }
        transactions.add(distinct == coded.length ? coded : Arrays.copyOf(coded, distinct));
    }

    int size() {
        return transactions.size();
    }

    List<int[]> transactions() {
        return transactions;
    }

    String name(int code) {
        return names.get(code);
    }

    int items() {
        return names.size();
    }
}
