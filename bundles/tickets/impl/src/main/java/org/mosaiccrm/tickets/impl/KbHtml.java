package org.mosaiccrm.tickets.impl;

import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * What HTML an article's body may hold, by the OWASP Java HTML Sanitizer (embedded as campaigns
 * embed it): formatting, blocks, tables, images and links over http(s) and mailto. Scripts,
 * event handlers, {@code javascript:} addresses, styles, forms and frames are dropped, so the
 * portal may show a body as HTML.
 */
final class KbHtml {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES).and(Sanitizers.LINKS);

    private KbHtml() {
    }

    static String sanitize(String html) {
        return html == null ? null : POLICY.sanitize(html);
    }

    /** The body as plain text, for the search index and snippets. */
    static String text(String html) {
        return html == null ? "" : html.replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#34;", "\"").replace("&#39;", "'").replaceAll("\\s+", " ").strip();
    }
}
