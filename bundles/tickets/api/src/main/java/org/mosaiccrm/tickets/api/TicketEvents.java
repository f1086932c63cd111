package org.mosaiccrm.tickets.api;

/**
 * The topics of the tickets module's record events, as the platform posts them after every
 * commit ({@code mosaic/<module>/<type>/<change>}, see the platform's RecordEvents): what
 * analytics and automation subscribe to.
 */
public final class TicketEvents {

    /** The module's id, the first segment after {@code mosaic/}. */
    public static final String MODULE = "tickets";
    /** Every change of a ticket. */
    public static final String TICKETS = "mosaic/tickets/ticket/*";
    /** Every public reply and internal note (comments are only ever created). */
    public static final String COMMENTS = "mosaic/tickets/comment/created";

    private TicketEvents() {
    }
}
