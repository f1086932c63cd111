package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.ResultIterator;
import org.apache.cayenne.exp.ExpressionFactory;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ColumnSelect;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link OrderHistory}: one query over the orders with the user's access rule inside it, read
 * from its result set in batches, and each batch's lines in a few look-ups by order id (lines
 * carry their order's owner and team, so the same rule applies to them).
 */
@Component(service = {OrderHistory.class, OrderHistoryStore.class})
public class OrderHistoryStore implements OrderHistory {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Override
    public void forEach(UserPrincipal user, Filter filter, Consumer<Order> each) {
        read(user, where(filter), true, each);
    }

    /**
     * Two reads, each through its index (FN_ORDER_PERSON, FN_ORDER_ORG): an id is a person's or an
     * organization's, never both, so at most one of them finds orders and the order of time holds.
     */
    @Override
    public void forEachOfCustomer(UserPrincipal user, String customerId, Consumer<Order> each) {
        read(user, SalesOrder.PERSON_ID.eq(customerId), true, each);
        read(user, SalesOrder.ORGANIZATION_ID.eq(customerId).andExp(SalesOrder.PERSON_ID.isNull()), true, each);
    }

    @Override
    public void forEachWithoutLines(UserPrincipal user, Filter filter, Consumer<Order> each) {
        read(user, where(filter), false, each);
    }

    /**
     * Two grouped queries, the access rule inside each: orders naming a person, summed per person,
     * and orders naming only an organization, summed per organization (an id is one or the other,
     * so no customer is handed twice).
     */
    @Override
    public void forEachCustomer(UserPrincipal user, Filter filter, Consumer<CustomerTotals> each) {
        HistoryReads.requireRead(user);
        Expression where = where(filter);
        persistence.read(ctx -> {
            totals(ctx, user, SalesOrder.PERSON_ID, Records.and(where, SalesOrder.PERSON_ID.isNotNull()), each);
            totals(ctx, user, SalesOrder.ORGANIZATION_ID,
                    Records.and(where, SalesOrder.PERSON_ID.isNull().andExp(SalesOrder.ORGANIZATION_ID.isNotNull())), each);
            return null;
        });
    }

    private void totals(ObjectContext ctx, UserPrincipal user, StringProperty<String> customer, Expression where,
            Consumer<CustomerTotals> each) {
        ColumnSelect<Object[]> grouped = ObjectSelect.columnQuery(SalesOrder.class, customer, SalesOrder.CURRENCY, SalesOrder.ORDERED_AT.min(),
                SalesOrder.ORDERED_AT.max(), PropertyFactory.COUNT, SalesOrder.TOTAL.sum()).where(Records.visible(access, user, where));
        // Read whole (one row per customer), not through a cursor: PostgreSQL runs a query read
        // through a cursor without parallel workers, and its sort and grouping are most of the time.
        try (ResultIterator<Object[]> rows = grouped.iterator(ctx)) {
            for (Object[] r : rows) {
                each.accept(new CustomerTotals((String) r[0], (String) r[1], utc(r[2]), utc(r[3]), ((Number) r[4]).longValue(), (BigDecimal) r[5]));
            }
        }
    }

    /**
     * One query over the lines' order ids and SKUs (lines carry their order's owner and team, so
     * the access rule applies to them as it is; the order's time through its path), read as a
     * stream and gathered per order, each SKU kept once in memory however many lines name it.
     */
    @Override
    public void forEachBasket(UserPrincipal user, Filter filter, Consumer<List<String>> each) {
        HistoryReads.requireRead(user);
        Expression where = null;
        if (filter.from() != null) {
            where = ExpressionFactory.greaterOrEqualDbExp("order.ORDERED_AT", filter.from().atOffset(ZoneOffset.UTC).toLocalDateTime());
        }
        if (filter.to() != null) {
            where = Records.and(where, ExpressionFactory.lessDbExp("order.ORDERED_AT", filter.to().atOffset(ZoneOffset.UTC).toLocalDateTime()));
        }
        where = Records.and(where, filter.ownerId() == null ? null : MosaicRecord.OWNER_ID.eq(filter.ownerId()));
        where = Records.and(where, filter.teamId() == null ? null : MosaicRecord.TEAM_ID.eq(filter.teamId()));
        ColumnSelect<Object[]> lines = ObjectSelect.columnQuery(OrderLine.class, OrderLine.ORDER_ID, OrderLine.SKU)
                .where(Records.visible(access, user, where)).statementFetchSize(FETCH);
        Map<String, List<String>> byOrder = new HashMap<>();
        Map<String, String> skus = new HashMap<>();
        persistence.read(ctx -> {
            try (ResultIterator<Object[]> rows = lines.iterator(ctx)) {
                for (Object[] r : rows) {
                    byOrder.computeIfAbsent((String) r[0], k -> new ArrayList<>(4)).add(skus.computeIfAbsent((String) r[1], k -> k));
                }
            }
            return null;
        });
        byOrder.values().forEach(each);
    }

    /** Rows the lines' column read fetches at a time: a stream, not two million rows in the driver's memory at once. */
    private static final int FETCH = 5000;

    private static Instant utc(Object at) {
        return ((LocalDateTime) at).toInstant(ZoneOffset.UTC);
    }

    private void read(UserPrincipal user, Expression where, boolean withLines, Consumer<Order> each) {
        HistoryReads.inBatches(persistence, access, user, SalesOrder.class, where,
                ObjectSelect.query(SalesOrder.class).orderBy(SalesOrder.ORDERED_AT.asc(), MosaicRecord.ID.asc()), (ctx, batch) -> {
                    Map<String, List<Line>> lines = withLines ? lines(ctx, user, batch) : Map.of();
                    for (SalesOrder o : batch) {
                        each.accept(new Order(o.getId(), o.getNumber(), o.getPersonId(), o.getOrganizationId(),
                                o.getOrderedAt().toInstant(ZoneOffset.UTC), o.getCurrency(), o.getTotal(), o.getOwnerId(), o.getTeamId(),
                                lines.getOrDefault(o.getId(), List.of())));
                    }
                });
    }

    private static Expression where(Filter filter) {
        Expression where = null;
        if (filter.from() != null) {
            where = Records.and(where, SalesOrder.ORDERED_AT.gte(filter.from().atOffset(ZoneOffset.UTC).toLocalDateTime()));
        }
        if (filter.to() != null) {
            where = Records.and(where, SalesOrder.ORDERED_AT.lt(filter.to().atOffset(ZoneOffset.UTC).toLocalDateTime()));
        }
        if (filter.ownerId() != null) {
            where = Records.and(where, MosaicRecord.OWNER_ID.eq(filter.ownerId()));
        }
        if (filter.teamId() != null) {
            where = Records.and(where, MosaicRecord.TEAM_ID.eq(filter.teamId()));
        }
        return where;
    }

    private Map<String, List<Line>> lines(ObjectContext ctx, UserPrincipal user, List<SalesOrder> orders) {
        Map<String, List<Line>> byOrder = new HashMap<>();
        for (List<String> ids : HistoryReads.chunks(orders)) {
            for (OrderLine l : ObjectSelect.query(OrderLine.class).where(Records.visible(access, user, OrderLine.ORDER_ID.in(ids)))
                    .orderBy(OrderLine.POSITION.asc()).select(ctx)) {
                byOrder.computeIfAbsent(l.getOrderId(), k -> new ArrayList<>())
                        .add(new Line(l.getProductId(), l.getSku(), l.getQuantity(), l.total()));
            }
        }
        return byOrder;
    }
}
