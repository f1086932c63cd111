package org.mosaiccrm.platform.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Reading a body against its declared fields: unknown ones refused by name, every bad value named, nothing typed lost. */
class FieldReaderTest {

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void unknownFieldsAndEmptyBodiesAreRefusedByName() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> FieldReader.of(body("title", "x", "isAdmin", true, "id", "1"), Set.of("title"), "note"));
        assertEquals(400, e.status());
        assertEquals(Set.of("isAdmin", "id"), Set.copyOf(e.errors().stream().map(FieldError::field).toList()));
        assertEquals(400, assertThrows(ProblemException.class, () -> FieldReader.of(Map.of(), Set.of("title"), "note")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> FieldReader.of(null, Set.of("title"), "note")).status());
    }

    @Test
    void tagsAreOneTagWhateverTheirCaseKeptAsFirstWritten() {
        FieldReader in = FieldReader.of(body("tags", List.of("VIP", " newsletter", "vip", "Newsletter ", "trade fair")), Set.of("tags"), "thing");
        assertEquals(List.of("VIP", "newsletter", "trade fair"), in.tags("tags"));
    }

    @Test
    void everyBadValueIsCollectedWithItsField() {
        FieldReader in = FieldReader.of(body("title", 42, "count", "7", "tags", List.of("a", 3), "at", "yesterday",
                "flag", "yes", "name", "x".repeat(11)), Set.of("title", "count", "tags", "at", "flag", "name"), "thing");
        assertNull(in.text("title", 10));
        assertNull(in.integer("count", 0, 10));
        assertEquals(List.of(), in.tags("tags"));
        assertNull(in.instant("at"));
        assertNull(in.flag("flag"));
        assertNull(in.text("name", 10));
        assertEquals(List.of("title", "count", "tags", "at", "flag", "name"), in.errors().stream().map(FieldError::field).toList());
        ProblemException e = assertThrows(ProblemException.class, in::requireValid);
        assertEquals(6, e.errors().size());
    }

    @Test
    void textIsTrimmedButVerbatimKeepsWhatWasTyped() {
        FieldReader in = new FieldReader(body("a", "  Čebašek  ", "b", "   ", "c", " body \n"));
        assertEquals("Čebašek", in.text("a", 7), "length counts characters, not UTF-16 units");
        assertNull(in.text("b", 10), "blank is no value");
        assertEquals(" body \n", in.verbatim("c", 7));
        assertEquals(List.of(), in.errors());
        in.required("b");
        assertEquals("b", in.errors().get(0).field());
        in.required("b");
        assertEquals(1, in.errors().size(), "a field is named once");
    }

    @Test
    void versionsComeFromIfMatchOrTheBodyAndMustAgree() {
        assertEquals(3L, new FieldReader(body("version", 3)).expectedVersion(null));
        assertEquals(4L, new FieldReader(body()).expectedVersion("\"4\""));
        assertThrows(ProblemException.class, () -> new FieldReader(body("version", 3)).expectedVersion("\"4\""));
        assertNull(new FieldReader(body()).expectedVersion(null));
    }

    @Test
    void anExplicitNullIsNotAnArray() {
        FieldReader in = new FieldReader(body("roles", null));
        assertNull(in.texts("roles"));
        assertEquals("roles", in.errors().get(0).field());
        assertNull(new FieldReader(body()).texts("roles"), "absent is fine");
    }

    @Test
    void instantsBeyondWhatTheDatabaseHoldsAreRefusedNamingTheField() {
        FieldReader in = new FieldReader(java.util.Map.of("a", "-999999999-01-01T00:00:00Z", "b", "+999999999-12-31T23:59:59Z",
                "c", "+10000-01-01T00:00:00Z", "d", "9999-12-31T23:59:59Z", "e", "0001-01-01T00:00:00Z"));
        org.junit.jupiter.api.Assertions.assertNull(in.instant("a"));
        org.junit.jupiter.api.Assertions.assertNull(in.instant("b"));
        org.junit.jupiter.api.Assertions.assertNull(in.instant("c"));
        org.junit.jupiter.api.Assertions.assertEquals(9999, in.instant("d").getYear());
        org.junit.jupiter.api.Assertions.assertEquals(1, in.instant("e").getYear());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("a", "b", "c"), in.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aDurationIsAnIsoDurationUpToItsMaximumOrTheDefaultWhenAbsent() {
        java.time.Duration week = java.time.Duration.ofDays(7);
        java.time.Duration month = java.time.Duration.ofDays(30);
        assertEquals(week, FieldReader.of(body("other", 1), Set.of("other", "validFor"), "link").duration("validFor", week, month));
        assertEquals(java.time.Duration.ofSeconds(1), FieldReader.of(body("validFor", "PT1S"), Set.of("validFor"), "link")
                .duration("validFor", week, month));
        for (Object bad : List.of("P31D", "PT0S", "-PT1H", "soon")) {
            FieldReader in = FieldReader.of(body("validFor", bad), Set.of("validFor"), "link");
            assertEquals(week, in.duration("validFor", week, month));
            ProblemException e = assertThrows(ProblemException.class, in::requireValid);
            assertEquals("must be an ISO-8601 duration from PT1S to P30D, such as P7D", e.errors().get(0).message(), String.valueOf(bad));
        }
    }
}
