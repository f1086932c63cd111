package org.mosaiccrm.platform.shell.internal;

import java.util.List;

/** The languages of the shell: every string it shows exists in each of them. */
final class Languages {

    static final String DEFAULT = "en";

    /** English first: it is the fallback for a key missing in another language. */
    static final List<String> SUPPORTED = List.of("en", "es", "ru", "sl", "tl");

    private Languages() {
    }

    static boolean isSupported(String code) {
        return code != null && SUPPORTED.contains(code);
    }
}
