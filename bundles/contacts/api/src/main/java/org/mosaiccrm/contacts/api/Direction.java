package org.mosaiccrm.contacts.api;

import java.util.Locale;

/** Whether the customer or the company started an exchange. */
public enum Direction {
    INBOUND, OUTBOUND, INTERNAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
