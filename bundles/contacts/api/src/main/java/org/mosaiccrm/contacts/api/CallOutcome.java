package org.mosaiccrm.contacts.api;

import java.util.Locale;

/**
 * How a call went, logged from its task: reached ends the follow-up; not reached and call back
 * later schedule the next call after the task's {@code repeatDays}.
 *
 * @since 1.3
 */
public enum CallOutcome {
    REACHED("reached"), NOT_REACHED("notReached"), CALL_BACK_LATER("callBackLater");

    private final String id;

    CallOutcome(String id) {
        this.id = id;
    }

    /** The name used in JSON. */
    public String id() {
        return id;
    }

    /** Whether another call follows. */
    public boolean callsAgain() {
        return this != REACHED;
    }

    /** The outcome of this JSON name, or null for none of them. */
    public static CallOutcome of(String id) {
        for (CallOutcome o : values()) {
            if (o.id.equals(id) || o.name().equals(id == null ? null : id.toUpperCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }
}
