package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ContactLinks;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Orders from CSV ({@code POST /api/v1/funnel/import?type=orders}), one order line per row:
 * {@code orderNumber,customerEmail,orderedAt,sku,quantity,unitPrice} and, optionally,
 * {@code customerDomain,currency}. Rows with one order number form one order (its customer,
 * date and currency from its first row); the customer is the person of that email and/or the
 * organization of that domain, found or created; an unknown SKU creates the product. A row that
 * is already a line of its order (same SKU, quantity and unit price) is skipped, so importing
 * the same file again creates nothing new. Bad rows are refused with their row number and column.
 */
@Component(service = ImportType.class)
public final class OrderRows extends RecordImport {

    static final CsvForm CSV = new CsvForm(List.of("orderNumber", "customerEmail", "orderedAt", "sku", "quantity", "unitPrice",
            "customerDomain", "currency"), Map.of(), Map.of());

    /** Emails a look-up of known customers names at most (the directory's limit). */
    private static final int LOOKUP = 500;

    private final ContactLinks links;

    @Activate
    public OrderRows(@Reference CustomFields customFields, @Reference AccessControl access, @Reference ContactLinks links) {
        super(FunnelModule.ID, "orders", "order", CSV, List.of(FunnelModule.IMPORT, FunnelModule.WRITE), customFields, access);
        this.links = links;
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        return new OrderBatch(ctx, user, rows);
    }

    /** One batch's orders, lines and products, read in a few queries and kept as rows add to them. */
    private final class OrderBatch implements Batch {

        private final ObjectContext ctx;
        private final UserPrincipal user;
        private final Map<String, SalesOrder> orders = new HashMap<>();
        private final Map<String, List<OrderLine>> lines = new HashMap<>();
        private final Map<String, Product> products = new HashMap<>();
        private final Map<String, ContactLinks.Linked> customers = new HashMap<>();

