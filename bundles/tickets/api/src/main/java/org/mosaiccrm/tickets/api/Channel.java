package org.mosaiccrm.tickets.api;

import java.util.Locale;

/** How a ticket reached the desk. */
public enum Channel {
    EMAIL, PORTAL, PHONE, WEB, CHAT;

    /** As JSON and the database write it: lower case, {@code _} as in {@code on_hold}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a code, or null for anything else. */
    public static Channel ofCode(String code) {
        for (Channel v : values()) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        return null;
    }
}
