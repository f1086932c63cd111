package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.ListPage;

class OpenApiDocumentTest {

    /** Fake module "alpha": a record resource whose signatures say Map and Response. */
    @Path("alpha/things")
    public static class ThingsResource {

        public record ThingInput(String name, List<String> tags, Integer size, Map<String, Object> custom) {
        }

        public record View(String id, long version, String name, Instant createdAt) {
        }

        @GET
        public ListPage<View> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                @QueryParam("sort") String sort) {
            return null;
        }

        @POST
        @ApiBody(ThingInput.class)
        @ApiAnswer(status = 201, value = View.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
        public Response create(Map<String, Object> body, @Context UriInfo uri) {
            return null;
        }

        @PATCH
        @Path("{id}")
        @ApiBody(ThingInput.class)
        @ApiAnswer(value = View.class, headers = ApiAnswer.ETAG)
        public Response update(@PathParam("id") String id, Map<String, Object> body,
                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
            return null;
        }

        @DELETE
        @Path("{id}")
        @ApiAnswer(status = 204)
        public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
            return null;
        }
    }

    /** Fake module "beta": its own record also named View, with other fields. */
    @Path("/beta")
    public static class BetaResource {

        public record View(String title, boolean done) {
        }

        @GET
        @Path("{id}")
        public View get(@PathParam("id") String id) {
            return null;
        }
    }

    /** A second resource of "alpha" with a third View: same module, same simple name. */
    @Path("alpha/others")
    public static class OthersResource {

        public record View(int count) {
        }

        @GET
        public View get() {
            return null;
        }
    }

    private static Map<String, Object> doc() {
        return OpenApiDocument.build("1.0.0", List.of(BetaResource.class, OthersResource.class, ThingsResource.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            assertTrue(n instanceof Map<?, ?> m && m.containsKey(k), "has " + k + " in " + n);
            n = ((Map<String, Object>) n).get(k);
        }
        return (Map<String, Object>) n;
    }

    private static String ref(Map<String, Object> schema) {
        String ref = (String) schema.get("$ref");
        assertNotNull(ref, "a reference: " + schema);
        return ref.substring("#/components/schemas/".length());
    }

    @Test
    void aCreateAnswers201WithLocationAndETagAndTheDeclaredBody() {
        Map<String, Object> doc = doc();
        Map<String, Object> post = at(doc, "paths", "/alpha/things", "post");
        assertFalse(at(post, "responses").containsKey("200"), "a create is not documented as 200");
        Map<String, Object> created = at(post, "responses", "201");
        assertEquals(List.of("Location", "ETag"), List.copyOf(at(created, "headers").keySet()));
        String view = ref(at(created, "content", "application/json", "schema"));
        // OthersResource comes first and holds alpha.View; this one is told apart by its enclosing class.
        assertEquals("alpha.ThingsResource.View", view);
        assertEquals(List.of("id", "version", "name", "createdAt"), List.copyOf(at(doc, "components", "schemas", view, "properties").keySet()));
        assertEquals("int64", at(doc, "components", "schemas", view, "properties", "version").get("format"));

        String input = ref(at(post, "requestBody", "content", "application/json", "schema"));
        assertEquals("alpha.ThingInput", input);
        Map<String, Object> fields = at(doc, "components", "schemas", input, "properties");
        assertEquals(List.of("name", "tags", "size", "custom"), List.copyOf(fields.keySet()));
        assertEquals(Map.of(), at(fields, "custom", "additionalProperties"), "a value of any JSON type");
        assertEquals("array", at(fields, "tags").get("type"));
        assertEquals("string", at(fields, "tags", "items").get("type"));
        assertEquals("integer", at(fields, "size").get("type"));
        assertTrue(at(post, "responses").containsKey("400"));
        assertEquals("#/components/schemas/Problem",
                at(post, "responses", "400", "content", "application/problem+json", "schema").get("$ref"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpdateTakesIfMatchOrVersionAndAnswersWithETag() {
        Map<String, Object> patch = at(doc(), "paths", "/alpha/things/{id}", "patch");
        Map<String, Object> body = at(patch, "requestBody", "content", "application/json", "schema");
        List<Map<String, Object>> parts = (List<Map<String, Object>>) body.get("allOf");
        assertEquals("alpha.ThingInput", ref(parts.get(0)));
        assertTrue(at(parts.get(1), "properties").containsKey("version"));
        assertTrue(at(patch, "responses", "200", "headers").containsKey("ETag"));
        assertTrue(at(patch, "responses").keySet().containsAll(List.of("400", "404", "409")));
        List<Map<String, Object>> params = (List<Map<String, Object>>) patch.get("parameters");
        assertTrue(params.stream().anyMatch(p -> "If-Match".equals(p.get("name")) && "header".equals(p.get("in"))));
    }

    @Test
    void aDeleteAnswers204AndTakesAnOptionalIfMatch() {
        Map<String, Object> delete = at(doc(), "paths", "/alpha/things/{id}", "delete");
        Map<String, Object> responses = at(delete, "responses");
        assertTrue(responses.containsKey("204"));
        assertFalse(responses.containsKey("200"));
        assertFalse(at(responses, "204").containsKey("content"));
        assertTrue(responses.containsKey("409"));
        assertTrue(delete.toString().contains("name=If-Match"));
        assertTrue(delete.toString().contains("required=false"));
    }

    @Test
    void aListDocumentsItsPagingAndThePage() {
        Map<String, Object> get = at(doc(), "paths", "/alpha/things", "get");
        String params = get.get("parameters").toString();
        for (String p : List.of("limit", "cursor", "sort")) {
            assertTrue(params.contains("name=" + p), p + " in " + params);
        }
        Map<String, Object> page = at(get, "responses", "200", "content", "application/json", "schema", "properties");
        assertEquals(List.of("items", "next", "total", "totalExact"), List.copyOf(page.keySet()));
        assertEquals("alpha.ThingsResource.View", ref(at(page, "items", "items")));
        assertEquals("boolean", at(page, "totalExact").get("type"));
    }

    @Test
    void recordsWithTheSameSimpleNameGetOneSchemaEach() {
        Map<String, Object> doc = doc();
        String alpha = ref(at(doc, "paths", "/alpha/things/{id}", "patch", "responses", "200", "content", "application/json", "schema"));
        String beta = ref(at(doc, "paths", "/beta/{id}", "get", "responses", "200", "content", "application/json", "schema"));
        String other = ref(at(doc, "paths", "/alpha/others", "get", "responses", "200", "content", "application/json", "schema"));
        assertEquals("beta.View", beta);
        assertNotEquals(alpha, beta);
        assertNotEquals(alpha, other);
        assertNotEquals(beta, other);
        assertEquals("alpha.View", other, "the first of a module's records with a simple name keeps it");
        Map<String, Object> schemas = at(doc, "components", "schemas");
        assertEquals(List.of("title", "done"), List.copyOf(at(schemas, beta, "properties").keySet()));
        assertEquals(List.of("count"), List.copyOf(at(schemas, other, "properties").keySet()));
        assertTrue(at(schemas, alpha, "properties").containsKey("version"));
    }

    @Test
    void theSameDocumentEveryTime() {
        assertEquals(doc().toString(), doc().toString());
    }
}
