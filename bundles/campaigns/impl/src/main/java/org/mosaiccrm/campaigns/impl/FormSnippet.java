package org.mosaiccrm.campaigns.impl;

/** The HTML of a web form to embed on a website: plain markup, no script, every text escaped. */
final class FormSnippet {

    /** The honeypot's parameter: hidden from people, filled by robots that fill every field. */
    static final String HONEYPOT = "website";
    /** The consent box's parameter. */
    static final String CONSENT = "consent";

    private FormSnippet() {
    }

    static String html(WebForm form, String action) {
        StringBuilder out = new StringBuilder();
        out.append("<form method=\"post\" action=\"").append(escape(action)).append("\" accept-charset=\"utf-8\" class=\"mosaic-form\">\n");
        for (FormFields.FormField f : FormFields.parse(form.getFieldsJson())) {
            String id = "mosaic-" + form.getPublicId() + "-" + f.field();
            out.append("  <p><label for=\"").append(id).append("\">").append(escape(f.label())).append("</label><br>\n    ");
            if ("message".equals(f.field())) {
                out.append("<textarea id=\"").append(id).append("\" name=\"message\" rows=\"5\"").append(f.required() ? " required" : "")
                        .append("></textarea>");
            } else {
                String type = "email".equals(f.field()) ? "email" : "phone".equals(f.field()) ? "tel" : "text";
                out.append("<input id=\"").append(id).append("\" name=\"").append(f.field()).append("\" type=\"").append(type).append('"')
                        .append(f.required() ? " required" : "").append(">");
            }
            out.append("</p>\n");
        }
        if (form.getConsentText() != null) {
            out.append("  <p><label><input type=\"checkbox\" name=\"").append(CONSENT).append("\" value=\"yes\"> ")
                    .append(escape(form.getConsentText())).append("</label></p>\n");
        }
        out.append("  <p style=\"position:absolute;left:-9999px\" aria-hidden=\"true\"><label>Leave this empty <input name=\"")
                .append(HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\"></label></p>\n");
        out.append("  <p><button type=\"submit\">Send</button></p>\n</form>\n");
        return out.toString();
    }

    private static String escape(String text) {
        return HtmlPolicy.escape(text);
    }
}
