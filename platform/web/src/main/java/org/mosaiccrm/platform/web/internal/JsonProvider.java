package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;

import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;

/**
 * Reads and writes JSON for the Mosaic application. A body that is not valid JSON, or that
 * does not fit the resource's input type, is answered with 400 naming the offending field;
 * a body longer than the limit with 413.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@JaxrsMediaType({MediaType.APPLICATION_JSON, MosaicApi.PROBLEM_JSON})
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, MosaicApi.PROBLEM_JSON})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    private final ObjectMapper mapper = JsonMapper.create();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && type != InputStream.class && type != String.class;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        JavaType target = mapper.constructType(genericType != null ? genericType : type);
        try (InputStream limited = new LimitedInputStream(body, RequestLimits.MAX_BODY_BYTES)) {
            byte[] json = limited.readAllBytes();
            if (UnpairedSurrogates.mayHold(json)) {
                String field = UnpairedSurrogates.find(mapper.readTree(json));
                if (field != null) {
                    throw Problems.invalid(field, "holds an unpaired UTF-16 surrogate (\\uD800-\\uDFFF without its other half),"
                            + " which is not Unicode text");
                }
            }
            return mapper.readValue(json, target);
        } catch (LimitedInputStream.LimitExceeded e) {
            throw Problems.payloadTooLarge(RequestLimits.MAX_BODY_BYTES);
        } catch (JsonProcessingException e) {
            throw toProblem(e);
        }
    }

    /** The 400 for a body that is not JSON, or not JSON of the shape the resource takes. */
    static org.mosaiccrm.platform.api.rest.ProblemException toProblem(JsonProcessingException e) {
        // Syntax errors met while binding a field arrive wrapped in a mapping exception.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null && p.getOriginalMessage().startsWith(DUPLICATE)
                    && p.getProcessor() != null) {
                return Problems.invalid(duplicate(p.getProcessor(), p.getOriginalMessage()), "duplicateKey",
                        "is given more than once; send each field once");
            }
            if (t instanceof JsonParseException || t instanceof StreamConstraintsException) {
                JsonProcessingException syntax = (JsonProcessingException) t;
                return Problems.badRequest("The request body is not valid JSON: " + syntax.getOriginalMessage() + location(syntax));
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return Problems.invalid(path(u), "notInRequest", "is not a field of this request; remove it");
        }
        if (e instanceof InvalidFormatException f) {
            return Problems.invalid(path(f), "has an invalid value: " + describe(f.getTargetType()) + " expected");
        }
        if (e instanceof MismatchedInputException m) {
            if (m.getPath().isEmpty()) {
                return Problems.badRequest(m.getOriginalMessage().startsWith("No content")
                        ? "The request body is empty; a JSON object is expected."
                        : "The request body must be " + describe(m.getTargetType()) + " in JSON.");
            }
            return Problems.invalid(path(m), "must be " + describe(m.getTargetType()));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return Problems.invalid(List.of(new FieldError(path(m), m.getOriginalMessage())));
        }
        return Problems.badRequest("The request body could not be read: " + e.getOriginalMessage());
    }

    /** How Jackson's duplicate detection starts its message: {@code Duplicate field 'name'}. */
    private static final String DUPLICATE = "Duplicate field '";

    /** The path of the field given twice: its object's place in the body, then its name (from the message). */
    private static String duplicate(JsonParser parser, String message) {
        String name = message.substring(DUPLICATE.length(), Math.max(DUPLICATE.length(), message.lastIndexOf('\'')));
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        JsonStreamContext object = parser.getParsingContext();
        for (JsonStreamContext c = object == null ? null : object.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.push(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String path = String.join("", parts) + "." + name;
        return path.substring(1);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        mapper.writeValue(new ContainerOwnedStream(out), value);
    }

    private static boolean isJson(MediaType mediaType) {
        if (mediaType == null) {
            return true;
        }
        String sub = mediaType.getSubtype();
        return "application".equals(mediaType.getType()) && ("json".equals(sub) || sub.endsWith("+json"))
                || mediaType.isWildcardType();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(body)" : sb.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of " + List.of(type.getEnumConstants()) : "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date/time";
        }
        return "an object";
    }

    /**
     * The response stream as Jackson gets it: written to, never closed nor flushed. The container
     * owns the stream and sends the answer when the request is done. A flush at the end of the
     * JSON committed the answer before its length was known, so every one went out chunked, in
     * two writes (body, then the closing chunk), and the client had to wait for both; unflushed,
     * an answer that fits the container's buffer goes out in one write with its Content-Length
     * (larger ones still stream, chunked, as the buffer fills).
     */
    private static final class ContainerOwnedStream extends java.io.FilterOutputStream {
        ContainerOwnedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
