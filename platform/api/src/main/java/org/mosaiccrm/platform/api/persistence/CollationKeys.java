package org.mosaiccrm.platform.api.persistence;

import java.text.CollationKey;
import java.text.Collator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sort keys for text that a list sorts by, stored in a column so that the column's index
 * serves the sort: the key's plain binary order (Derby's UTF-16 order, PostgreSQL's "C"
 * collation) is the order of the company's language — in Slovenian Č after C and before D,
 * in Spanish Ñ after N — with case and other accents folded ({@link Collator#PRIMARY}).
 *
 * <p>The key is the collator's primary weights, each written as one or two characters that
 * keep their order: a weight below {@code 0xC000} (every letter of the five languages) as
 * {@code 0x1000 + w}; above, two characters starting at {@code 0xD000}, which sort after every
 * one-character weight. All of them lie below the surrogates, where UTF-16 and UTF-8 (code
 * point) order agree, so Derby and PostgreSQL order the keys alike. {@link #SEPARATOR} sorts
 * below every weight (so "Novak" + separator comes before "Novaková") and {@link #MISSING}
 * after every key (a record without the text sorts last ascending, as a NULL would).
 *
 * <p>The language comes from the company's settings (the shell provides it); a key computed
 * in one language no longer fits another, so a module re-keys its rows when
 * {@link #language()} changes (contacts does, in a resumable job).
 */
public final class CollationKeys {

    /** Joins the parts of a composite key ("last name, then first name"); below every weight. */
    public static final char SEPARATOR = '\u0001';
    /** The key of an empty or absent text: after every other key. */
    public static final String MISSING = "\uD100";

    private static final String DEFAULT_LANGUAGE = "en";
    private static volatile Supplier<String> languageSource = () -> DEFAULT_LANGUAGE;
    private static final Map<String, Collator> COLLATORS = new ConcurrentHashMap<>();

    private CollationKeys() {
    }

    /** Where the company's language is read from; the shell sets it to its settings. */
    public static void languageSource(Supplier<String> source) {
        languageSource = source == null ? () -> DEFAULT_LANGUAGE : source;
    }

    /** The language keys are computed in now (a BCP 47 tag such as {@code sl}). */
    public static String language() {
        String language = languageSource.get();
        return language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
    }

    /** The key of a text in the company's language, at most {@code maxLength} characters; {@link #MISSING} for null or blank. */
    public static String key(String text, int maxLength) {
        return key(text, language(), maxLength);
    }

    /**
     * A composite key: each part's key, joined by {@link #SEPARATOR}, cut at {@code maxLength}
     * (a cut key keeps its order against every other key; ties go to the next sort column).
     */
    public static String composite(int maxLength, String... parts) {
        String language = language();
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            if (!key.isEmpty()) {
                key.append(SEPARATOR);
            }
            key.append(key(part, language, maxLength));
            if (key.length() >= maxLength) {
                break;
            }
        }
        return key.length() > maxLength ? key.substring(0, maxLength) : key.toString();
    }

    /** The key of a text in this language. */
    public static String key(String text, String language, int maxLength) {
        if (text == null || text.isBlank()) {
            return MISSING;
        }
        CollationKey collationKey;
        Collator collator = collator(language);
        // A Collator is not safe for concurrent use; each language's is shared, briefly held.
        synchronized (collator) {
            collationKey = collator.getCollationKey(text.strip());
        }
        byte[] bytes = collationKey.toByteArray();
        StringBuilder key = new StringBuilder(bytes.length / 2);
        for (int i = 0; i + 1 < bytes.length && key.length() < maxLength; i += 2) {
            int weight = ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
            if (weight == 0) {
                // The end of the primary weights (PRIMARY strength keeps nothing after it).
                break;
            }
            if (weight < 0xC000) {
                key.append((char) (0x1000 + weight));
            } else {
                key.append((char) (0xD000 + ((weight - 0xC000) >> 8))).append((char) (0x1000 + (weight & 0xFF)));
            }
        }
        if (key.isEmpty()) {
            // Only characters the collation ignores (punctuation): sorts first, before any letter.
            return "";
        }
        return key.length() > maxLength ? key.substring(0, maxLength) : key.toString();
    }

    private static Collator collator(String language) {
        return COLLATORS.computeIfAbsent(language.toLowerCase(Locale.ROOT), tag -> {
            Collator c = Collator.getInstance(Locale.forLanguageTag(tag));
            c.setStrength(Collator.PRIMARY);
            c.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
            return c;
        });
    }
}
