package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A business-hours calendar: time zone, working hours per weekday (JSON) and holidays (JSON). */
public class TicketCalendar extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> TIME_ZONE = PropertyFactory.createString("timeZone", String.class);
    public static final StringProperty<String> HOURS_JSON = PropertyFactory.createString("hoursJson", String.class);
    public static final StringProperty<String> HOLIDAYS_JSON = PropertyFactory.createString("holidaysJson", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getTimeZone() {
        return (String) readProperty(TIME_ZONE.getName());
    }

    public void setTimeZone(String value) {
        writeProperty(TIME_ZONE.getName(), value);
    }

    public String getHoursJson() {
        return (String) readProperty(HOURS_JSON.getName());
    }

    public void setHoursJson(String value) {
        writeProperty(HOURS_JSON.getName(), value);
    }

    public String getHolidaysJson() {
        return (String) readProperty(HOLIDAYS_JSON.getName());
    }

    public void setHolidaysJson(String value) {
        writeProperty(HOLIDAYS_JSON.getName(), value);
    }

}
