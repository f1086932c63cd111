package org.mosaiccrm.platform.api.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.rest.Problems;

/**
 * The sort keys a list declares, and the one it uses when the client names none. Parsing a
 * {@code ?sort=} against them is the same in every list: {@code key} ascending, {@code -key}
 * descending, anything else 400 naming the choices.
 */
public final class Sorts {

    private final Map<String, SortKey<?>> keys = new LinkedHashMap<>();
    private final Sort defaultSort;

    private Sorts(String defaultSort, SortKey<?>... keys) {
        for (SortKey<?> key : keys) {
            if (this.keys.put(key.name(), key) != null) {
                throw new IllegalArgumentException("sort key declared twice: " + key.name());
            }
        }
        this.defaultSort = parse(defaultSort);
    }

    /** The keys; {@code defaultSort} is one of them, written as a client would ({@code -createdAt}). */
    public static Sorts of(String defaultSort, SortKey<?>... keys) {
        return new Sorts(defaultSort, keys);
    }

    /** The sort the client asked for, or the default for null or blank; 400 naming the choices otherwise. */
    public Sort parse(String sort) {
        if (sort == null || sort.isBlank()) {
            if (defaultSort == null) {
                throw new IllegalStateException("no default sort");
            }
            return defaultSort;
        }
        String s = sort.strip();
        boolean descending = s.startsWith("-");
        SortKey<?> key = keys.get(descending ? s.substring(1) : s);
        if (key == null) {
            throw Problems.invalid("sort", "must be one of " + choices());
        }
        return new Sort(key, descending);
    }

    /** Every accepted value of {@code ?sort=}, ascending then descending per key. */
    public List<String> choices() {
        List<String> all = new ArrayList<>();
        for (String name : keys.keySet()) {
            all.add(name);
            all.add("-" + name);
        }
        return all;
    }
}
