package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A line item of a deal (table FN_DEAL_LINE): a product, a quantity, a unit price in the deal's
 * currency and a discount in percent. Owned like its deal.
 */
public class DealLine extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> DEAL_ID = PropertyFactory.createString("dealId", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);
    public static final StringProperty<String> PRODUCT_ID = PropertyFactory.createString("productId", String.class);
    public static final NumericProperty<BigDecimal> QUANTITY = PropertyFactory.createNumeric("quantity", BigDecimal.class);
    public static final NumericProperty<BigDecimal> UNIT_PRICE = PropertyFactory.createNumeric("unitPrice", BigDecimal.class);
    public static final NumericProperty<BigDecimal> DISCOUNT = PropertyFactory.createNumeric("discountPercent", BigDecimal.class);

    /** A line is part of a deal: logged and audited with it (one entry per deal, not one per line as well). */
    private static final PartOf PART_OF = new PartOf("Deal", DEAL_ID.getName());

    @Override
    public PartOf partOf() {
        return PART_OF;
    }

    public String getDealId() {
        return (String) readProperty(DEAL_ID.getName());
    }

    public void setDealId(String id) {
        writeProperty(DEAL_ID.getName(), id);
    }

    public int getPosition() {
        return (Integer) readProperty(POSITION.getName());
    }

    public void setPosition(int position) {
        writeProperty(POSITION.getName(), position);
    }

    public String getProductId() {
        return (String) readProperty(PRODUCT_ID.getName());
    }

    public void setProductId(String id) {
        writeProperty(PRODUCT_ID.getName(), id);
    }

    public BigDecimal getQuantity() {
        return (BigDecimal) readProperty(QUANTITY.getName());
    }

    public void setQuantity(BigDecimal quantity) {
        writeProperty(QUANTITY.getName(), quantity);
    }

    public BigDecimal getUnitPrice() {
        return (BigDecimal) readProperty(UNIT_PRICE.getName());
    }

    public void setUnitPrice(BigDecimal price) {
        writeProperty(UNIT_PRICE.getName(), price);
    }

    public BigDecimal getDiscountPercent() {
        return (BigDecimal) readProperty(DISCOUNT.getName());
    }

    public void setDiscountPercent(BigDecimal percent) {
        writeProperty(DISCOUNT.getName(), percent);
    }

    public BigDecimal total() {
        return total(getQuantity(), getUnitPrice(), getDiscountPercent());
    }

    /** quantity × unit price × (1 − discount / 100), at the stored scale: a deal's line and an order's alike. */
    static BigDecimal total(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
        BigDecimal gross = quantity.multiply(unitPrice);
        BigDecimal discount = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        return gross.subtract(gross.multiply(discount).movePointLeft(2))
                .setScale(org.mosaiccrm.platform.api.money.Money.SCALE, java.math.RoundingMode.HALF_EVEN);
    }
}
