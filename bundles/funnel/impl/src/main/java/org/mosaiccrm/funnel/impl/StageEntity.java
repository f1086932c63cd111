package org.mosaiccrm.funnel.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.funnel.api.Stage;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A stage of a pipeline (entity {@code Stage}, table FN_STAGE). */
public class StageEntity extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> PIPELINE_ID = PropertyFactory.createString("pipelineId", String.class);
    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);
    public static final NumericProperty<Integer> PROBABILITY = PropertyFactory.createNumeric("probability", Integer.class);
    public static final StringProperty<String> KIND = PropertyFactory.createString("kind", String.class);
    public static final NumericProperty<Integer> ROT_DAYS = PropertyFactory.createNumeric("rotDays", Integer.class);

    public String getPipelineId() {
        return (String) readProperty(PIPELINE_ID.getName());
    }

    public void setPipelineId(String id) {
        writeProperty(PIPELINE_ID.getName(), id);
    }

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

    public int getProbability() {
        return (Integer) readProperty(PROBABILITY.getName());
    }

    public void setProbability(int probability) {
        writeProperty(PROBABILITY.getName(), probability);
    }

    public StageKind getKind() {
        return StageKind.ofCode((String) readProperty(KIND.getName()));
    }

    public void setKind(StageKind kind) {
        writeProperty(KIND.getName(), kind.code());
    }

    public Integer getRotDays() {
        return (Integer) readProperty(ROT_DAYS.getName());
    }

    public void setRotDays(Integer days) {
        writeProperty(ROT_DAYS.getName(), days);
    }

    Stage view() {
        return new Stage(getId(), getName(), getPosition(), getProbability(), getKind(), getRotDays());
    }
}
