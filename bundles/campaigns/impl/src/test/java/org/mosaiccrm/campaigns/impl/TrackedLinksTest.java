package org.mosaiccrm.campaigns.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class TrackedLinksTest {

    private static final String KEY = "k".repeat(43);
    private static final String TOKEN = "t".repeat(43);

    @Test
    void linksAreRewrittenToSignedRedirectsAndThePixelAdded() {
        String html = HtmlPolicy.sanitize("<p><a href=\"https://example.com/offer?a=1&b=2\">offer</a> <a href=\"mailto:x@example.com\">mail</a></p>");
        String rewritten = TrackedLinks.rewrite(html, "https://crm.example.com", TOKEN, KEY);
        Matcher m = Pattern.compile("href=\"https://crm\\.example\\.com/api/v1/campaigns/t/c/" + TOKEN + "\\?u=([^&]+)&amp;s=([^\"]+)\"")
                .matcher(rewritten);
        assertTrue(m.find(), rewritten);
        String url = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        assertEquals("https://example.com/offer?a=1&b=2", url);
        assertTrue(TrackedLinks.verify(KEY, TOKEN, url, m.group(2)));
        assertTrue(rewritten.contains("href=\"mailto:x&#64;example.com\""), "only http(s) links go through the redirect: " + rewritten);
        assertTrue(rewritten.contains("/t/o/" + TOKEN), rewritten);
    }

    @Test
    void aSignatureHoldsForItsRecipientAndAddressOnly() {
        String s = TrackedLinks.sign(KEY, TOKEN, "https://example.com/");
        assertTrue(TrackedLinks.verify(KEY, TOKEN, "https://example.com/", s));
        assertFalse(TrackedLinks.verify(KEY, TOKEN, "https://evil.example/", s));
        assertFalse(TrackedLinks.verify(KEY, "u".repeat(43), "https://example.com/", s));
        assertFalse(TrackedLinks.verify("other", TOKEN, "https://example.com/", s));
        assertFalse(TrackedLinks.verify(KEY, TOKEN, "javascript:alert(1)", TrackedLinks.sign(KEY, TOKEN, "javascript:alert(1)")));
        assertFalse(TrackedLinks.verify(KEY, TOKEN, "https://example.com/", null));
    }

    @Test
    void retriesWaitLongerEachTimeUpToTenMinutes() {
        assertEquals(2, CampaignSender.backoff(1).toSeconds());
        assertEquals(8, CampaignSender.backoff(3).toSeconds());
        assertEquals(600, CampaignSender.backoff(30).toSeconds());
    }
}
