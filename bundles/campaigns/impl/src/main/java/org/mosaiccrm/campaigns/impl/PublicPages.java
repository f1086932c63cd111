package org.mosaiccrm.campaigns.impl;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The small pages people reach without signing in (the unsubscribe confirmation, a web form's
 * thanks or refusal): plain HTML, never cached, no script allowed to run, forms posting only here.
 */
final class PublicPages {

    private PublicPages() {
    }

    /** {@code title} is plain text (escaped here); {@code body} is HTML its caller escaped. */
    static Response page(int status, String title, String body) {
        String html = "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>" + HtmlPolicy.escape(title) + "</title></head><body style=\"font-family:sans-serif;max-width:32em;margin:3em auto\">"
                + body + "</body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML + ";charset=utf-8").entity(html).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'").build();
    }
}
