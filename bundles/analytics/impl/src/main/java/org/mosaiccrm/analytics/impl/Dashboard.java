package org.mosaiccrm.analytics.impl;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A dashboard (table AN_DASHBOARD): its name, whether it is shared with everyone who reads
 * analytics or personal to its owner, its filter applied to all widgets (JSON) and its widgets
 * (JSON), each with its source, chart, period and filters.
 */
public class Dashboard extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final org.apache.cayenne.exp.property.BaseProperty<Boolean> SHARED = PropertyFactory.createBase("shared", Boolean.class);
    public static final StringProperty<String> FILTERS_JSON = PropertyFactory.createString("filtersJson", String.class);
    public static final StringProperty<String> WIDGETS_JSON = PropertyFactory.createString("widgetsJson", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public boolean isShared() {
        return Boolean.TRUE.equals(readProperty(SHARED.getName()));
    }

    public void setShared(boolean value) {
        writeProperty(SHARED.getName(), value);
    }

    public String getFiltersJson() {
        return (String) readProperty(FILTERS_JSON.getName());
    }

    public void setFiltersJson(String value) {
        writeProperty(FILTERS_JSON.getName(), value);
    }

    public String getWidgetsJson() {
        return (String) readProperty(WIDGETS_JSON.getName());
    }

    public void setWidgetsJson(String value) {
        writeProperty(WIDGETS_JSON.getName(), value);
    }
}
