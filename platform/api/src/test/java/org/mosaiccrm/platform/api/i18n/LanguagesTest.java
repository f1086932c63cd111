package org.mosaiccrm.platform.api.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void theUsersOwnChoiceComesFirstThenTheBrowserThenTheCompanyThenEnglish() {
        assertEquals("sl", Languages.choose("sl", "es", "ru"));
        assertEquals("es", Languages.choose(null, "es-ES,es;q=0.9", "ru"));
        assertEquals("es", Languages.choose("xx", "es", "ru"), "an unknown preference counts as none");
        assertEquals("ru", Languages.choose(null, "de-DE,fr;q=0.5", "ru"), "a browser language Mosaic lacks: the company's");
        assertEquals("en", Languages.choose(null, null, null));
        assertEquals("en", Languages.choose(null, "", "de"));
    }

    @Test
    void acceptLanguageIsReadByQualityThenOrderAndByPrimaryTag() {
        assertEquals("sl", Languages.fromAcceptLanguage("sl-SI"));
        assertEquals("ru", Languages.fromAcceptLanguage("de;q=1, es;q=0.4, ru;q=0.8"));
        assertEquals("es", Languages.fromAcceptLanguage("ES, sl"), "equal quality: the first given; case does not matter");
        assertEquals("tl", Languages.fromAcceptLanguage("fil-PH"), "Filipino is read as Tagalog, as the shell does");
        assertEquals("en", Languages.fromAcceptLanguage("sl;q=0, en"), "q=0 means not acceptable");
        assertEquals("sl", Languages.fromAcceptLanguage("es;q=bad, sl"));
        assertNull(Languages.fromAcceptLanguage("*"));
        assertNull(Languages.fromAcceptLanguage(null));
    }

    @Test
    void textsFillNamedPlaceholdersAndLeaveUnknownOnes() {
        assertEquals("je daljše od 100 znakov", Texts.format("je daljše od {max} znakov", Map.of("max", 100)));
        assertEquals("a {b} $1 \\", Texts.format("a {b} {c}", Map.of("c", "$1 \\")));
        assertEquals("x {y}", Texts.format("x {y}", Map.of()));
    }
}
