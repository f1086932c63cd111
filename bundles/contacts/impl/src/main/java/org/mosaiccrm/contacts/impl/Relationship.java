package org.mosaiccrm.contacts.impl;

import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** How a person relates to an organization: employee, former employee, partner, … Columns and attributes: contacts.map.xml. */
public class Relationship extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final StringProperty<String> KIND = PropertyFactory.createString("kind", String.class);
    public static final StringProperty<String> TITLE = PropertyFactory.createString("title", String.class);

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

    public String getKind() {
        return (String) readProperty("kind");
    }

    public void setKind(String value) {
        writeProperty("kind", value);
    }

    public String getTitle() {
        return (String) readProperty("title");
    }

    public void setTitle(String value) {
        writeProperty("title", value);
    }
}
