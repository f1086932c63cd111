package org.mosaiccrm.contacts.api;

import java.util.Locale;

/**
 * What a task asks for: something to do, or a call whose outcome is logged from the task.
 *
 * @since 1.3
 */
public enum TaskKind {
    TODO, CALL;

    /** The lower-case name used in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
