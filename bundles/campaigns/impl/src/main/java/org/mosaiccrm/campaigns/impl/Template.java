package org.mosaiccrm.campaigns.impl;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A campaign's message (table CA_TEMPLATE): subject, sanitised HTML and plain text, with merge fields. */
public class Template extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final StringProperty<String> SUBJECT = PropertyFactory.createString("subject", String.class);
    public static final StringProperty<String> HTML_BODY = PropertyFactory.createString("htmlBody", String.class);
    public static final StringProperty<String> TEXT_BODY = PropertyFactory.createString("textBody", String.class);

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

    public String getSubject() {
        return (String) readProperty(SUBJECT.getName());
    }

    public void setSubject(String value) {
        writeProperty(SUBJECT.getName(), value);
    }

    public String getHtmlBody() {
        return (String) readProperty(HTML_BODY.getName());
    }

    public void setHtmlBody(String value) {
        writeProperty(HTML_BODY.getName(), value);
    }

    public String getTextBody() {
        return (String) readProperty(TEXT_BODY.getName());
    }

    public void setTextBody(String value) {
        writeProperty(TEXT_BODY.getName(), value);
    }
}
