package org.mosaiccrm.platform.spi.ui;

import java.util.regex.Pattern;

/**
 * One entry of the shell's top navigation.
 *
 * @param labelKey   message key of the label, e.g. {@code notes.menu}
 * @param route      client-side path it opens, e.g. {@code /notes}; one of the contribution's routes
 * @param permission permission the user needs to see the entry, or null for every signed-in user
 * @param administratorsOnly true when only administrators see the entry (the console)
 * @param order      position in the navigation, smaller first
 */
public record MenuEntry(String labelKey, String route, String permission, boolean administratorsOnly, int order) {

    private static final Pattern ROUTE = Pattern.compile("/([a-z0-9-]+(/[a-z0-9-]+)*)?");

    public MenuEntry {
        if (labelKey == null || labelKey.isBlank()) {
            throw new IllegalArgumentException("A menu entry needs a message key");
        }
        if (route == null || !ROUTE.matcher(route).matches()) {
            throw new IllegalArgumentException("A route is an absolute lower-case path such as /notes: " + route);
        }
    }

    /** An entry every signed-in user holding the permission sees (null: everyone signed in). */
    public static MenuEntry of(String labelKey, String route, String permission, int order) {
        return new MenuEntry(labelKey, route, permission, false, order);
    }

    /** An entry only administrators see. */
    public static MenuEntry forAdministrators(String labelKey, String route, int order) {
        return new MenuEntry(labelKey, route, null, true, order);
    }
}
