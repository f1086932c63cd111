package org.mosaiccrm.funnel.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A pipeline (entity {@code Pipeline}, table FN_PIPELINE): a name and a place in the administrators' order. */
public class PipelineEntity extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String name) {
        writeProperty(NAME.getName(), name);
    }

    public int getPosition() {
        return (Integer) readProperty(POSITION.getName());
    }

    public void setPosition(int position) {
        writeProperty(POSITION.getName(), position);
    }
}
