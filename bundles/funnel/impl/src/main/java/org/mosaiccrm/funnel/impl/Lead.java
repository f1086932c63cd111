package org.mosaiccrm.funnel.impl;

import java.time.LocalDateTime;
import java.util.Locale;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A lead (table FN_LEAD): someone who may buy, before they are a person of contacts. Its status
 * goes new, working, then qualified or disqualified (with a reason); a converted lead points to
 * the person, organization and deal it became and is not changed again.
 */
public class Lead extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final String NEW = "new";
    public static final String CONVERTED = "converted";
    public static final String DISQUALIFIED = "disqualified";
    /** The statuses a user sets; converted is set by a conversion only. */
    public static final java.util.Set<String> STATUSES = java.util.Set.of(NEW, "working", "qualified", DISQUALIFIED);

    public static final StringProperty<String> FIRST_NAME = PropertyFactory.createString("firstName", String.class);
    public static final StringProperty<String> LAST_NAME = PropertyFactory.createString("lastName", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final StringProperty<String> COMPANY = PropertyFactory.createString("company", String.class);
    public static final StringProperty<String> EMAIL = PropertyFactory.createString("email", String.class);
    public static final StringProperty<String> EMAIL_KEY = PropertyFactory.createString("emailKey", String.class);
    public static final StringProperty<String> PHONE = PropertyFactory.createString("phone", String.class);
    public static final StringProperty<String> SOURCE = PropertyFactory.createString("source", String.class);
    public static final StringProperty<String> STATUS = PropertyFactory.createString("status", String.class);
    public static final StringProperty<String> REASON = PropertyFactory.createString("reason", String.class);
    public static final StringProperty<String> NOTES = PropertyFactory.createString("notes", String.class);
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);
    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final StringProperty<String> DEAL_ID = PropertyFactory.createString("dealId", String.class);
    public static final DateProperty<LocalDateTime> CONVERTED_AT = PropertyFactory.createDate("convertedAt", LocalDateTime.class);

    /** Last name, then first name, lower-cased: what the list sorts by, with an index of its own. */
    static String nameKey(String last, String first) {
        String key = ((last == null ? "" : last) + " " + (first == null ? "" : first)).strip().toLowerCase(Locale.ROOT);
        return key.length() > 200 ? key.substring(0, 200) : key;
    }

    public String getFirstName() {
        return (String) readProperty(FIRST_NAME.getName());
    }

    public void setFirstName(String value) {
        writeProperty(FIRST_NAME.getName(), value);
        writeProperty(NAME_KEY.getName(), nameKey(getLastName(), getFirstName()));
    }

    public String getLastName() {
        return (String) readProperty(LAST_NAME.getName());
    }

    public void setLastName(String value) {
        writeProperty(LAST_NAME.getName(), value);
        writeProperty(NAME_KEY.getName(), nameKey(getLastName(), getFirstName()));
    }

    public String getNameKey() {
        return (String) readProperty(NAME_KEY.getName());
    }

    public String getCompany() {
        return (String) readProperty(COMPANY.getName());
    }

    public void setCompany(String value) {
        writeProperty(COMPANY.getName(), value);
    }

    public String getEmail() {
        return (String) readProperty(EMAIL.getName());
    }

    public void setEmail(String value) {
        writeProperty(EMAIL.getName(), value);
        writeProperty(EMAIL_KEY.getName(), value == null ? null : value.toLowerCase(Locale.ROOT));
    }

    public String getEmailKey() {
        return (String) readProperty(EMAIL_KEY.getName());
    }

    public String getPhone() {
        return (String) readProperty(PHONE.getName());
    }

    public void setPhone(String value) {
        writeProperty(PHONE.getName(), value);
    }

    public String getSource() {
        return (String) readProperty(SOURCE.getName());
    }

    public void setSource(String value) {
        writeProperty(SOURCE.getName(), value);
    }

    public String getStatus() {
        return (String) readProperty(STATUS.getName());
    }

    public void setStatus(String value) {
        writeProperty(STATUS.getName(), value);
    }

    public String getReason() {
        return (String) readProperty(REASON.getName());
    }

    public void setReason(String value) {
        writeProperty(REASON.getName(), value);
    }

    public String getNotes() {
        return (String) readProperty(NOTES.getName());
    }

    public void setNotes(String value) {
        writeProperty(NOTES.getName(), value);
    }

    public String getCustomJson() {
        return (String) readProperty(CUSTOM_JSON.getName());
    }

    public void setCustomJson(String value) {
        writeProperty(CUSTOM_JSON.getName(), value);
    }

    public String getPersonId() {
        return (String) readProperty(PERSON_ID.getName());
    }

    public void setPersonId(String value) {
        writeProperty(PERSON_ID.getName(), value);
    }

    public String getOrganizationId() {
        return (String) readProperty(ORGANIZATION_ID.getName());
    }

    public void setOrganizationId(String value) {
        writeProperty(ORGANIZATION_ID.getName(), value);
    }

    public String getDealId() {
        return (String) readProperty(DEAL_ID.getName());
    }

    public void setDealId(String value) {
        writeProperty(DEAL_ID.getName(), value);
    }

    public LocalDateTime getConvertedAt() {
        return (LocalDateTime) readProperty(CONVERTED_AT.getName());
    }

    public void setConvertedAt(LocalDateTime value) {
        writeProperty(CONVERTED_AT.getName(), value);
    }
}
