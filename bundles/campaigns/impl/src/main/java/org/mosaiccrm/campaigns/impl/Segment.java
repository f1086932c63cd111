package org.mosaiccrm.campaigns.impl;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A saved dynamic filter over people (table CA_SEGMENT): its rules are evaluated by contacts, at preview and at send time, within the user's reach. */
public class Segment extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final BaseProperty<Boolean> MATCH_ALL = PropertyFactory.createBase("matchAll", Boolean.class);
    public static final StringProperty<String> RULES_JSON = PropertyFactory.createString("rulesJson", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getNameKey() {
        return (String) readProperty(NAME_KEY.getName());
    }

    public void setNameKey(String value) {
        writeProperty(NAME_KEY.getName(), value);
    }

    public Boolean getMatchAll() {
        return (Boolean) readProperty(MATCH_ALL.getName());
    }

    public void setMatchAll(Boolean value) {
        writeProperty(MATCH_ALL.getName(), value);
    }

    public String getRulesJson() {
        return (String) readProperty(RULES_JSON.getName());
    }

    public void setRulesJson(String value) {
        writeProperty(RULES_JSON.getName(), value);
    }
}
