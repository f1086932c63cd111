package org.mosaiccrm.platform.shell.internal;

/**
 * The company's settings as the API shows them. {@code version} grows with every change, so
 * that an administrator's stale form is refused instead of undoing someone else's change.
 */
public record Settings(String companyName, String defaultLanguage, String theme, long version) {

    static final String DEFAULT_THEME = "light";

    static Settings defaults() {
        return new Settings("", Languages.DEFAULT, DEFAULT_THEME, 1);
    }
}
