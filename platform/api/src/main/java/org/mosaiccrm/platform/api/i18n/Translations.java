package org.mosaiccrm.platform.api.i18n;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The texts of message keys in the five languages, from the UI messages of the web shell and
 * of every module's {@code UiContribution} (a module's keys start with its id: its field labels
 * are {@code <module>.field.<name>}, its record types {@code <module>.type.<type>}, and the
 * texts of its own problem and field error codes are its codes themselves). A module that is
 * switched off takes its texts with it. Registered by the web shell.
 */
@ProviderType
public interface Translations {

    /**
     * The language for a request by {@link Languages#choose}: the preference of the user with
     * this id (null for an anonymous request), else the {@code Accept-Language} header (may be
     * null), else the company's language, else English.
     */
    String languageFor(String userId, String acceptLanguage);

    /** The key's text in the language, else in English; null when no one has the key. */
    String text(String language, String key);

    /**
     * The key's text in the language with its {@code {name}} placeholders filled
     * ({@link Texts#format}): what the server writes to a person (a mail) in their language.
     *
     * @throws IllegalStateException when no one has the key: a text the caller relies on is missing
     * @since 1.1
     */
    default String text(String language, String key, java.util.Map<String, ?> params) {
        String pattern = text(language, key);
        if (pattern == null) {
            throw new IllegalStateException("No text for " + key);
        }
        return Texts.format(pattern, params);
    }
}
