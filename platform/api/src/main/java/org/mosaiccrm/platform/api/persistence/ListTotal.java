package org.mosaiccrm.platform.api.persistence;

import java.util.function.IntSupplier;

/**
 * The total a list page reports: counted on the first page only, and only up to a cap —
 * beyond it {@code exact} is false and {@code total} means "at least" — then carried by the
 * cursors of the following pages. One rule for every keyset list, entity or SQL.
 */
public record ListTotal(long total, boolean exact) {

    /**
     * @param carried the first page's total, from the cursor; null on the first page
     * @param more whether a next page exists (the page read one row more than it holds)
     * @param onPage the rows of this page
     * @param countUpTo counts the matches, stopping after {@code cap + 1}
     */
    public static ListTotal of(ListTotal carried, boolean more, int onPage, int cap, IntSupplier countUpTo) {
        if (carried != null) {
            return carried;
        }
        if (!more) {
            // The first page is the whole list: no count needed.
            return new ListTotal(onPage, true);
        }
        if (cap <= 0) {
            // The caller has its totals elsewhere (the sales board's columns): not even a query for "at least one more".
            return new ListTotal(onPage, false);
        }
        int counted = countUpTo.getAsInt();
        return new ListTotal(Math.min(counted, cap), counted <= cap);
    }
}
