package org.mosaiccrm.platform.web.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON rules of the API in one place. */
final class JsonMapper {

    private JsonMapper() {
    }

    static ObjectMapper create() {
        Builder builder = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A field the server does not know is refused, never dropped: it could be a typo
                // of a real field, or an attempt to set something the client may not set.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // A key given twice is refused, not "last one wins": a filter that reads the first
                // and a binder that keeps the second would disagree on what was sent.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        return builder.build();
    }
}
