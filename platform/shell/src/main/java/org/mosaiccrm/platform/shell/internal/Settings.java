package org.mosaiccrm.platform.shell.internal;

/**
 * The company's settings as the API shows them. {@code version} grows with every change, so
 * that an administrator's stale form is refused instead of undoing someone else's change.
 * {@code timeZone} is an IANA zone id (e.g. {@code Europe/Ljubljana}), {@code currency} an ISO
 * 4217 code; {@code setupDone} turns true when an administrator completes the first-start setup.
 */
public record Settings(String companyName, String defaultLanguage, String theme, String timeZone, String currency,
        boolean setupDone, long version) {

    static final String DEFAULT_THEME = "light";
    static final String DEFAULT_TIME_ZONE = "UTC";
    static final String DEFAULT_CURRENCY = "EUR";

    static Settings defaults() {
        return new Settings("", Languages.DEFAULT, DEFAULT_THEME, DEFAULT_TIME_ZONE, DEFAULT_CURRENCY, false, 1);
    }

    Settings withVersion(long next) {
        return new Settings(companyName, defaultLanguage, theme, timeZone, currency, setupDone, next);
    }
}
