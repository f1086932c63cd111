package org.mosaiccrm.contacts.api;

import java.util.Locale;

/** The channels of the activity timeline. */
public enum ActivityType {
    CALL, EMAIL, MEETING, NOTE, CHAT, SOCIAL, SMS, WEB;

    /** The lower-case name used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActivityType of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
