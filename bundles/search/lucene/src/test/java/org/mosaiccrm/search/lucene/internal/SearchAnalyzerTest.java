package org.mosaiccrm.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {

    private final QueryBuilder queries = new QueryBuilder(new SearchAnalyzer());

    @Test
    void foldsDiacriticsAndCase() {
        assertEquals(List.of("joze", "cebasek"), queries.words("Jože Čebašek"));
        assertEquals(List.of("cebasek"), queries.words("cebasek"));
    }

    @Test
    void germanSpellingsMeet() {
        assertEquals(queries.words("Mueller"), queries.words("müller"));
        assertEquals(queries.words("Müller"), queries.words("muller"));
        assertEquals(queries.words("Strasse"), queries.words("Straße"));
    }

    @Test
    void keepsCyrillicWordsInLowerCase() {
        assertEquals(List.of("иван", "петров"), queries.words("Иван ПЕТРОВ"));
    }

    @Test
    void limitsTheNumberOfWords() {
        assertEquals(QueryBuilder.MAX_WORDS, queries.words("a b c d e f g h i j k l").size());
    }
}
