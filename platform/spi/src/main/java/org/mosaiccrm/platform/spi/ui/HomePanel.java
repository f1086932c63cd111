package org.mosaiccrm.platform.spi.ui;

/**
 * A panel of the start page ("the user's day"): an ES module in the contribution's folder whose
 * exported {@code mount(container, mosaic)} renders into the panel's card. The start page shows
 * the panels of every enabled module the user may use, in {@link #order()}, so it works with
 * any mix of modules.
 *
 * @param id         short id, unique within the contribution, e.g. {@code today}
 * @param script     file name of the ES module in the contribution's folder, e.g. {@code home-panel.js}
 * @param permission permission the user needs to see the panel, or null for every signed-in user
 * @param administratorsOnly true when only administrators see it
 * @param order      position on the start page, smaller first
 */
public record HomePanel(String id, String script, String permission, boolean administratorsOnly, int order) {

    public HomePanel {
        PanelNames.check(id, script);
    }

    /** A panel for users holding the permission (null: everyone signed in). */
    public static HomePanel of(String id, String script, String permission, int order) {
        return new HomePanel(id, script, permission, false, order);
    }

    /** A panel only administrators see. */
    public static HomePanel forAdministrators(String id, String script, int order) {
        return new HomePanel(id, script, null, true, order);
    }
}
