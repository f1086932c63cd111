package org.mosaiccrm.tickets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KbHtmlTest {

    @Test
    void keepsFormattingAndDropsWhatCouldRun() {
        String clean = KbHtml.sanitize("<h2>Printer</h2><p>Turn it <b>off</b> and <a href=\"https://example.com/x\">read</a>.</p>"
                + "<script>alert(1)</script><img src=\"https://example.com/i.png\" onerror=\"alert(2)\">"
                + "<a href=\"javascript:alert(3)\">bad</a><iframe src=\"https://evil.example\"></iframe><p style=\"color:red\">s</p>");
        assertTrue(clean.contains("<b>off</b>") && clean.contains("<h2>Printer</h2>"), clean);
        assertTrue(clean.contains("href=\"https://example.com/x\""), clean);
        for (String gone : new String[] {"script", "onerror", "javascript:", "iframe", "style="}) {
            assertFalse(clean.contains(gone), gone + " in " + clean);
        }
    }

    @Test
    void readsTheTextOfABodyForTheIndex() {
        assertEquals("Turn it off & on < 5", KbHtml.text("<p>Turn it <b>off</b> &amp; on</p>\n<p>&lt; 5</p>"));
        assertEquals("", KbHtml.text(null));
    }
}
