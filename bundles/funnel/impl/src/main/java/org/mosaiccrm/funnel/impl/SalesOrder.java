package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A sales order (table FN_ORDER): what a customer bought, when, in one currency, line by line
 * (FN_ORDER_LINE). Orders are history: created by a won deal, the API or an import, never
 * changed afterwards, deleted only by those who may delete. Analytics read them (RFM, baskets,
 * lifetime value).
 */
public class SalesOrder extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NUMBER = PropertyFactory.createString("number", String.class);
    public static final StringProperty<String> NUMBER_KEY = PropertyFactory.createString("numberKey", String.class);
    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final DateProperty<LocalDateTime> ORDERED_AT = PropertyFactory.createDate("orderedAt", LocalDateTime.class);
    public static final StringProperty<String> CURRENCY = PropertyFactory.createString("currency", String.class);
    public static final NumericProperty<BigDecimal> TOTAL = PropertyFactory.createNumeric("total", BigDecimal.class);
    public static final StringProperty<String> DEAL_ID = PropertyFactory.createString("dealId", String.class);

    public String getNumber() {
        return (String) readProperty(NUMBER.getName());
    }

    public void setNumber(String value) {
        writeProperty(NUMBER.getName(), value);
        writeProperty(NUMBER_KEY.getName(), value == null ? null : value.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public String getNumberKey() {
        return (String) readProperty(NUMBER_KEY.getName());
    }

    public String getPersonId() {
        return (String) readProperty(PERSON_ID.getName());
    }

    public void setPersonId(String value) {
        writeProperty(PERSON_ID.getName(), value);
    }

    public String getOrganizationId() {
        return (String) readProperty(ORGANIZATION_ID.getName());
    }

    public void setOrganizationId(String value) {
        writeProperty(ORGANIZATION_ID.getName(), value);
    }

    public LocalDateTime getOrderedAt() {
        return (LocalDateTime) readProperty(ORDERED_AT.getName());
    }

    public void setOrderedAt(LocalDateTime value) {
        writeProperty(ORDERED_AT.getName(), value);
    }

    public String getCurrency() {
        return (String) readProperty(CURRENCY.getName());
    }

    public void setCurrency(String value) {
        writeProperty(CURRENCY.getName(), value);
    }

    public BigDecimal getTotal() {
        return (BigDecimal) readProperty(TOTAL.getName());
    }

    public void setTotal(BigDecimal value) {
        writeProperty(TOTAL.getName(), value);
    }

    public String getDealId() {
        return (String) readProperty(DEAL_ID.getName());
    }

    public void setDealId(String value) {
        writeProperty(DEAL_ID.getName(), value);
    }
}
