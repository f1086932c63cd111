package org.mosaiccrm.campaigns.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.mosaiccrm.contacts.api.Recipient;

/**
 * The merge fields of a campaign's templates, {@code {{person.firstName|there}}}: a field of the
 * person or their organization, with an optional fallback for a person who lacks it. The set is
 * what contacts tells of a recipient ({@link Recipient}); anything else is refused when the
 * template is saved. The grammar and the filling in are the platform's
 * ({@link org.mosaiccrm.platform.api.text.MergeFields}).
 */
final class MergeFields {

    static final Pattern FIELD = org.mosaiccrm.platform.api.text.MergeFields.FIELD;

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
        return org.mosaiccrm.platform.api.text.MergeFields.unknown(text, KNOWN.keySet());
    }

    /** The merge field tokens of {@code text} as written, in order. */
    static List<String> tokens(String text) {
        return org.mosaiccrm.platform.api.text.MergeFields.tokens(text);
    }

    /**
     * {@code text} with every merge field replaced by the recipient's value (or its fallback, or
     * nothing), each passed through {@code encode} (HTML escaping for the HTML part).
     */
    static String merge(String text, Recipient recipient, UnaryOperator<String> encode) {
        return org.mosaiccrm.platform.api.text.MergeFields.merge(text, name -> {
            var field = KNOWN.get(name);
            return field == null ? null : field.apply(recipient);
        }, encode);
    }
}
