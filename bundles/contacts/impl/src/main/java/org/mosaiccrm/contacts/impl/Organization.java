package org.mosaiccrm.contacts.impl;

import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.CollationKeys;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A company or other body the team deals with. Columns and attributes: contacts.map.xml. */
public class Organization extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    /** The name lower-cased: how imports and the name filter match an organization. */
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    /** The name in the company's collation (CollationKeys): what the list sorts by, with an index of its own. */
    public static final StringProperty<String> SORT_KEY = PropertyFactory.createString("sortKey", String.class);
    public static final StringProperty<String> DOMAIN = PropertyFactory.createString("domain", String.class);
    public static final StringProperty<String> INDUSTRY = PropertyFactory.createString("industry", String.class);
    public static final StringProperty<String> SIZE = PropertyFactory.createString("size", String.class);
    public static final StringProperty<String> PHONES_JSON = PropertyFactory.createString("phonesJson", String.class);
    public static final StringProperty<String> ADDRESSES_JSON = PropertyFactory.createString("addressesJson", String.class);
    public static final StringProperty<String> TAGS_JSON = PropertyFactory.createString("tagsJson", String.class);
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);

    public String getName() {
        return (String) readProperty("name");
    }

    public void setName(String value) {
        writeProperty("name", value);
    }

    public String getNameKey() {
        return (String) readProperty("nameKey");
    }

    public void setNameKey(String value) {
        writeProperty("nameKey", value);
    }

    /** After the name changed: the keys derived from it. */
    void nameChanged() {
        String name = getName();
        setNameKey(name == null ? null : name.toLowerCase(java.util.Locale.ROOT));
        writeProperty("sortKey", CollationKeys.key(name, Person.SORT_KEY_LENGTH));
    }

    public String getDomain() {
        return (String) readProperty("domain");
    }

    public void setDomain(String value) {
        writeProperty("domain", value);
    }

    public String getIndustry() {
        return (String) readProperty("industry");
    }

    public void setIndustry(String value) {
        writeProperty("industry", value);
    }

    public String getSize() {
        return (String) readProperty("size");
    }

    public void setSize(String value) {
        writeProperty("size", value);
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

    public String getCustomJson() {
        return (String) readProperty("customJson");
    }

    public void setCustomJson(String value) {
        writeProperty("customJson", value);
    }
}
