package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A queue of tickets, owned by a team (the record's team): the team that works its tickets. */
public class TicketQueue extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

}
