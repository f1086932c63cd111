package org.mosaiccrm.tickets.api;

import java.util.Locale;

/** How urgent a ticket is: each has its own SLA targets. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    /** As JSON and the database write it: lower case, {@code _} as in {@code on_hold}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value of a code, or null for anything else. */
    public static Priority ofCode(String code) {
        for (Priority v : values()) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        return null;
    }
}
