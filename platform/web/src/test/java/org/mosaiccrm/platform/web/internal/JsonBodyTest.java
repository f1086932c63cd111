package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;

/** What a request body may hold: a key once, and Unicode text only. */
class JsonBodyTest {

    public record Person(String name, List<String> tags) {
    }

    private static Object read(Class<?> type, String json) throws Exception {
        return read(type, json.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Object read(Class<?> type, byte[] json) throws Exception {
        return new JsonProvider().readFrom((Class<Object>) type, type, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(json));
    }

    private static ProblemException refused(Class<?> type, String json) {
        return assertThrows(ProblemException.class, () -> read(type, json));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        ProblemException p = refused(Person.class, "{\"name\":\"a\",\"name\":\"b\"}");
        assertEquals(400, p.status());
        assertEquals("name", p.errors().get(0).field());
        ProblemException nested = refused(Map.class, "{\"a\":[{\"x\":1},{\"y\":1,\"y\":2}]}");
        assertEquals("a[1].y", nested.errors().get(0).field());
    }

    @Test
    void anUnpairedSurrogateIsRefusedNamingTheField() throws Exception {
        ProblemException escaped = refused(Person.class, "{\"name\":\"x\\ud800y\"}");
        assertEquals(400, escaped.status());
        assertEquals("name", escaped.errors().get(0).field());
        assertEquals("tags[1]", refused(Person.class, "{\"tags\":[\"ok\",\"\\udc00\"]}").errors().get(0).field());
        assertEquals("cf.k\uFFFD", refused(Map.class, "{\"cf\":{\"k\\udfff\":1}}").errors().get(0).field(),
                "a key is named, its surrogate replaced");
        byte[] cesu = "{\"name\":\"x__\"}".getBytes(StandardCharsets.UTF_8);
        cesu[10] = (byte) 0xED; // ED A0 80: U+D800 encoded as if it were a character
        byte[] withSurrogate = new byte[cesu.length + 1];
        System.arraycopy(cesu, 0, withSurrogate, 0, 11);
        withSurrogate[11] = (byte) 0xA0;
        withSurrogate[12] = (byte) 0x80;
        System.arraycopy(cesu, 12, withSurrogate, 13, cesu.length - 12);
        ProblemException raw = assertThrows(ProblemException.class, () -> read(Person.class, withSurrogate));
        assertEquals("name", raw.errors().get(0).field());
    }

    @Test
    void pairedSurrogatesAndLookalikesAreText() throws Exception {
        assertEquals("\uD83D\uDE00", ((Person) read(Person.class, "{\"name\":\"\\ud83d\\ude00\"}")).name());
        assertEquals("\uD83D\uDE00", ((Person) read(Person.class, "{\"name\":\"\uD83D\uDE00\"}")).name());
        assertEquals("\\ud800", ((Person) read(Person.class, "{\"name\":\"\\\\ud800\"}")).name(), "an escaped backslash");
        assertFalse(UnpairedSurrogates.mayHold("{\"name\":\"plain \\u00e9\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(UnpairedSurrogates.mayHold("{\"name\":\"\\uDBFF\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
