package org.mosaiccrm.contacts.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.NumericProperty;
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
    /** {@code todo} or {@code call} ({@link org.mosaiccrm.contacts.api.TaskKind#id}). */
    public static final StringProperty<String> KIND = PropertyFactory.createString("kind", String.class);
    /** A logged call's outcome ({@link org.mosaiccrm.contacts.api.CallOutcome#id}), null before. */
    public static final StringProperty<String> OUTCOME = PropertyFactory.createString("outcome", String.class);
    public static final NumericProperty<Integer> REPEAT_DAYS = PropertyFactory.createNumeric("repeatDays", Integer.class);
    public static final StringProperty<String> SOURCE = PropertyFactory.createString("source", String.class);
    /** The call that followed this one, once its outcome asked for another. */
    public static final StringProperty<String> NEXT_ID = PropertyFactory.createString("nextId", String.class);

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

    public String getKind() {
        return (String) readProperty("kind");
    }

    public void setKind(String value) {
        writeProperty("kind", value);
    }

    public String getOutcome() {
        return (String) readProperty("outcome");
    }

    public void setOutcome(String value) {
        writeProperty("outcome", value);
    }

    public Integer getRepeatDays() {
        return (Integer) readProperty("repeatDays");
    }

    public void setRepeatDays(Integer value) {
        writeProperty("repeatDays", value);
    }

    public String getSource() {
        return (String) readProperty("source");
    }

    public void setSource(String value) {
        writeProperty("source", value);
    }

    public String getNextId() {
        return (String) readProperty("nextId");
    }

    public void setNextId(String value) {
        writeProperty("nextId", value);
    }
}
