package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The snippet of a hit: a stretch of its text around the first matching word, HTML-escaped,
 * with every word that starts with a query word wrapped in {@code <mark>}. The text is analysed
 * again with the index's analyzer, so {@code cebasek} marks {@code Čebašek}. Lucene's
 * highlighters build an in-memory index per document and score passages, which for short
 * CRM records cost more than the search itself and made most of the garbage a query left.
 */
final class Snippets {

    static final int LENGTH = 160;
    /** Characters kept before the first match when the text has to be cut. */
    private static final int LEAD = 40;

    private final Analyzer analyzer;

    Snippets(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The snippet of {@code text} marking the {@code words} (analysed, as the index holds them). */
    String of(String text, List<String> words) {
        if (text == null) {
            return "";
        }
        List<int[]> marks = words.isEmpty() ? List.of() : marks(text, words);
        int start = 0;
        if (text.length() > LENGTH && !marks.isEmpty()) {
            int first = marks.get(0)[0];
            int lineStart = text.lastIndexOf('\n', first - 1) + 1;
            start = first - lineStart <= LEAD ? lineStart : wordStart(text, first - LEAD);
        }
        int end = Math.min(text.length(), start + LENGTH);
        StringBuilder out = new StringBuilder(end - start + 32);
        if (start > 0) {
            out.append('…');
        }
        int at = start;
        for (int[] m : marks) {
            if (m[0] < start) {
                continue;
            }
            if (m[1] > end) {
                break;
            }
            escape(text, at, m[0], out);
            out.append("<mark>");
            escape(text, m[0], m[1], out);
            out.append("</mark>");
            at = m[1];
        }
        escape(text, at, end, out);
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /** Start and end offsets of the words of the text that begin with one of the query words. */
    private List<int[]> marks(String text, List<String> words) {
        List<int[]> marks = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Documents.ALL, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                for (String word : words) {
                    if (startsWith(term, word)) {
                        marks.add(new int[] {offset.startOffset(), offset.endOffset()});
                        break;
                    }
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marks;
    }

    private static boolean startsWith(CharTermAttribute term, String word) {
        if (term.length() < word.length()) {
            return false;
        }
        char[] chars = term.buffer();
        for (int i = 0; i < word.length(); i++) {
            if (chars[i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int wordStart(String text, int from) {
        int i = Math.max(0, from);
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && from - i < 20) {
            i--;
        }
        return i;
    }

    static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
