package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

/** Which request bodies the API refuses before reading them: unknown character sets, and non-JSON bodies on JSON endpoints. */
class RequestBodiesTest {

    @Test
    void theCharsetParameterIsFoundQuotedOrNotAndUnknownOnesAreTold() {
        assertEquals("foo", RequestCharset.charsetOf("application/json; charset=foo"));
        assertEquals("UTF-8", RequestCharset.charsetOf("application/json;Charset=\"UTF-8\""));
        assertNull(RequestCharset.charsetOf("application/json"));
        assertNull(RequestCharset.charsetOf(null));
        assertTrue(RequestCharset.known("utf-8"));
        assertFalse(RequestCharset.known("foo"));
        assertFalse(RequestCharset.known("not a name!"), "an illegal name is unknown, not an exception");
    }

    @Test
    void jsonIsApplicationJsonOrAPlusJsonType() {
        assertTrue(JsonBodies.isJson(MediaType.APPLICATION_JSON_TYPE));
        assertTrue(JsonBodies.isJson(new MediaType("application", "merge-patch+json")));
        assertFalse(JsonBodies.isJson(MediaType.MULTIPART_FORM_DATA_TYPE));
        assertFalse(JsonBodies.isJson(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
        assertFalse(JsonBodies.isJson(MediaType.TEXT_PLAIN_TYPE));
    }
}
