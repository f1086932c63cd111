package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import org.mosaiccrm.funnel.api.OrderHistory;

/**
 * What the customer analyses need of each customer's orders in one currency, gathered in one
 * pass over the orders: first and last order, how many, their total, and the months (in the
 * company's time zone) with an order. Gathered from customers' totals instead, the months stay
 * empty: what RFM, churn and lifetime value need, without reading every order.
 */
final class CustomerFacts {

    /** One customer's orders, summed. */
    static final class Customer {
        final String id;
        LocalDate first;
        LocalDate last;
        long orders;
        BigDecimal revenue = BigDecimal.ZERO;
        final SortedSet<YearMonth> months = new TreeSet<>();

        Customer(String id) {
            this.id = id;
        }
    }

    private final ZoneId zone;
    private final String currency;
    private final Map<String, Customer> customers = new LinkedHashMap<>();

    /** Facts over the orders in {@code currency} (others are left out: amounts in different currencies are never added). */
    CustomerFacts(ZoneId zone, String currency) {
        this.zone = zone;
        this.currency = currency;
    }

    /** Adds an order; orders without a customer or in another currency are left out. */
    void add(String customerId, Instant orderedAt, String orderCurrency, BigDecimal total) {
        if (customerId == null || !currency.equals(orderCurrency)) {
            return;
        }
        LocalDate day = orderedAt.atZone(zone).toLocalDate();
        Customer c = customers.computeIfAbsent(customerId, Customer::new);
        c.first = c.first == null || day.isBefore(c.first) ? day : c.first;
        c.last = c.last == null || day.isAfter(c.last) ? day : c.last;
        c.orders++;
        c.revenue = c.revenue.add(total);
        c.months.add(YearMonth.from(day));
    }

    /** Adds a customer's totals in this currency (summed by the database); totals in another currency are left out. */
    void add(OrderHistory.CustomerTotals t) {
        if (!currency.equals(t.currency())) {
            return;
        }
        Customer c = customers.computeIfAbsent(t.customerId(), Customer::new);
        LocalDate first = t.firstOrderedAt().atZone(zone).toLocalDate();
        LocalDate last = t.lastOrderedAt().atZone(zone).toLocalDate();
        c.first = c.first == null || first.isBefore(c.first) ? first : c.first;
        c.last = c.last == null || last.isAfter(c.last) ? last : c.last;
        c.orders += t.orders();
        c.revenue = c.revenue.add(t.revenue());
    }

    Map<String, Customer> customers() {
        return customers;
    }

    String currency() {
        return currency;
    }
}
