package org.mosaiccrm.platform.api.persistence;

import org.apache.cayenne.exp.property.ComparableProperty;

/**
 * A key a record list may be sorted by: its name in {@code ?sort=} ({@code -name} for
 * descending) and the attribute it orders by. Ties are broken by the record id, in the same
 * direction, so every order is total and keyset pages neither overlap nor skip.
 *
 * <p>Each key wants an index on (column, ID) — on Derby one per direction, since Derby does
 * not scan an index backwards — so that a page is a short index range at any depth. A
 * {@code nullable} key's column may hold NULL: NULLs sort last ascending and first descending
 * (on Derby and PostgreSQL alike), and its pages are read in two index ranges.
 *
 * @param <E> the attribute's type: String, LocalDateTime, LocalDate, Long, Integer, BigDecimal or Boolean
 */
public record SortKey<E>(String name, ComparableProperty<E> property, boolean nullable) {

    /** A key whose column is NOT NULL. */
    public static <E> SortKey<E> of(String name, ComparableProperty<E> property) {
        return new SortKey<>(name, property, false);
    }

    /** A key whose column may hold NULL. */
    public static <E> SortKey<E> nullable(String name, ComparableProperty<E> property) {
        return new SortKey<>(name, property, true);
    }

    /** True when the key is the record id itself (which then needs no tie-breaker). */
    boolean isId() {
        return MosaicRecord.ID.getName().equals(property.getName());
    }
}
