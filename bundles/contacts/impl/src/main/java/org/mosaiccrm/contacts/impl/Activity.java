package org.mosaiccrm.contacts.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** One entry of the timeline: a call, email, meeting, note, chat, social message, SMS or web visit. Columns and attributes: contacts.map.xml. */
public class Activity extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TYPE = PropertyFactory.createString("type", String.class);
    public static final StringProperty<String> DIRECTION = PropertyFactory.createString("direction", String.class);
    public static final StringProperty<String> SUBJECT = PropertyFactory.createString("subject", String.class);
    public static final StringProperty<String> BODY = PropertyFactory.createString("body", String.class);
    public static final DateProperty<LocalDateTime> OCCURRED_AT = PropertyFactory.createDate("occurredAt", LocalDateTime.class);
    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final StringProperty<String> PARTICIPANTS_JSON = PropertyFactory.createString("participantsJson", String.class);
    public static final StringProperty<String> SOURCE_MODULE = PropertyFactory.createString("sourceModule", String.class);

    public String getType() {
        return (String) readProperty("type");
    }

    public void setType(String value) {
        writeProperty("type", value);
    }

    public String getDirection() {
        return (String) readProperty("direction");
    }

    public void setDirection(String value) {
        writeProperty("direction", value);
    }

    public String getSubject() {
        return (String) readProperty("subject");
    }

    public void setSubject(String value) {
        writeProperty("subject", value);
    }

    public String getBody() {
        return (String) readProperty("body");
    }

    public void setBody(String value) {
        writeProperty("body", value);
    }

    public LocalDateTime getOccurredAt() {
        return (LocalDateTime) readProperty("occurredAt");
    }

    public void setOccurredAt(LocalDateTime value) {
        writeProperty("occurredAt", value);
    }

    public String getPersonId() {
        return (String) readProperty("personId");
    }

    public void setPersonId(String value) {
        writeProperty("personId", value);
    }

    public String getOrganizationId() {
        return (String) readProperty("organizationId");
    }

    public void setOrganizationId(String value) {
        writeProperty("organizationId", value);
    }

    public String getParticipantsJson() {
        return (String) readProperty("participantsJson");
    }

    public void setParticipantsJson(String value) {
        writeProperty("participantsJson", value);
    }

    public String getSourceModule() {
        return (String) readProperty("sourceModule");
    }

    public void setSourceModule(String value) {
        writeProperty("sourceModule", value);
    }
}
