package org.mosaiccrm.campaigns.impl;

import java.util.List;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What HTML a campaign message may hold, by the OWASP Java HTML Sanitizer: formatting, blocks,
 * tables, images and links over http(s) and mailto, inline styles filtered by its CSS policy.
 * Scripts, event handlers, {@code javascript:} addresses, forms and frames are dropped.
 */
final class HtmlPolicy {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES).and(Sanitizers.LINKS).and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder().allowElements("hr", "center", "font").allowAttributes("align", "width", "height", "bgcolor",
                    "color", "border", "cellpadding", "cellspacing", "valign").globally().toFactory());

    /** Stands in for a merge field while sanitising: letters and digits pass through any text or attribute unchanged. */
    private static final String MARK = "mOsAiCmErGe";

    private HtmlPolicy() {
    }

    /** The HTML made safe; merged values must be escaped by whoever puts them in. */
    static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }

    /**
     * The template's HTML made safe with its merge fields kept as written: the sanitizer would
     * encode their braces, so each stands in as a mark while it runs.
     */
    static String sanitizeTemplate(String html) {
        if (html == null) {
            return null;
        }
        List<String> tokens = MergeFields.tokens(html);
        java.util.regex.Matcher m = MergeFields.FIELD.matcher(html);
        StringBuilder marked = new StringBuilder(html.length());
        int i = 0;
        while (m.find()) {
            m.appendReplacement(marked, MARK + (i++) + "x");
        }
        m.appendTail(marked);
        String clean = sanitize(marked.toString());
        for (int j = tokens.size() - 1; j >= 0; j--) {
            // As written: its fallback is text that merging escapes like any value.
            clean = clean.replace(MARK + j + "x", tokens.get(j));
        }
        return clean;
    }

    /** Text made safe for HTML content and quoted attributes. */
    static String escape(String text) {
        return org.mosaiccrm.platform.api.rest.HtmlText.escape(text);
    }
}
