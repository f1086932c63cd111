package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * How orders are made, one way for all three sources (the API, a won deal, an import): an
 * order with its lines, its total their sum, owned by whoever the caller says. Inside the
 * caller's transaction.
 */
final class Orders {

    /** A line to be: the product (already found or created), quantity, unit price and discount. */
    record Line(Product product, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
    }

    private Orders() {
    }

    static SalesOrder create(ObjectContext ctx, String number, String personId, String organizationId, LocalDateTime orderedAt,
            String currency, String dealId, String ownerId, String teamId) {
        SalesOrder o = ctx.newObject(SalesOrder.class);
        o.setNumber(number);
        o.setPersonId(personId);
        o.setOrganizationId(organizationId);
        o.setOrderedAt(orderedAt);
        o.setCurrency(currency);
        o.setDealId(dealId);
        o.setTotal(BigDecimal.ZERO.setScale(org.mosaiccrm.platform.api.money.Money.SCALE));
        o.setOwnerId(ownerId);
        o.setTeamId(teamId);
        return o;
    }

    /** Appends a line at the end of the order and adds it to the total. */
    static OrderLine add(ObjectContext ctx, SalesOrder order, int position, Line line) {
        OrderLine l = ctx.newObject(OrderLine.class);
        l.setOrderId(order.getId());
        l.setPosition(position);
        l.setProductId(line.product().getId());
        l.setSku(line.product().getSku());
        l.setQuantity(line.quantity());
        l.setUnitPrice(line.unitPrice());
        l.setDiscountPercent(line.discountPercent());
        l.setOwnerId(order.getOwnerId());
        l.setTeamId(order.getTeamId());
        order.setTotal(order.getTotal().add(l.total()));
        return l;
    }

    static List<OrderLine> lines(ObjectContext ctx, String orderId) {
        return ObjectSelect.query(OrderLine.class).where(OrderLine.ORDER_ID.eq(orderId)).orderBy(OrderLine.POSITION.asc()).select(ctx);
    }

    /** The order of this number (ignoring case), whoever's it is, or null. */
    static SalesOrder byNumber(ObjectContext ctx, String number) {
        return ObjectSelect.query(SalesOrder.class).where(SalesOrder.NUMBER_KEY.eq(number.strip().toUpperCase(java.util.Locale.ROOT)))
                .selectOne(ctx);
    }

    /**
     * The order a deal that was just won brings, from its lines, once per deal: a deal won, lost
     * and won again has one order. Nothing for a deal without lines (nothing was itemised to sell).
     */
    static void fromWonDeal(ObjectContext ctx, Deal deal, LocalDateTime now) {
        List<DealLine> lines = DealFields.lines(ctx, deal.getId());
        lines.removeIf(l -> l.getPersistenceState() == org.apache.cayenne.PersistenceState.DELETED);
        boolean fresh = deal.getPersistenceState() == org.apache.cayenne.PersistenceState.NEW;
        if (!fresh && ObjectSelect.query(SalesOrder.class).where(SalesOrder.DEAL_ID.eq(deal.getId())).selectCount(ctx) > 0) {
            return;
        }
        List<DealLine> pending = new java.util.ArrayList<>(lines);
        for (Object o : ctx.newObjects()) {
            if (o instanceof DealLine l && l.getDealId().equals(deal.getId()) && !pending.contains(l)) {
                pending.add(l);
            }
        }
        if (pending.isEmpty() || deal.getCurrency() == null) {
            return;
        }
        pending.sort(java.util.Comparator.comparingInt(DealLine::getPosition));
        java.util.Map<String, Product> products = new java.util.HashMap<>();
        ObjectSelect.query(Product.class).where(MosaicRecord.ID.in(pending.stream().map(DealLine::getProductId).distinct().toList()))
                .select(ctx).forEach(p -> products.put(p.getId(), p));
        List<String> people = DealFields.personIds(deal);
        SalesOrder order = create(ctx, "D-" + deal.getId().substring(deal.getId().length() - 12).toUpperCase(java.util.Locale.ROOT),
                people.isEmpty() ? null : people.get(0), deal.getOrganizationId(), now, deal.getCurrency(), deal.getId(),
                deal.getOwnerId(), deal.getTeamId());
        int position = 0;
        for (DealLine l : pending) {
            add(ctx, order, position++, new Line(products.get(l.getProductId()), l.getQuantity(), l.getUnitPrice(), l.getDiscountPercent()));
        }
    }
}
