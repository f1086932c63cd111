package org.mosaiccrm.contacts.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.CollationKeys;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A person, in any script, with several emails and phones, consent and custom fields. Columns and attributes: contacts.map.xml. */
public class Person extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> FIRST_NAME = PropertyFactory.createString("firstName", String.class);
    public static final StringProperty<String> LAST_NAME = PropertyFactory.createString("lastName", String.class);
    /**
     * What the lists sort by, each with an index of its own (see ContactsModule): the name in
     * the company's collation, then the other name ({@link #sortKeys}), so that one column
     * orders by last name, then first name (and the id after both, as every sort).
     */
    public static final StringProperty<String> FIRST_NAME_KEY = PropertyFactory.createString("firstNameKey", String.class);
    public static final StringProperty<String> LAST_NAME_KEY = PropertyFactory.createString("lastNameKey", String.class);
    public static final StringProperty<String> JOB_TITLE = PropertyFactory.createString("jobTitle", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final StringProperty<String> LIFECYCLE_STAGE = PropertyFactory.createString("lifecycleStage", String.class);
    public static final StringProperty<String> SOURCE = PropertyFactory.createString("source", String.class);
    public static final StringProperty<String> EMAILS_JSON = PropertyFactory.createString("emailsJson", String.class);
    public static final StringProperty<String> PRIMARY_EMAIL = PropertyFactory.createString("primaryEmail", String.class);
    public static final StringProperty<String> PHONES_JSON = PropertyFactory.createString("phonesJson", String.class);
    public static final StringProperty<String> ADDRESSES_JSON = PropertyFactory.createString("addressesJson", String.class);
    public static final StringProperty<String> TAGS_JSON = PropertyFactory.createString("tagsJson", String.class);
    public static final BaseProperty<Boolean> EMAIL_CONSENT = PropertyFactory.createBase("emailConsent", Boolean.class);
    public static final DateProperty<LocalDateTime> EMAIL_CONSENT_AT = PropertyFactory.createDate("emailConsentAt", LocalDateTime.class);
    public static final StringProperty<String> EMAIL_CONSENT_SOURCE = PropertyFactory.createString("emailConsentSource", String.class);
    /** The address that bounced for good (a hard bounce): while it is still the primary one, the person is not mailable. */
    public static final StringProperty<String> EMAIL_BOUNCED = PropertyFactory.createString("emailBounced", String.class);
    public static final DateProperty<LocalDateTime> EMAIL_BOUNCED_AT = PropertyFactory.createDate("emailBouncedAt", LocalDateTime.class);
    public static final StringProperty<String> EMAIL_BOUNCE_REASON = PropertyFactory.createString("emailBounceReason", String.class);
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);
    public static final StringProperty<String> SEARCH_TEXT = PropertyFactory.createString("searchText", String.class);
    public static final StringProperty<String> DEDUPE_KEY = PropertyFactory.createString("dedupeKey", String.class);

    public String getFirstName() {
        return (String) readProperty("firstName");
    }

    public void setFirstName(String value) {
        writeProperty("firstName", value);
    }

    public String getLastName() {
        return (String) readProperty("lastName");
    }

    public void setLastName(String value) {
        writeProperty("lastName", value);
    }

    /** The longest sort key (the columns' length). */
    static final int SORT_KEY_LENGTH = 300;

    /**
     * The sort keys of the names (CollationKeys, in the company's language): last name then
     * first name for {@code lastName}, the other way round for {@code firstName}; a person
     * without the name sorts after everyone, among them by the other name. Set with the other
     * derived fields (PersonFields.derive), which every write of a name goes through.
     */
    void sortKeys() {
        String first = getFirstName();
        String last = getLastName();
        writeProperty("firstNameKey", CollationKeys.composite(SORT_KEY_LENGTH, first, last));
        writeProperty("lastNameKey", CollationKeys.composite(SORT_KEY_LENGTH, last, first));
    }

    public String getJobTitle() {
        return (String) readProperty("jobTitle");
    }

    public void setJobTitle(String value) {
        writeProperty("jobTitle", value);
    }

    public String getOrganizationId() {
        return (String) readProperty("organizationId");
    }

    public void setOrganizationId(String value) {
        writeProperty("organizationId", value);
    }

    public String getLifecycleStage() {
        return (String) readProperty("lifecycleStage");
    }

    public void setLifecycleStage(String value) {
        writeProperty("lifecycleStage", value);
    }

    public String getSource() {
        return (String) readProperty("source");
    }

    public void setSource(String value) {
        writeProperty("source", value);
    }

    public String getEmailsJson() {
        return (String) readProperty("emailsJson");
    }

    public void setEmailsJson(String value) {
        writeProperty("emailsJson", value);
    }

    public String getPrimaryEmail() {
        return (String) readProperty("primaryEmail");
    }

    public void setPrimaryEmail(String value) {
        writeProperty("primaryEmail", value);
    }

    public String getPhonesJson() {
        return (String) readProperty("phonesJson");
    }

    public void setPhonesJson(String value) {
        writeProperty("phonesJson", value);
    }

    public String getAddressesJson() {
        return (String) readProperty("addressesJson");
    }

    public void setAddressesJson(String value) {
        writeProperty("addressesJson", value);
    }

    public String getTagsJson() {
        return (String) readProperty("tagsJson");
    }

    public void setTagsJson(String value) {
        writeProperty("tagsJson", value);
    }

    public boolean isEmailConsent() {
        return Boolean.TRUE.equals(readProperty("emailConsent"));
    }

    public void setEmailConsent(boolean value) {
        writeProperty("emailConsent", value);
    }

    public LocalDateTime getEmailConsentAt() {
        return (LocalDateTime) readProperty("emailConsentAt");
    }

    public void setEmailConsentAt(LocalDateTime value) {
        writeProperty("emailConsentAt", value);
    }

    public String getEmailConsentSource() {
        return (String) readProperty("emailConsentSource");
    }

    public void setEmailConsentSource(String value) {
        writeProperty("emailConsentSource", value);
    }

    public String getCustomJson() {
        return (String) readProperty("customJson");
    }

    public void setCustomJson(String value) {
        writeProperty("customJson", value);
    }

    public String getSearchText() {
        return (String) readProperty("searchText");
    }

    public void setSearchText(String value) {
        writeProperty("searchText", value);
    }

    public String getDedupeKey() {
        return (String) readProperty("dedupeKey");
    }

    public void setDedupeKey(String value) {
        writeProperty("dedupeKey", value);
    }

    public String getEmailBounced() {
        return (String) readProperty("emailBounced");
    }

    public void setEmailBounced(String value) {
        writeProperty("emailBounced", value);
    }

    public LocalDateTime getEmailBouncedAt() {
        return (LocalDateTime) readProperty("emailBouncedAt");
    }

    public void setEmailBouncedAt(LocalDateTime value) {
        writeProperty("emailBouncedAt", value);
    }

    public String getEmailBounceReason() {
        return (String) readProperty("emailBounceReason");
    }

    public void setEmailBounceReason(String value) {
        writeProperty("emailBounceReason", value);
    }

    /** Whether the primary address is the one that bounced for good. */
    public boolean isEmailUndeliverable() {
        return getEmailBounced() != null && getEmailBounced().equals(getPrimaryEmail());
    }
}
