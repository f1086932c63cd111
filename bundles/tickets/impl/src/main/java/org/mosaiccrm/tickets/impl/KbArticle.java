package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A knowledge base article: its body is HTML made safe when it was written ({@link KbHtml}). A
 * draft or an internal article stays with the desk; customers find published public ones only.
 * Articles are the whole desk's: owner and team say who wrote it, not who may read it.
 */
public class KbArticle extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final String DRAFT = "draft";
    public static final String PUBLISHED = "published";

    public static final StringProperty<String> TITLE = PropertyFactory.createString("title", String.class);
    public static final StringProperty<String> BODY = PropertyFactory.createString("body", String.class);
    public static final StringProperty<String> CATEGORY = PropertyFactory.createString("category", String.class);
    public static final StringProperty<String> LANGUAGE = PropertyFactory.createString("language", String.class);
    public static final StringProperty<String> STATUS = PropertyFactory.createString("status", String.class);
    public static final BaseProperty<Boolean> INTERNAL = PropertyFactory.createBase("internal", Boolean.class);

    @Override
    public String displayName() {
        return getTitle();
    }

    public String getTitle() {
        return (String) readProperty(TITLE.getName());
    }

    public void setTitle(String value) {
        writeProperty(TITLE.getName(), value);
    }

    public String getBody() {
        return (String) readProperty(BODY.getName());
    }

    public void setBody(String value) {
        writeProperty(BODY.getName(), value);
    }

    public String getCategory() {
        return (String) readProperty(CATEGORY.getName());
    }

    public void setCategory(String value) {
        writeProperty(CATEGORY.getName(), value);
    }

    public String getLanguage() {
        return (String) readProperty(LANGUAGE.getName());
    }

    public void setLanguage(String value) {
        writeProperty(LANGUAGE.getName(), value);
    }

    public String getStatus() {
        return (String) readProperty(STATUS.getName());
    }

    public void setStatus(String value) {
        writeProperty(STATUS.getName(), value);
    }

    public Boolean isInternal() {
        return (Boolean) readProperty(INTERNAL.getName());
    }

    public void setInternal(Boolean value) {
        writeProperty(INTERNAL.getName(), value);
    }

    /** What customers may find: published and not internal. */
    public boolean isForCustomers() {
        return PUBLISHED.equals(getStatus()) && !Boolean.TRUE.equals(isInternal());
    }
}
