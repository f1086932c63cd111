package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A line of an order (table FN_ORDER_LINE): the product and its SKU as they were, quantity,
 * unit price and discount in the order's currency. Owned like its order.
 */
public class OrderLine extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> ORDER_ID = PropertyFactory.createString("orderId", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);
    public static final StringProperty<String> PRODUCT_ID = PropertyFactory.createString("productId", String.class);
    public static final StringProperty<String> SKU = PropertyFactory.createString("sku", String.class);
    public static final NumericProperty<BigDecimal> QUANTITY = PropertyFactory.createNumeric("quantity", BigDecimal.class);
    public static final NumericProperty<BigDecimal> UNIT_PRICE = PropertyFactory.createNumeric("unitPrice", BigDecimal.class);
    public static final NumericProperty<BigDecimal> DISCOUNT_PERCENT = PropertyFactory.createNumeric("discountPercent", BigDecimal.class);

    /** A line is part of an order: logged and audited with it (one entry per order, not one per line as well). */
    private static final PartOf PART_OF = new PartOf("Order", ORDER_ID.getName());

    @Override
    public PartOf partOf() {
        return PART_OF;
    }

    public String getOrderId() {
        return (String) readProperty(ORDER_ID.getName());
    }

    public void setOrderId(String value) {
        writeProperty(ORDER_ID.getName(), value);
    }

    public Integer getPosition() {
        return (Integer) readProperty(POSITION.getName());
    }

    public void setPosition(Integer value) {
        writeProperty(POSITION.getName(), value);
    }

    public String getProductId() {
        return (String) readProperty(PRODUCT_ID.getName());
    }

    public void setProductId(String value) {
        writeProperty(PRODUCT_ID.getName(), value);
    }

    public String getSku() {
        return (String) readProperty(SKU.getName());
    }

    public void setSku(String value) {
        writeProperty(SKU.getName(), value);
    }

    public BigDecimal getQuantity() {
        return (BigDecimal) readProperty(QUANTITY.getName());
    }

    public void setQuantity(BigDecimal value) {
        writeProperty(QUANTITY.getName(), value);
    }

    public BigDecimal getUnitPrice() {
        return (BigDecimal) readProperty(UNIT_PRICE.getName());
    }

    public void setUnitPrice(BigDecimal value) {
        writeProperty(UNIT_PRICE.getName(), value);
    }

    public BigDecimal getDiscountPercent() {
        return (BigDecimal) readProperty(DISCOUNT_PERCENT.getName());
    }

    public void setDiscountPercent(BigDecimal value) {
        writeProperty(DISCOUNT_PERCENT.getName(), value);
    }

    public BigDecimal total() {
        return DealLine.total(getQuantity(), getUnitPrice(), getDiscountPercent());
    }
}
