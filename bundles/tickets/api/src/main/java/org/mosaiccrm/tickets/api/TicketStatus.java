package org.mosaiccrm.tickets.api;

import java.util.Locale;

/** Where a ticket stands. Pending (waiting for the customer) and on hold pause its SLA clocks; solved and closed stop them. */
public enum TicketStatus {
    NEW, OPEN, PENDING, ON_HOLD, SOLVED, CLOSED;

    /** As JSON and the database write it: lower case, {@code _} as in {@code on_hold}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the SLA clocks stand still while a ticket is in this status (the customer or someone else has the next move). */
    public boolean pausesClocks() {
        return this == PENDING || this == ON_HOLD;
    }

    /** Whether the ticket is done with (solved or closed): no clock runs. */
    public boolean isDone() {
        return this == SOLVED || this == CLOSED;
    }

    /** The value of a code, or null for anything else. */
    public static TicketStatus ofCode(String code) {
        for (TicketStatus v : values()) {
            if (v.code().equals(code)) {
                return v;
            }
        }
        return null;
    }
}
