package org.mosaiccrm.platform.api.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The keys' plain order (UTF-16 as on Derby, UTF-8 bytes as PostgreSQL's "C") is the language's order. */
class CollationKeysTest {

    private static List<String> sorted(String language, String... names) {
        return Arrays.stream(names).sorted(Comparator.comparing(n -> CollationKeys.key(n, language, 300))).toList();
    }

    @Test
    void slovenianPutsCaronLettersAfterTheirBaseLetter() {
        assertEquals(List.of("Cvetko", "Čebašek", "Dolenc", "Sever", "Šuštar", "Zupan", "Žagar"),
                sorted("sl", "Žagar", "Zupan", "Šuštar", "Čebašek", "Dolenc", "Sever", "Cvetko"));
    }

    @Test
    void englishFoldsCaseAndAccents() {
        assertEquals(List.of("Čebašek", "Cvetko", "Dolenc"), sorted("en", "Dolenc", "Cvetko", "Čebašek"));
        assertEquals(CollationKeys.key("novak", "en", 300), CollationKeys.key("NOVÁK", "en", 300));
    }

    @Test
    void spanishPutsEñeAfterN() {
        assertEquals(List.of("Nube", "Ñandú", "Oso"), sorted("es", "Ñandú", "Oso", "Nube"));
    }

    @Test
    void byteOrderAgreesWithCharOrderAndTheCollator() {
        String[] names = {"Ana", "ana", "Čeh", "Иванов", "王", "𝔘nicode", "Zoë", "a-b", "O'Brien", "Ñ", "ß"};
        for (String a : names) {
            for (String b : names) {
                String ka = CollationKeys.key(a, "sl", 300);
                String kb = CollationKeys.key(b, "sl", 300);
                int chars = Integer.signum(ka.compareTo(kb));
                int bytes = Integer.signum(Arrays.compareUnsigned(ka.getBytes(StandardCharsets.UTF_8), kb.getBytes(StandardCharsets.UTF_8)));
                assertEquals(chars, bytes, a + " / " + b);
                ka.chars().forEach(c -> assertTrue(!Character.isSurrogate((char) c), "no surrogates in " + a));
            }
        }
    }

    @Test
    void compositeKeysOrderByTheFirstPartThenTheNext() {
        CollationKeys.languageSource(() -> "sl");
        try {
            String novakAna = CollationKeys.composite(300, "Novak", "Ana");
            String novakZala = CollationKeys.composite(300, "Novak", "Zala");
            String novakova = CollationKeys.composite(300, "Novaková", "Ana");
            String nobody = CollationKeys.composite(300, null, "Ana");
            assertTrue(novakAna.compareTo(novakZala) < 0);
            assertTrue(novakZala.compareTo(novakova) < 0, "a shorter last name before a longer one it starts");
            assertTrue(novakova.compareTo(nobody) < 0, "no last name sorts last");
            assertEquals(10, CollationKeys.composite(10, "Abcdefghijklmnop", "x").length());
        } finally {
            CollationKeys.languageSource(null);
        }
    }
}
