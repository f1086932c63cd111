package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A public reply or an internal note on a ticket, owned like its ticket so that the same reach applies. */
public class TicketComment extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TICKET_ID = PropertyFactory.createString("ticketId", String.class);
    public static final StringProperty<String> AUTHOR_ID = PropertyFactory.createString("authorId", String.class);
    public static final StringProperty<String> BODY = PropertyFactory.createString("body", String.class);
    public static final BaseProperty<Boolean> IS_PUBLIC = PropertyFactory.createBase("isPublic", Boolean.class);
    /** The requester who wrote it through the portal (then there is no staff author); public always. */
    public static final StringProperty<String> AUTHOR_PERSON_ID = PropertyFactory.createString("authorPersonId", String.class);

    public String getAuthorPersonId() {
        return (String) readProperty(AUTHOR_PERSON_ID.getName());
    }

    public void setAuthorPersonId(String value) {
        writeProperty(AUTHOR_PERSON_ID.getName(), value);
    }

    public String getTicketId() {
        return (String) readProperty(TICKET_ID.getName());
    }

    public void setTicketId(String value) {
        writeProperty(TICKET_ID.getName(), value);
    }

    public String getAuthorId() {
        return (String) readProperty(AUTHOR_ID.getName());
    }

    public void setAuthorId(String value) {
        writeProperty(AUTHOR_ID.getName(), value);
    }

    public String getBody() {
        return (String) readProperty(BODY.getName());
    }

    public void setBody(String value) {
        writeProperty(BODY.getName(), value);
    }

    public Boolean isPublic() {
        return (Boolean) readProperty(IS_PUBLIC.getName());
    }

    public void setIsPublic(Boolean value) {
        writeProperty(IS_PUBLIC.getName(), value);
    }

}
