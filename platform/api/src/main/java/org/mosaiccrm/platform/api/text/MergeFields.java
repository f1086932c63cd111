package org.mosaiccrm.platform.api.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of merge fields, {@code {{ name }}} or {@code {{ name | fallback }}}, and filling
 * them in. Which names exist and what they stand for is the module's: it lists the names it
 * knows (a text naming another is refused when it is saved) and looks each one up for the record
 * the text is filled in for; a name without a value takes the token's fallback, or nothing.
 */
public final class MergeFields {

    /**
     * {@code {{ name }}} or {@code {{ name | fallback }}}. Neither may hold braces nor the
     * characters HTML gives a meaning ({@code <>"'&}): a token is then safe to keep as written in
     * sanitised HTML, in text or in a quoted attribute.
     */
    public static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}|<>\"'&]*?)\\s*(?:\\|([^{}<>\"'&]*))?\\}\\}");

    private MergeFields() {
    }

    /** The names used in {@code text} that are not in {@code known}, in order of appearance. */
    public static Set<String> unknown(String text, Set<String> known) {
        Set<String> unknown = new LinkedHashSet<>();
        if (text == null) {
            return unknown;
        }
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** The merge field tokens of {@code text} as written, in order. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /**
     * {@code text} with every merge field replaced by its value from {@code lookup} (null or blank:
     * the token's fallback, or nothing), each passed through {@code encode} (HTML escaping for HTML).
     * Null for a null text.
     */
    public static String merge(String text, Function<String, String> lookup, UnaryOperator<String> encode) {
        if (text == null) {
            return null;
        }
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            String value = lookup.apply(m.group(1));
            if (value == null || value.isBlank()) {
                value = m.group(2) == null ? "" : m.group(2).strip();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
