package org.mosaiccrm.contacts.api;

/**
 * Event topics of contact records (posted after commit by the platform, see
 * {@code org.mosaiccrm.platform.api.events.RecordEvents}).
 */
public final class ContactEvents {

    public static final String MODULE = "contacts";
    public static final String ALL = "mosaic/contacts/*";
    public static final String PERSON = "mosaic/contacts/person/*";
    public static final String ORGANIZATION = "mosaic/contacts/organization/*";
    public static final String ACTIVITY = "mosaic/contacts/activity/*";

    private ContactEvents() {
    }
}
