package org.mosaiccrm.contacts.impl;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A custom field an administrator added to people or organizations at runtime. The values live
 * in the records' own {@code CUSTOM} JSON column, keyed by {@link #getKey()}; an archived
 * definition hides its values without deleting them. Columns and attributes: contacts.map.xml.
 */
public class FieldDefinition extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> ENTITY = PropertyFactory.createString("entity", String.class);
    public static final StringProperty<String> KEY = PropertyFactory.createString("key", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);
    public static final BaseProperty<Boolean> ARCHIVED = PropertyFactory.createBase("archived", Boolean.class);

    public String getEntity() {
        return (String) readProperty("entity");
    }

    public void setEntity(String value) {
        writeProperty("entity", value);
    }

    public String getKey() {
        return (String) readProperty("key");
    }

    public void setKey(String value) {
        writeProperty("key", value);
    }

    public String getLabel() {
        return (String) readProperty("label");
    }

    public void setLabel(String value) {
        writeProperty("label", value);
    }

    public String getType() {
        return (String) readProperty("type");
    }

    public void setType(String value) {
        writeProperty("type", value);
    }

    public String getChoicesJson() {
        return (String) readProperty("choicesJson");
    }

    public void setChoicesJson(String value) {
        writeProperty("choicesJson", value);
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(readProperty("required"));
    }

    public void setRequired(boolean value) {
        writeProperty("required", value);
    }

    public int getPosition() {
        Integer p = (Integer) readProperty("position");
        return p == null ? 0 : p;
    }

    public void setPosition(int value) {
        writeProperty("position", value);
    }

    public boolean isArchived() {
        return Boolean.TRUE.equals(readProperty("archived"));
    }

    public void setArchived(boolean value) {
        writeProperty("archived", value);
    }
}
