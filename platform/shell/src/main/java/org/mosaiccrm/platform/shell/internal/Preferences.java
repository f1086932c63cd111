package org.mosaiccrm.platform.shell.internal;

/** What a user chose for themselves; null means "follow the default" (browser language, company theme). */
public record Preferences(String language, String theme) {

    static final Preferences NONE = new Preferences(null, null);
}
