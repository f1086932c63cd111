package org.mosaiccrm.funnel.api;

/**
 * The topics of the funnel's record events, as the platform posts them after every commit
 * ({@code mosaic/<module>/<type>/<change>}, see the platform's RecordEvents): what analytics
 * and automation subscribe to.
 */
public final class FunnelEvents {

    /** The module's id, the first segment after {@code mosaic/}. */
    public static final String MODULE = "funnel";
    /** Every change of a deal. */
    public static final String DEALS = "mosaic/funnel/deal/*";
    /** Every recorded stage move (moves are only ever created). */
    public static final String STAGE_MOVES = "mosaic/funnel/stagemove/created";

    private FunnelEvents() {
    }
}
