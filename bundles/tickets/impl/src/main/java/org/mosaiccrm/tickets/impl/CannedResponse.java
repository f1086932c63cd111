package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A canned response: a reply's text with merge fields, its owner's own or shared with everyone on the desk. */
public class CannedResponse extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> BODY = PropertyFactory.createString("body", String.class);
    public static final BaseProperty<Boolean> SHARED = PropertyFactory.createBase("shared", Boolean.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getBody() {
        return (String) readProperty(BODY.getName());
    }

    public void setBody(String value) {
        writeProperty(BODY.getName(), value);
    }

    public Boolean isShared() {
        return (Boolean) readProperty(SHARED.getName());
    }

    public void setShared(Boolean value) {
        writeProperty(SHARED.getName(), value);
    }
}
