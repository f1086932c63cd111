package org.mosaiccrm.platform.shell.internal;

import java.util.List;

/** The languages of the shell: every string it shows exists in each of them (the platform's list). */
final class Languages {

    static final String DEFAULT = org.mosaiccrm.platform.api.i18n.Languages.DEFAULT;

    /** English first: it is the fallback for a key missing in another language. */
    static final List<String> SUPPORTED = org.mosaiccrm.platform.api.i18n.Languages.SUPPORTED;

    private Languages() {
    }

    static boolean isSupported(String code) {
        return org.mosaiccrm.platform.api.i18n.Languages.isSupported(code);
    }
}
