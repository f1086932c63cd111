package org.mosaiccrm.funnel.impl;

import java.util.Locale;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A product of the price list (table FN_PRODUCT): a SKU unique ignoring case, a name, whether it
 * is still sold, and its prices, one per currency (a JSON array of {currency, amount}).
 */
public class Product extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> SKU = PropertyFactory.createString("sku", String.class);
    /** The SKU upper-cased: what makes it unique, and what look-ups by SKU (order imports) use. */
    public static final StringProperty<String> SKU_KEY = PropertyFactory.createString("skuKey", String.class);
    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final org.apache.cayenne.exp.property.BaseProperty<Boolean> ACTIVE = PropertyFactory.createBase("active", Boolean.class);
    public static final StringProperty<String> PRICES_JSON = PropertyFactory.createString("pricesJson", String.class);

    /** The key a SKU is unique and looked up by. */
    public static String skuKey(String sku) {
        return sku == null ? null : sku.strip().toUpperCase(Locale.ROOT);
    }

    public String getSku() {
        return (String) readProperty(SKU.getName());
    }

    public void setSku(String sku) {
        writeProperty(SKU.getName(), sku);
        writeProperty(SKU_KEY.getName(), skuKey(sku));
    }

    public String getSkuKey() {
        return (String) readProperty(SKU_KEY.getName());
    }

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String name) {
        writeProperty(NAME.getName(), name);
        writeProperty(NAME_KEY.getName(), name == null ? null : name.toLowerCase(Locale.ROOT));
    }

    public boolean isActive() {
        return Boolean.TRUE.equals(readProperty(ACTIVE.getName()));
    }

    public void setActive(boolean active) {
        writeProperty(ACTIVE.getName(), active);
    }

    public String getPricesJson() {
        return (String) readProperty(PRICES_JSON.getName());
    }

    public void setPricesJson(String json) {
        writeProperty(PRICES_JSON.getName(), json);
    }
}
