package org.mosaiccrm.platform.persistence.internal;

import org.mosaiccrm.platform.api.persistence.MosaicRecord;

public class Memo extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final org.apache.cayenne.exp.property.StringProperty<String> TEXT_PROPERTY =
            org.apache.cayenne.exp.property.PropertyFactory.createString("text", String.class);

    public String getText() {
        return (String) readProperty("text");
    }

    public void setText(String text) {
        writeProperty("text", text);
    }
}
