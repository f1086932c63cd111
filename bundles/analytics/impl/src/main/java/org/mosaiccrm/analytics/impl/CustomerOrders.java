package org.mosaiccrm.analytics.impl;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * The customer facts of the orders a user may see, in one currency: the one asked for, or the
 * only one the orders are in. Amounts in different currencies are never added, so orders in
 * several currencies without a choice are refused, naming them.
 */
final class CustomerOrders {

    private CustomerOrders() {
    }

    /**
     * Every order's facts, months included (for cohorts): reads the orders once, without their
     * lines; {@code currency} null means "the only one there is".
     */
    static CustomerFacts facts(OrderHistory orders, UserPrincipal user, OrderHistory.Filter filter, ZoneId zone, String currency) {
        Map<String, CustomerFacts> byCurrency = new TreeMap<>();
        orders.forEachWithoutLines(user, filter, o -> byCurrency.computeIfAbsent(o.currency(), c -> new CustomerFacts(zone, c))
                .add(o.customerId(), o.orderedAt(), o.currency(), o.total()));
        return chosen(byCurrency, currency, zone);
    }

    /**
     * The customers' totals without their months (for RFM, churn and lifetime value): one row per
     * customer and currency, summed by the database.
     */
    static CustomerFacts totals(OrderHistory orders, UserPrincipal user, OrderHistory.Filter filter, ZoneId zone, String currency) {
        Map<String, CustomerFacts> byCurrency = new TreeMap<>();
        orders.forEachCustomer(user, filter, t -> byCurrency.computeIfAbsent(t.currency(), c -> new CustomerFacts(zone, c)).add(t));
        return chosen(byCurrency, currency, zone);
    }

    private static CustomerFacts chosen(Map<String, CustomerFacts> byCurrency, String currency, ZoneId zone) {
        if (currency != null) {
            return byCurrency.getOrDefault(currency, new CustomerFacts(zone, currency));
        }
        if (byCurrency.size() > 1) {
            throw Problems.invalid("currency", "must be given: the orders are in " + String.join(", ", byCurrency.keySet()));
        }
        return byCurrency.isEmpty() ? null : byCurrency.values().iterator().next();
    }

    /**
     * One customer's orders up to the end of {@code asOf} in one currency, through the customer's
     * index: the facts of that customer alone.
     */
    static CustomerFacts ofCustomer(OrderHistory orders, UserPrincipal user, String customerId, ZoneId zone, String currency,
            java.time.LocalDate asOf) {
        CustomerFacts facts = new CustomerFacts(zone, currency);
        java.time.Instant end = asOf.plusDays(1).atStartOfDay(zone).toInstant();
        orders.forEachOfCustomer(user, customerId, o -> {
            if (o.orderedAt().isBefore(end)) {
                facts.add(o.customerId(), o.orderedAt(), o.currency(), o.total());
            }
        });
        return facts;
    }

    /** The SKUs on the orders of one customer (a person, or an organization ordering without a person) that the user may see. */
    static Set<String> skusBought(OrderHistory orders, UserPrincipal user, String customerId) {
        Set<String> skus = new TreeSet<>();
        orders.forEachOfCustomer(user, customerId, o -> o.lines().forEach(l -> skus.add(l.sku())));
        return skus;
    }

    /** The currency parameter: three letters, upper case. */
    static String currency(Params params) {
        String text = params.text("currency");
        if (text != null && !text.matches("[A-Za-z]{3}")) {
            params.error("currency", "must be a three-letter currency code such as EUR");
            return null;
        }
        return text == null ? null : text.toUpperCase(java.util.Locale.ROOT);
    }
}
