package org.mosaiccrm.campaigns.impl;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links of a campaign message rewritten to Mosaic's click redirect, each signed with an HMAC
 * (SHA-256, the campaign's own random key kept server-side) over the recipient's token and the
 * address: the redirect follows only what a message carried, so it is never an open redirect;
 * and an open pixel at the end of the HTML.
 */
final class TrackedLinks {

    /** A link as the sanitizer writes it: a quoted http(s) href. */
    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]*)\"");
    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d+)|#[xX]([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));");

    private TrackedLinks() {
    }

    /** The HTML with every http(s) link going through the click redirect, and the open pixel appended. */
    static String rewrite(String html, String base, String token, String key) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (m.find()) {
            String url = unescape(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + HtmlPolicy.escape(clickUrl(base, token, url, key)) + "\""));
        }
        m.appendTail(out);
        out.append("<img src=\"").append(HtmlPolicy.escape(base + Messages.TRACKING_PATH + "o/" + token))
                .append("\" width=\"1\" height=\"1\" alt=\"\">");
        return out.toString();
    }

    static String clickUrl(String base, String token, String url, String key) {
        return base + Messages.TRACKING_PATH + "c/" + token + "?u=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&s="
                + sign(key, token, url);
    }

    static String sign(String key, String token, String url) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal((token + "\n" + url).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the signature is the one this campaign gave this recipient for this address, and the address is http(s). */
    static boolean verify(String key, String token, String url, String signature) {
        if (url == null || signature == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return false;
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(key, token, url).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    /** An attribute value's text: the sanitizer writes some characters as entities ({@code &amp;}, {@code &#61;}). */
    static String unescape(String value) {
        Matcher m = ENTITY.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            String c;
            if (m.group(1) != null) {
                c = new String(Character.toChars(Integer.parseInt(m.group(1))));
            } else if (m.group(2) != null) {
                c = new String(Character.toChars(Integer.parseInt(m.group(2), 16)));
            } else {
                c = switch (m.group(3)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    default -> "'";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(c));
        }
        m.appendTail(out);
        return out.toString();
    }
}
