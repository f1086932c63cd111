package org.mosaiccrm.platform.api.rest;

import java.util.List;

/**
 * One page of a list answer: {@code {"items":[…],"next":…,"total":…,"totalExact":…}}.
 * {@code next} is the cursor of the following page, or null on the last one. Counting every
 * match of a large list on every page would cost a scan of the table, so record lists count up
 * to a cap: {@code totalExact} false means "at least {@code total}".
 */
public record ListPage<T>(List<T> items, String next, long total, boolean totalExact) {

    public ListPage {
        items = List.copyOf(items);
    }

    /** A page whose total is exact. */
    public ListPage(List<T> items, String next, long total) {
        this(items, next, total, true);
    }
}
