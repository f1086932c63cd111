package org.mosaiccrm.campaigns.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mosaiccrm.contacts.api.Recipient;

/**
 * Merge fields in a template, {@code {{person.firstName|there}}}: a field of the person or their
 * organization, with an optional fallback for a person who lacks it. The set is what contacts
 * tells of a recipient ({@link Recipient}); anything else is refused when the template is saved.
 */
final class MergeFields {

    /**
     * {@code {{ name }}} or {@code {{ name | fallback }}}. Neither may hold braces nor the
     * characters HTML gives a meaning ({@code <>"'&}): a token is then safe to keep as written in
     * the sanitised HTML, in text or in a quoted attribute.
     */
    static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([^{}|<>\"'&]*?)\\s*(?:\\|([^{}<>\"'&]*))?\\}\\}");

    static final Map<String, java.util.function.Function<Recipient, String>> KNOWN = Map.of(
            "person.firstName", Recipient::firstName,
            "person.lastName", Recipient::lastName,
            "person.email", Recipient::email,
            "person.jobTitle", Recipient::jobTitle,
            "organization.name", Recipient::organizationName);

    private MergeFields() {
    }

    /** The names used in {@code text} that are not merge fields, in order of appearance. */
    static Set<String> unknown(String text) {
        Set<String> unknown = new LinkedHashSet<>();
        if (text == null) {
            return unknown;
        }
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            if (!KNOWN.containsKey(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** The merge field tokens of {@code text} as written, in order. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /**
     * {@code text} with every merge field replaced by the recipient's value (or its fallback, or
     * nothing), each passed through {@code encode} (HTML escaping for the HTML part).
     */
    static String merge(String text, Recipient recipient, UnaryOperator<String> encode) {
        if (text == null) {
            return null;
        }
        Matcher m = FIELD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (m.find()) {
            var field = KNOWN.get(m.group(1));
            String value = field == null ? null : field.apply(recipient);
            if (value == null || value.isBlank()) {
                value = m.group(2) == null ? "" : m.group(2).strip();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
