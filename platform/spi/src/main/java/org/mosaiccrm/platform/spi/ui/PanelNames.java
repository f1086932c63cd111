package org.mosaiccrm.platform.spi.ui;

import java.util.regex.Pattern;

/** The rules every panel's id and script follow, start page or record page alike. */
final class PanelNames {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SCRIPT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.js");

    private PanelNames() {
    }

    static void check(String id, String script) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A panel id is lower-case letters, digits and dashes: " + id);
        }
        if (script == null || !SCRIPT.matcher(script).matches()) {
            throw new IllegalArgumentException("A panel script is a .js file of the contribution's folder: " + script);
        }
    }
}
