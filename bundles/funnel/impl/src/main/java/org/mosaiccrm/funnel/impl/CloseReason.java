package org.mosaiccrm.funnel.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A reason a deal is won or lost (table FN_REASON), from the list administrators keep. */
public class CloseReason extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> KIND = PropertyFactory.createString("kind", String.class);
    public static final StringProperty<String> TEXT = PropertyFactory.createString("text", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);

    public String getKind() {
        return (String) readProperty(KIND.getName());
    }

    public void setKind(String value) {
        writeProperty(KIND.getName(), value);
    }

    public String getText() {
        return (String) readProperty(TEXT.getName());
    }

    public void setText(String value) {
        writeProperty(TEXT.getName(), value);
    }

    public Integer getPosition() {
        return (Integer) readProperty(POSITION.getName());
    }

    public void setPosition(Integer value) {
        writeProperty(POSITION.getName(), value);
    }
}
