package org.mosaiccrm.contacts.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** Something to do about a person or organization, by a due time, for an assignee. Columns and attributes: contacts.map.xml. */
public class Task extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TITLE = PropertyFactory.createString("title", String.class);
    public static final DateProperty<LocalDateTime> DUE_AT = PropertyFactory.createDate("dueAt", LocalDateTime.class);
    public static final StringProperty<String> ASSIGNEE_ID = PropertyFactory.createString("assigneeId", String.class);
    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final BaseProperty<Boolean> DONE = PropertyFactory.createBase("done", Boolean.class);
    public static final DateProperty<LocalDateTime> REMINDED_AT = PropertyFactory.createDate("remindedAt", LocalDateTime.class);

    public String getTitle() {
        return (String) readProperty("title");
    }

    public void setTitle(String value) {
        writeProperty("title", value);
    }

    public LocalDateTime getDueAt() {
        return (LocalDateTime) readProperty("dueAt");
    }

    public void setDueAt(LocalDateTime value) {
        writeProperty("dueAt", value);
    }

    public String getAssigneeId() {
        return (String) readProperty("assigneeId");
    }

    public void setAssigneeId(String value) {
        writeProperty("assigneeId", value);
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

    public boolean isDone() {
        return Boolean.TRUE.equals(readProperty("done"));
    }

    public void setDone(boolean value) {
        writeProperty("done", value);
    }

    public LocalDateTime getRemindedAt() {
        return (LocalDateTime) readProperty("remindedAt");
    }

    public void setRemindedAt(LocalDateTime value) {
        writeProperty("remindedAt", value);
    }
}
