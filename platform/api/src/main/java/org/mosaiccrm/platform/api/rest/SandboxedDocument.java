package org.mosaiccrm.platform.api.rest;

import javax.ws.rs.core.Response;

/**
 * An HTML document someone wrote (a mail template merged for a person, say) answered so that a
 * page of Mosaic can show it as it will look, in an {@code <iframe sandbox src=…>}, and nothing
 * in it can act: the answer's own Content-Security-Policy puts it in a sandbox (no scripts, no
 * forms, an origin of its own, so no cookies and no API), loads nothing but images (and inline
 * styles, which mail relies on), and lets only Mosaic's own pages frame it. The HTML should be
 * sanitised already; the sandbox is the second wall, not the only one.
 *
 * <p>The API's security headers leave a Content-Security-Policy and X-Frame-Options an answer
 * sets itself; only this class sets them.
 */
public final class SandboxedDocument {

    static final String POLICY = "sandbox; default-src 'none'; img-src https: data:; style-src 'unsafe-inline';"
            + " frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private SandboxedDocument() {
    }

    /**
     * The answer: {@code bodyHtml} inside a UTF-8 HTML document titled {@code title} (escaped),
     * or as it is when it is a whole document already.
     */
    public static Response of(String title, String bodyHtml) {
        String body = bodyHtml == null ? "" : bodyHtml;
        String document = body.stripLeading().regionMatches(true, 0, "<!doctype", 0, 9) || body.stripLeading().regionMatches(true, 0, "<html", 0, 5)
                ? body
                : "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + HtmlText.escape(title == null ? "" : title)
                        + "</title></head><body>" + body + "</body></html>";
        return Response.ok(document, "text/html; charset=utf-8")
                .header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "SAMEORIGIN")
                .build();
    }
}
