package org.mosaiccrm.funnel.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The orders a user may see, with their lines, read in order of time for analyses (segments,
 * cohorts, baskets) without holding them all: the record access rule is inside the funnel's
 * query, so another team's orders never reach the caller.
 *
 * @since 1.1
 */
@ProviderType
public interface OrderHistory {

    /** An order line: the product by id and SKU, the quantity and the line's total after discount. */
    record Line(String productId, String sku, BigDecimal quantity, BigDecimal total) {
    }

    /**
     * An order. {@code customerId} is its person, or its organization when it names no person,
     * or null when it names neither.
     */
    record Order(String id, String number, String personId, String organizationId, Instant orderedAt, String currency,
            BigDecimal total, String ownerId, String teamId, List<Line> lines) {

        public Order {
            lines = List.copyOf(lines);
        }

        public String customerId() {
            return personId != null ? personId : organizationId;
        }
    }

    /**
     * Which orders: ordered in [{@code from}, {@code to}) (either null: open), of one owner and
     * one team when given (null: any the user may see).
     */
    record Filter(Instant from, Instant to, String ownerId, String teamId) {

        public static final Filter ALL = new Filter(null, null, null, null);
    }

    /**
     * Hands every order the user may see that the filter selects to {@code each}, oldest first
     * (by time, then id), with its lines in their order. Reads in batches: memory stays bounded
     * whatever the number of orders. Fails with 403 when the user may not read the funnel.
     */
    void forEach(UserPrincipal user, Filter filter, Consumer<Order> each);

    /**
     * Hands the orders of one customer that the user may see to {@code each}, oldest first, with
     * their lines: those naming the person {@code customerId}, or naming the organization
     * {@code customerId} and no person (the orders whose {@link Order#customerId()} it is). Reads
     * through the customer's index, not every order. Fails with 403 when the user may not read the funnel.
     *
     * @since 1.2
     */
    void forEachOfCustomer(UserPrincipal user, String customerId, Consumer<Order> each);

    /**
     * As {@link #forEach}, but every order with no lines: for figures over orders alone (counts,
     * revenue, months ordered in), which need not read the lines at all.
     *
     * @since 1.3
     */
    void forEachWithoutLines(UserPrincipal user, Filter filter, Consumer<Order> each);

    /**
     * A customer's orders in one currency, summed: the first and last time they ordered, how many
     * orders and their total. {@code customerId} as {@link Order#customerId()}.
     *
     * @since 1.3
     */
    record CustomerTotals(String customerId, String currency, Instant firstOrderedAt, Instant lastOrderedAt, long orders,
            BigDecimal revenue) {
    }

    /**
     * Hands the totals of every customer's orders that the user may see and the filter selects to
     * {@code each}, one per customer and currency, in no particular order; orders naming no
     * customer are left out. Summed by the database (grouped queries with the access rule inside),
     * so a segmentation over hundreds of thousands of orders reads one row per customer. Fails
     * with 403 when the user may not read the funnel.
     *
     * @since 1.3
     */
    void forEachCustomer(UserPrincipal user, Filter filter, Consumer<CustomerTotals> each);

    /**
     * Hands the SKUs of every order the user may see that the filter selects to {@code each}, one
     * list per order (a SKU on two lines is there twice), neither the orders nor their SKUs in any
     * particular order; an order without lines is left out. For basket analyses: the lines are
     * read as columns in one query, not as orders, and gathered per order in memory (one entry
     * per order while reading). Fails with 403 when the user may not read the funnel.
     *
     * @since 1.3
     */
    void forEachBasket(UserPrincipal user, Filter filter, Consumer<List<String>> each);
}
