package org.mosaiccrm.funnel.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A rule that gives new leads to a team (table FN_ASSIGNMENT_RULE): when the lead's field has
 * the value (or always, without a field), the lead goes to the team, its owner the next of the
 * team's members in turn. Rules are tried in position order; the first that matches wins.
 */
public class AssignmentRule extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final NumericProperty<Integer> POSITION = PropertyFactory.createNumeric("position", Integer.class);
    public static final StringProperty<String> FIELD = PropertyFactory.createString("field", String.class);
    public static final StringProperty<String> VALUE = PropertyFactory.createString("value", String.class);
    public static final StringProperty<String> TARGET_TEAM_ID = PropertyFactory.createString("targetTeamId", String.class);
    public static final NumericProperty<Long> TURN = PropertyFactory.createNumeric("turn", Long.class);

    public Integer getPosition() {
        return (Integer) readProperty(POSITION.getName());
    }

    public void setPosition(Integer value) {
        writeProperty(POSITION.getName(), value);
    }

    public String getField() {
        return (String) readProperty(FIELD.getName());
    }

    public void setField(String value) {
        writeProperty(FIELD.getName(), value);
    }

    public String getValue() {
        return (String) readProperty(VALUE.getName());
    }

    public void setValue(String value) {
        writeProperty(VALUE.getName(), value);
    }

    public String getTargetTeamId() {
        return (String) readProperty(TARGET_TEAM_ID.getName());
    }

    public void setTargetTeamId(String value) {
        writeProperty(TARGET_TEAM_ID.getName(), value);
    }

    public Long getTurn() {
        return (Long) readProperty(TURN.getName());
    }

    public void setTurn(Long value) {
        writeProperty(TURN.getName(), value);
    }
}
