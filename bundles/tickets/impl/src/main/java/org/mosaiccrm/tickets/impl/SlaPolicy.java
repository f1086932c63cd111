package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** An SLA policy: targets per priority (JSON, minutes of working time) on a calendar, for one queue or, without one, for every queue that has none of its own. */
public class SlaPolicy extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> CALENDAR_ID = PropertyFactory.createString("calendarId", String.class);
    public static final StringProperty<String> QUEUE_ID = PropertyFactory.createString("queueId", String.class);
    public static final StringProperty<String> TARGETS_JSON = PropertyFactory.createString("targetsJson", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getCalendarId() {
        return (String) readProperty(CALENDAR_ID.getName());
    }

    public void setCalendarId(String value) {
        writeProperty(CALENDAR_ID.getName(), value);
    }

    public String getQueueId() {
        return (String) readProperty(QUEUE_ID.getName());
    }

    public void setQueueId(String value) {
        writeProperty(QUEUE_ID.getName(), value);
    }

    public String getTargetsJson() {
        return (String) readProperty(TARGETS_JSON.getName());
    }

    public void setTargetsJson(String value) {
        writeProperty(TARGETS_JSON.getName(), value);
    }

}
