package org.mosaiccrm.contacts.api;

import java.time.Instant;

/**
 * A task another module asks for (a campaign's call to an interested recipient).
 *
 * @param assigneeId who does it; null for the owner of the person (or organization) it is about
 * @param repeatDays for a call, the days until the next call when this one ends "not reached" or
 *                   "call back later"; null for no next call
 * @param source     what asked for it, {@code <module>:<record id>} (e.g. {@code campaigns:<campaign id>}),
 *                   by which {@link Tasks#outcomes} counts; null for none
 * @since 1.3
 */
public record NewTask(TaskKind kind, String title, String personId, String organizationId, String assigneeId, Instant dueAt,
        Integer repeatDays, String source) {

    public NewTask {
        if (kind == null || title == null || title.isBlank() || dueAt == null || (personId == null && organizationId == null)) {
            throw new IllegalArgumentException("A task needs a kind, a title, a due time and a person or an organization");
        }
        if (repeatDays != null && (repeatDays < 1 || repeatDays > 365)) {
            throw new IllegalArgumentException("repeatDays must be 1 to 365");
        }
    }
}
