package org.mosaiccrm.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.search.api.SearchDocument;

class LookupsTest {

    private static final SearchDocument DOC = new SearchDocument("1", "Jana", "", List.of("Jana@Example.COM"),
            List.of("+386 41 123 456"), List.of("https://www.Firma.si/about"), Map.of(), "u", "t");

    @Test
    void emailsAreFoundByAddressAndDomain() {
        List<String> terms = Lookups.of(DOC);
        assertTrue(terms.containsAll(Lookups.forQuery("jana@example.com")), terms.toString());
        assertTrue(terms.containsAll(Lookups.forQuery("example.com")), terms.toString());
    }

    @Test
    void domainsLoseSchemeWwwAndPath() {
        assertTrue(Lookups.of(DOC).containsAll(Lookups.forQuery("firma.si")));
    }

    @Test
    void phonesMeetOnTheirLastDigits() {
        List<String> terms = Lookups.of(DOC);
        assertTrue(terms.contains("tel:38641123456"), terms.toString());
        assertTrue(Lookups.forQuery("041 123 456").stream().anyMatch(terms::contains), "national spelling");
        assertTrue(Lookups.forQuery("+386 41 123 456").stream().anyMatch(terms::contains), "international spelling");
    }

    @Test
    void plainWordsAreNoLookups() {
        assertEquals(List.of(), Lookups.forQuery("jana novak"));
        assertEquals(List.of(), Lookups.forQuery("12"));
    }
}
