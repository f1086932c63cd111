package org.mosaiccrm.platform.api.rest;

import java.util.List;

/**
 * One page of a list answer: {@code {"items":[…],"next":…,"total":…}}. {@code next} is the
 * cursor of the following page, or null on the last one.
 */
public record ListPage<T>(List<T> items, String next, long total) {

    public ListPage {
        items = List.copyOf(items);
    }
}
