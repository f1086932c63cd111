package org.mosaiccrm.platform.api.persistence;

import java.util.List;

import org.apache.cayenne.query.Ordering;
import org.apache.cayenne.query.SortOrder;

/** A parsed {@code ?sort=}: one declared key and its direction. See {@link Sorts}. */
public record Sort(SortKey<?> key, boolean descending) {

    /** The sort as the client writes it: {@code lastName} or {@code -lastName}. */
    public String token() {
        return (descending ? "-" : "") + key.name();
    }

    /** The total order: the key, then the id in the same direction. */
    public List<Ordering> orderings() {
        Ordering byKey = new Ordering(key.property().getName(), descending ? SortOrder.DESCENDING : SortOrder.ASCENDING);
        if (key.isId()) {
            return List.of(byKey);
        }
        return List.of(byKey, descending ? MosaicRecord.ID.desc() : MosaicRecord.ID.asc());
    }
}
