package org.mosaiccrm.campaigns.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.Problem;
import org.mosaiccrm.platform.api.rest.ProblemException;

/**
 * Checking a template when it is saved and merging it for one recipient: the subject and the text
 * take values as they are (the subject on one line), the HTML takes them escaped and is sanitised
 * once more after merging, so nothing a person's fields hold can add markup to a message.
 */
final class Templates {

    /** The longest HTML or text part stored (within Derby's VARCHAR). */
    static final int MAX_BODY = 30_000;

    /** A message for one recipient. */
    record Rendered(String subject, String html, String text) {
    }

    private Templates() {
    }

    /**
     * 422 naming every field that uses a merge field which does not exist, and which ones: a
     * mistake found when saving rather than when a campaign goes out.
     */
    static void requireKnownFields(String subject, String html, String text) {
        List<FieldError> errors = new ArrayList<>();
        unknown(errors, "subject", subject);
        unknown(errors, "html", html);
        unknown(errors, "text", text);
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("https://mosaiccrm.org/problems/unknown-merge-field", "Unknown merge field", 422,
                    errors.size() == 1 ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message()
                            : errors.size() + " fields use unknown merge fields.",
                    errors));
        }
    }

    private static void unknown(List<FieldError> errors, String field, String value) {
        Set<String> unknown = MergeFields.unknown(value);
        if (!unknown.isEmpty()) {
            errors.add(FieldError.of(field, "campaigns.unknownMergeField",
                    "uses unknown merge fields: " + String.join(", ", unknown) + " (known: "
                            + String.join(", ", new java.util.TreeSet<>(MergeFields.KNOWN.keySet())) + ")",
                    "fields", String.join(", ", unknown)));
        }
    }

    static Rendered render(Template t, Recipient r) {
        String subject = MergeFields.merge(t.getSubject(), r, UnaryOperator.identity()).replaceAll("[\\r\\n]+", " ").strip();
        String html = t.getHtmlBody() == null ? null : HtmlPolicy.sanitize(MergeFields.merge(t.getHtmlBody(), r, HtmlPolicy::escape));
        return new Rendered(subject.length() > 200 ? subject.substring(0, 200) : subject, html,
                MergeFields.merge(t.getTextBody(), r, UnaryOperator.identity()));
    }
}
