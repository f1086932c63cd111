package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.time.ZoneOffset;

/** A ticket's rating as staff, the portal and the rating link show it: {@code {"score","comment","ratedAt"}}; null when not rated. */
public record TicketSatisfactionView(int score, String comment, Instant ratedAt) {

    static TicketSatisfactionView of(Ticket t) {
        return t.getRatedAt() == null || t.getSatisfactionScore() == null ? null
                : new TicketSatisfactionView(t.getSatisfactionScore(), t.getSatisfactionComment(), t.getRatedAt().toInstant(ZoneOffset.UTC));
    }
}
