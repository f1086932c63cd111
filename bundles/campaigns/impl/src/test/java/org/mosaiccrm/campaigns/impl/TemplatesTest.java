package org.mosaiccrm.campaigns.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.rest.ProblemException;

class TemplatesTest {

    private static final Recipient ANA = new Recipient("p1", "ana@example.com", "Ana", "Novak", null, "Kovač & <Sons>", "u1");
    private static final Recipient NAMELESS = new Recipient("p2", "x@example.com", null, null, null, null, "u1");

    @Test
    void sanitisingDropsScriptsHandlersAndJavascriptUrlsButKeepsMergeFields() {
        String clean = HtmlPolicy.sanitizeTemplate("<p onclick=\"steal()\">Hi {{person.firstName|there}}</p><script>alert(1)</script>"
                + "<a href=\"javascript:alert(2)\">x</a><a href=\"https://example.com/?a=1\">ok</a><img src=x onerror=alert(3)>");
        assertFalse(clean.contains("script"), clean);
        assertFalse(clean.contains("onclick"), clean);
        assertFalse(clean.contains("onerror"), clean);
        assertFalse(clean.contains("javascript"), clean);
        assertTrue(clean.contains("{{person.firstName|there}}"), clean);
        assertTrue(clean.contains("https://example.com/"), clean);
    }

    @Test
    void mergedValuesAreEscapedInHtmlAndFallbacksApply() {
        Template t = new Template();
        t.setSubject("Hello {{person.firstName|there}}");
        t.setHtmlBody("<p>{{organization.name}}</p>");
        t.setTextBody("Dear {{ person.firstName | friend }} of {{organization.name}}");
        Templates.Rendered r = Templates.render(t, ANA);
        assertEquals("Hello Ana", r.subject());
        assertTrue(r.html().contains("Kovač &amp; &lt;Sons&gt;"), r.html());
        assertEquals("Dear Ana of Kovač & <Sons>", r.text());
        Templates.Rendered fallback = Templates.render(t, NAMELESS);
        assertEquals("Hello there", fallback.subject());
        assertEquals("Dear friend of ", fallback.text());
    }

    @Test
    void unknownMergeFieldsAreNamed() {
        assertEquals(Set.of("person.shoeSize", "deal.amount"), MergeFields.unknown("{{person.shoeSize}} {{ deal.amount|0 }} {{person.email}}"));
        ProblemException e = assertThrows(ProblemException.class, () -> Templates.requireKnownFields("Hi", null, "{{person.shoeSize}}"));
        assertEquals(422, e.status());
        assertEquals("text", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("person.shoeSize"));
    }
}
