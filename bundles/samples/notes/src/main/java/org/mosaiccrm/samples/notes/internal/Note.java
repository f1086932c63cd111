package org.mosaiccrm.samples.notes.internal;

import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A note: a title, a body and custom field values, owned by a user and a team like every record. */
public class Note extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TITLE = PropertyFactory.createString("title", String.class);
    public static final StringProperty<String> BODY = PropertyFactory.createString("body", String.class);
    /** The title lower-cased: what the list sorts by, with an index of its own. */
    public static final StringProperty<String> TITLE_KEY = PropertyFactory.createString("titleKey", String.class);
    /** The values of the note's custom fields, one JSON object (FieldSchema). */
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);

    public static final int TITLE_MAX = 200;
    public static final int BODY_MAX = 10_000;

    public String getTitle() {
        return (String) readProperty(TITLE.getName());
    }

    public void setTitle(String title) {
        writeProperty(TITLE.getName(), title);
        writeProperty(TITLE_KEY.getName(), title == null ? null : title.toLowerCase(java.util.Locale.ROOT));
    }

    public String getBody() {
        return (String) readProperty(BODY.getName());
    }

    public void setBody(String body) {
        writeProperty(BODY.getName(), body);
    }

    public String getCustomJson() {
        return (String) readProperty(CUSTOM_JSON.getName());
    }

    public void setCustomJson(String json) {
        writeProperty(CUSTOM_JSON.getName(), json);
    }
}