        OrderBatch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows) {
            this.ctx = ctx;
            this.user = user;
            Set<String> numbers = new LinkedHashSet<>();
            Set<String> skus = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                if (row.get("orderNumber") instanceof String n) {
                    numbers.add(n.strip().toUpperCase(Locale.ROOT));
                }
                if (row.get("sku") instanceof String s) {
                    skus.add(Product.skuKey(s));
                }
            }
            // Every team's orders: a number is unique company-wide, and a row naming another team's order is refused, not duplicated.
            if (!numbers.isEmpty()) {
                ObjectSelect.query(SalesOrder.class).where(SalesOrder.NUMBER_KEY.in(numbers)).select(ctx)
                        .forEach(o -> orders.put(o.getNumberKey(), o));
            }
            if (!orders.isEmpty()) {
                ObjectSelect.query(OrderLine.class).where(OrderLine.ORDER_ID.in(orders.values().stream().map(SalesOrder::getId).toList()))
                        .orderBy(OrderLine.POSITION.asc()).select(ctx)
                        .forEach(l -> lines.computeIfAbsent(l.getOrderId(), k -> new ArrayList<>()).add(l));
            }
            if (!skus.isEmpty()) {
                ObjectSelect.query(Product.class).where(Product.SKU_KEY.in(skus)).select(ctx).forEach(p -> products.put(p.getSkuKey(), p));
            }
            knownCustomers(rows);
        }

        /**
         * The customers given by email alone who are already people, found in one look-up for the
         * batch (the oldest of that email within the user's reach, as {@code link} finds them);
         * only the others are linked one by one, which creates them.
         */
        private void knownCustomers(List<Map<String, Object>> rows) {
            Set<String> emails = new LinkedHashSet<>();
            for (Map<String, Object> row : rows) {
                if (row.get("customerEmail") instanceof String e && !e.isBlank() && !(row.get("customerDomain") instanceof String d
                        && !d.isBlank())) {
                    emails.add(e.strip().toLowerCase(Locale.ROOT));
                }
            }
            List<String> all = new ArrayList<>(emails);
            for (int from = 0; from < all.size(); from += LOOKUP) {
                links.peopleByEmail(all.subList(from, Math.min(all.size(), from + LOOKUP))).forEach((email, personId) ->
                        customers.put(customerKey(email, null), new ContactLinks.Linked(personId, false, null, false)));
            }
        }

        @Override
        public RowOutcome row(Map<String, Object> fields) {
            FieldReader in = new FieldReader(fields);
            String number = in.text("orderNumber", 64);
            if (number == null) {
                in.required("orderNumber");
            }
            String sku = in.text("sku", 64);
            if (sku == null) {
                in.required("sku");
            }
            BigDecimal quantity = Money.amount(in, "quantity", BigDecimal.ZERO);
            if (quantity == null && !in.has("quantity")) {
                in.required("quantity");
            } else if (quantity != null && quantity.signum() == 0) {
                in.error("quantity", "notPositive", "must be more than 0");
            }
            BigDecimal unitPrice = Money.amount(in, "unitPrice", BigDecimal.ZERO);
            if (unitPrice == null && !in.has("unitPrice")) {
                in.required("unitPrice");
            }
            String currency = Money.currency(in, "currency");
            LocalDateTime orderedAt = when(in);
            String email = in.text("customerEmail", 320);
            if (email != null && !FieldReader.EMAIL.matcher(email).matches()) {
                in.error("customerEmail", "notAnEmail", "is not an email address");
            }
            String domain = in.text("customerDomain", 253);
            if (!in.errors().isEmpty()) {
                return failed(in);
            }
            String key = number.toUpperCase(Locale.ROOT);
            SalesOrder order = orders.get(key);
            if (order != null && !access.canAccess(user, order)) {
                return RowOutcome.failed("orderNumber: names an order you cannot reach");
            }
            if (order != null && currency != null && !currency.equals(order.getCurrency())) {
                return RowOutcome.failed("currency: the order " + number + " is in " + order.getCurrency());
            }
            Product product = products.get(Product.skuKey(sku));
            if (order != null && product != null && isLineOf(order, product, quantity, unitPrice)) {
                return RowOutcome.skipped();
            }
            if (order == null) {
                if (currency == null) {
                    return RowOutcome.failed("currency: is needed for the first line of an order");
                }
                if (orderedAt == null) {
                    return RowOutcome.failed("orderedAt: is needed for the first line of an order");
                }
                if (email == null && domain == null) {
                    return RowOutcome.failed("customerEmail: an order needs its customer's email or domain");
                }
                ContactLinks.Linked customer;
                var chosen = chosenOwnership();
                try {
                    customer = customers.computeIfAbsent(customerKey(email, domain),
                            k -> links.link(new ContactLinks.Request(null, null, email, null, null, domain,
                                    chosen == null ? null : chosen.ownerId(), chosen == null ? null : chosen.teamId())));
                } catch (ProblemException e) {
                    return RowOutcome.failed("customerEmail: " + e.getMessage());
                }
                order = Orders.create(ctx, number, customer.personId(), customer.organizationId(), orderedAt, currency, null, null, null);
                own(order, user);
                orders.put(key, order);
            }
            if (product == null) {
                product = ctx.newObject(Product.class);
                product.setSku(sku);
                product.setName(sku);
                product.setActive(true);
                own(product, user);
                products.put(product.getSkuKey(), product);
            }
            List<OrderLine> existing = lines.computeIfAbsent(order.getId(), k -> new ArrayList<>());
            existing.add(Orders.add(ctx, order, existing.size(), new Orders.Line(product, quantity, unitPrice, null)));
            return RowOutcome.created();
        }

        private static String customerKey(String email, String domain) {
            return ((email == null ? null : email.strip()) + "|" + (domain == null ? null : domain.strip())).toLowerCase(Locale.ROOT);
        }

        private boolean isLineOf(SalesOrder order, Product product, BigDecimal quantity, BigDecimal unitPrice) {
            for (OrderLine l : lines.getOrDefault(order.getId(), List.of())) {
                if (l.getProductId().equals(product.getId()) && l.getQuantity().compareTo(quantity) == 0
                        && l.getUnitPrice().compareTo(unitPrice) == 0) {
                    return true;
                }
            }
            return false;
        }

        /** A date ({@code 2026-11-03}, that day at midnight UTC) or an instant; null when absent. */
        private static LocalDateTime when(FieldReader in) {
            Object raw = in.raw("orderedAt");
            if (raw == null) {
                return null;
            }
            String text = raw.toString().strip();
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.ofInstant(java.time.Instant.parse(text),
                        ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                in.error("orderedAt", "must be a date such as 2026-11-03 or an instant such as 2026-11-03T10:00:00Z");
                return null;
            }
        }

        private static RowOutcome failed(FieldReader in) {
            var e = in.errors().get(0);
            return RowOutcome.failed(e.field() + ": " + e.message());
        }
    }
}
