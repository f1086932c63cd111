package org.mosaiccrm.campaigns.impl;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A web form (table CA_FORM): the fields it asks for and which person field each fills, the
 * consent text, the tags it adds, and whether it makes a person or (funnel on) a lead. Its
 * {@code publicId}, not its id, is in the public address, so a form can be replaced without
 * exposing record ids; only an active form takes submissions.
 */
public class WebForm extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final StringProperty<String> PUBLIC_ID = PropertyFactory.createString("publicId", String.class);
    public static final BaseProperty<Boolean> ACTIVE = PropertyFactory.createBase("active", Boolean.class);
    public static final StringProperty<String> FIELDS_JSON = PropertyFactory.createString("fieldsJson", String.class);
    public static final StringProperty<String> CONSENT_TEXT = PropertyFactory.createString("consentText", String.class);
    public static final StringProperty<String> TAGS_JSON = PropertyFactory.createString("tagsJson", String.class);
    public static final StringProperty<String> TARGET = PropertyFactory.createString("target", String.class);
    public static final StringProperty<String> REDIRECT_URL = PropertyFactory.createString("redirectUrl", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getNameKey() {
        return (String) readProperty(NAME_KEY.getName());
    }

    public void setNameKey(String value) {
        writeProperty(NAME_KEY.getName(), value);
    }

    public String getPublicId() {
        return (String) readProperty(PUBLIC_ID.getName());
    }

    public void setPublicId(String value) {
        writeProperty(PUBLIC_ID.getName(), value);
    }

    public Boolean getActive() {
        return (Boolean) readProperty(ACTIVE.getName());
    }

    public void setActive(Boolean value) {
        writeProperty(ACTIVE.getName(), value);
    }

    public String getFieldsJson() {
        return (String) readProperty(FIELDS_JSON.getName());
    }

    public void setFieldsJson(String value) {
        writeProperty(FIELDS_JSON.getName(), value);
    }

    public String getConsentText() {
        return (String) readProperty(CONSENT_TEXT.getName());
    }

    public void setConsentText(String value) {
        writeProperty(CONSENT_TEXT.getName(), value);
    }

    public String getTagsJson() {
        return (String) readProperty(TAGS_JSON.getName());
    }

    public void setTagsJson(String value) {
        writeProperty(TAGS_JSON.getName(), value);
    }

    public String getTarget() {
        return (String) readProperty(TARGET.getName());
    }

    public void setTarget(String value) {
        writeProperty(TARGET.getName(), value);
    }

    public String getRedirectUrl() {
        return (String) readProperty(REDIRECT_URL.getName());
    }

    public void setRedirectUrl(String value) {
        writeProperty(REDIRECT_URL.getName(), value);
    }
}
