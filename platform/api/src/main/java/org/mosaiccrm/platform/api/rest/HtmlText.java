package org.mosaiccrm.platform.api.rest;

/** Text put into HTML that a server writes (pages outside the shell, documents, mails). */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code text} safe as an element's content and in a quoted attribute value. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
