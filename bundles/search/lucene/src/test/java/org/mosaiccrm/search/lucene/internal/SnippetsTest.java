package org.mosaiccrm.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    private final Snippets snippets = new Snippets(new SearchAnalyzer());

    @Test
    void marksWordsStartingWithAQueryWordInAnySpelling() {
        assertEquals("Jože <mark>Čebašek</mark>\n<mark>cebasek.si</mark>", snippets.of("Jože Čebašek\ncebasek.si", List.of("ceb")));
        assertEquals("<mark>Hans</mark> <mark>Müller</mark>", snippets.of("Hans Müller", List.of("hans", "muller")));
        assertEquals("Иван <mark>Петров</mark>", snippets.of("Иван Петров", List.of("петр")));
        assertEquals("nothing to mark", snippets.of("nothing to mark", List.of("zzz")));
    }

    @Test
    void escapesMarkupAroundAndInsideMarks() {
        assertEquals("&lt;b&gt;<mark>Evil</mark>&lt;/b&gt; &amp; &quot;co&quot; &#39;x&#39;",
                snippets.of("<b>Evil</b> & \"co\" 'x'", List.of("evil")));
    }

    @Test
    void longTextIsCutAroundTheFirstMatch() {
        String text = "Title\n" + "filler ".repeat(60) + "the needle is here " + "tail ".repeat(60);
        String s = snippets.of(text, List.of("needle"));
        assertTrue(s.startsWith("…") && s.endsWith("…"), s);
        assertTrue(s.contains("<mark>needle</mark>"), s);
        assertTrue(s.replace("<mark>", "").replace("</mark>", "").length() <= Snippets.LENGTH + 2, s);
        String head = snippets.of("x".repeat(300), List.of("needle"));
        assertEquals("x".repeat(Snippets.LENGTH) + "…", head, "without a match the text's start");
    }
}
