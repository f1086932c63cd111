package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The conventions every endpoint inherits from the platform: health, problem+json for every
 * kind of bad request (and such a request changes nothing), body limits, security headers,
 * and the OpenAPI document. The notes module serves as the endpoint under test.
 */
class PlatformIT {

    private static MosaicServer server;
    private static ApiClient anonymous;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        anonymous = new ApiClient(server);
        admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** How many notes carry this marker: what a test created, whatever else a shared database holds. */
    private static long notesMarked(String marker) {
        return BlackBox.total(admin, "notes?q=" + marker);
    }

    @Test
    void oddBodiesGetProblemsNeverAServerError() {
        // A character set nobody knows: Jetty's HTML error page before; now the API's problem and headers.
        ApiResponse charset = admin.sendRaw("POST", "teams", "{\"name\":\"x\"}", "application/json; charset=foo");
        charset.expectProblem(415);
        assertEquals("nosniff", charset.header("X-Content-Type-Options"));
        assertEquals("no-store", charset.header("Cache-Control"));
        // A form upload to an endpoint that reads JSON.
        admin.sendRaw("POST", "notes", "--xx\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n--xx--\r\n",
                "multipart/form-data; boundary=xx").expectProblem(415);
        admin.sendRaw("POST", "notes", "title=hi", "application/x-www-form-urlencoded").expectProblem(415);
        // A date the database cannot hold.
        admin.get("audit?from=%2B999999999-12-31T23:59:59Z").expectProblem(400);
    }

    @Test
    void everyCreateAnswersWithTheRecordsAddressAndVersion() {
        String team = BlackBox.unique("team");
        List<ApiResponse> creates = List.of(
                admin.post("teams", Map.of("name", team)),
                admin.post("roles", Map.of("name", BlackBox.unique("role"), "permissions", List.of("notes.read"))),
                admin.post("notes", Map.of("title", BlackBox.unique("located"))));
        for (ApiResponse created : creates) {
            JsonNode record = created.expect(201).json();
            String location = created.header("Location");
            assertNotNull(location, created.body());
            assertTrue(location.endsWith("/" + record.path("id").asText()), location);
            // A path, never a host: the host would echo the request's Host header, which the client chooses.
            assertTrue(location.startsWith("/api/v1/"), location);
            assertEquals("\"" + record.path("version").asLong() + "\"", created.header("ETag"));
            admin.get(location.substring(location.indexOf("/api/v1/") + "/api/v1/".length())).expect(200);
        }
    }

    @Test
    void theAuditLogPagesByCursorWithoutRepeatsOrGaps() {
        String marker = BlackBox.unique("paged");
        for (int i = 0; i < 7; i++) {
            // Record changes reach the audit log from a queue: wait for each entry.
            BlackBox.awaitFirstItem(admin, "audit?target=notes/note/" + BlackBox.createNote(admin, marker + "-" + i));
        }
        List<String> whole = BlackBox.all(admin, "audit?action=notes.note.created&limit=500").stream().map(e -> e.path("id").asText()).toList();
        List<String> byOne = BlackBox.all(admin, "audit?action=notes.note.created&limit=1").stream().map(e -> e.path("id").asText()).toList();
        assertTrue(whole.size() >= 7, whole.toString());
        assertEquals(whole, byOne, "page by page, the same entries in the same order, newest first");
        assertEquals(whole.size(), new java.util.HashSet<>(whole).size(), "no entry twice");
        String cursor = admin.get("audit?limit=1").expect(200).json().path("next").asText();
        assertEquals("cursor", admin.get("notes?cursor=" + cursor).expectProblem(400).path("errors").path(0).path("field").asText(),
                "a cursor serves only its own list");
    }

    @Test
    void healthAnswersWithoutSignInAndNamesTheDatabase() {
        ApiResponse r = anonymous.get("health").expect(200);
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode health = r.json();
        assertEquals("UP", health.path("status").asText());
        assertFalse(health.path("version").asText().isBlank());
        String expected = System.getenv("MOSAIC_TEST_DB_URL") == null ? "derby" : "postgresql";
        assertEquals(expected, health.path("database").asText());
    }

    @Test
    void unknownPathsAndRecordsAreProblems() {
        anonymous.get("/api/v1/nope").expectProblem(404);
        admin.get("/api/v1/nope").expectProblem(404);
        admin.get("notes/not-a-record-id").expectProblem(404);
        admin.get("notes/01a203c6-d035-742b-abaa-942001273fbf").expectProblem(404);
    }

    @Test
    void protectedEndpointsNeedASignInAndChangeNothingWithout() {
        for (String path : List.of("notes", "modules", "users", "teams", "roles", "audit", "auth/me")) {
            anonymous.get(path).expectProblem(401);
        }
        String marker = BlackBox.unique("anonymous");
        anonymous.post("notes", Map.of("title", marker)).expectProblem(401);
        anonymous.post("modules/notes/disable", Map.of()).expectProblem(401);
        assertEquals(0, notesMarked(marker), "nothing was created");
        assertEquals("enabled", BlackBox.module(admin, "notes").path("state").asText(), "the module is still on");
    }

    @Test
    void malformedJsonIsA400ProblemAndChangesNothing() {
        String marker = BlackBox.unique("malformed");
        JsonNode p = admin.sendRaw("POST", "notes", "{\"title\": \"" + marker + "\", \"body\": ", "application/json").expectProblem(400);
        assertTrue(p.path("detail").asText().contains("JSON"), p.toString());
        assertEquals(0, notesMarked(marker), "nothing was created");

        String id = BlackBox.createNote(admin, BlackBox.unique("target"));
        admin.sendRaw("PATCH", "notes/" + id, "{\"title\": \"changed\", \"version\": 1", "application/json").expectProblem(400);
        admin.sendRaw("PATCH", "notes/" + id, "[1, 2]", "application/json").expectProblem(400);
        assertEquals(1, admin.get("notes/" + id).expect(200).json().path("version").asInt(), "the note is unchanged");
    }

    @Test
    void unknownFieldsAreRefusedAndNamed() {
        String marker = BlackBox.unique("unknown");
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("id", "01a203c6-d035-742b-abaa-942001273fbf");
        unknown.put("version", 7);
        unknown.put("createdAt", "2020-01-01T00:00:00Z");
        unknown.put("isAdmin", true);
        unknown.forEach((field, value) -> {
            JsonNode p = admin.post("notes", Map.of("title", marker, field, value)).expectProblem(400);
            assertEquals(field, p.path("errors").path(0).path("field").asText(), p.toString());
            assertFalse(p.path("errors").path(0).path("message").asText().isBlank());
        });
        assertEquals(0, notesMarked(marker), "nothing was created");

        String id = BlackBox.createNote(admin, BlackBox.unique("target"));
        JsonNode p = admin.patch("notes/" + id, Map.of("createdAt", "2020-01-01T00:00:00Z", "version", 1)).expectProblem(400);
        assertEquals("createdAt", p.path("errors").path(0).path("field").asText(), p.toString());
        JsonNode after = admin.get("notes/" + id).expect(200).json();
        assertEquals(1, after.path("version").asInt(), "the note is unchanged");
        assertFalse(after.path("createdAt").asText().startsWith("2020"));
    }

    @Test
    void invalidFieldsAndParametersAreRefusedAndNamed() {
        String marker = BlackBox.unique("long");
        JsonNode tooLong = admin.post("notes", Map.of("title", marker + "x".repeat(201 - marker.length()))).expectProblem(400);
        assertEquals("title", tooLong.path("errors").path(0).path("field").asText());
        assertEquals(0, notesMarked(marker), "nothing was created");
        String longest = marker + "y".repeat(200 - marker.length());
        assertEquals(longest, admin.post("notes", Map.of("title", longest)).expect(201).json().path("title").asText(),
                "200 characters are allowed");

        JsonNode wrongType = admin.post("notes", Map.of("title", 42, "body", Map.of())).expectProblem(400);
        assertEquals("body", wrongType.path("errors").path(0).path("field").asText());

        assertEquals("limit", admin.get("notes?limit=0").expectProblem(400).path("errors").path(0).path("field").asText());
        assertEquals("limit", admin.get("notes?limit=100000").expectProblem(400).path("errors").path(0).path("field").asText());
        assertEquals("cursor", admin.get("notes?cursor=forged").expectProblem(400).path("errors").path(0).path("field").asText());
        assertEquals("sort", admin.get("notes?sort=password").expectProblem(400).path("errors").path(0).path("field").asText());
    }

    @Test
    void oversizedBodiesAreRefusedWith413AndCreateNothing() {
        String marker = BlackBox.unique("big");
        String big = "{\"title\":\"" + marker + "\",\"body\":\"" + "x".repeat(1_100_000) + "\"}";
        ApiResponse r = admin.sendRaw("POST", "notes", big, "application/json");
        r.expectProblem(413);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals(0, notesMarked(marker), "nothing was created");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        admin.sendRaw("PUT", "health", "{}", "application/json").expectProblem(405);
        String marker = BlackBox.unique("form");
        admin.sendRaw("POST", "notes", "title=" + marker, "application/x-www-form-urlencoded").expectProblem(415);
        assertEquals(0, notesMarked(marker), "nothing was created");
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() {
        List<ApiResponse> answers = List.of(
                anonymous.get("health"),
                anonymous.get("/api/v1/nope"),
                anonymous.get("notes"),
                admin.get("notes"),
                admin.get("openapi.json"),
                admin.sendRaw("POST", "notes", "{", "application/json"));
        for (ApiResponse r : answers) {
            assertEquals("nosniff", r.header("X-Content-Type-Options"), "on an answer " + r.status());
            assertEquals("DENY", r.header("X-Frame-Options"), "on an answer " + r.status());
            assertNotNull(r.header("Content-Security-Policy"), "on an answer " + r.status());
            assertEquals("no-referrer", r.header("Referrer-Policy"), "on an answer " + r.status());
            List<String> dates = r.headers().allValues("Date");
            assertEquals(1, dates.size(), "one Date on an answer " + r.status() + ": " + dates);
            Instant date = DateTimeFormatter.RFC_1123_DATE_TIME.parse(dates.get(0), Instant::from);
            assertTrue(Duration.between(date, Instant.now()).abs().getSeconds() < 120, "a current Date: " + dates.get(0));
        }
    }

    @Test
    void jsonAnswersGoOutWholeWithTheirLength() {
        // An answer that fits the server's buffer is sent in one piece, its length known; a flush
        // at the end of the JSON used to send every answer chunked, in two writes.
        for (ApiResponse r : List.of(admin.get("notes"), anonymous.get("notes"), admin.sendRaw("POST", "notes", "{", "application/json"))) {
            assertNull(r.header("Transfer-Encoding"), "not chunked: an answer " + r.status());
            assertEquals(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length), r.header("Content-Length"),
                    "the length of an answer " + r.status());
        }
        // One larger than the buffer still arrives whole.
        String marker = BlackBox.unique("big");
        String body = "Čebašek ".repeat(1_000);
        for (int i = 0; i < 8; i++) {
            admin.post("notes", Map.of("title", marker + " " + i, "body", body)).expect(201);
        }
        ApiResponse big = admin.get("notes?q=" + marker).expect(200);
        assertTrue(big.body().length() > 64 * 1024, "larger than the buffer: " + big.body().length());
        JsonNode items = big.json().path("items");
        assertEquals(8, items.size(), "every note");
        for (JsonNode note : items) {
            assertEquals(body, note.path("body").asText(), "the whole body of " + note.path("title").asText());
        }
    }

    @Test
    void openApiDescribesTheActiveEndpoints() {
        JsonNode doc = anonymous.get("openapi.json").expect(200).json();
        assertTrue(doc.path("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
        JsonNode paths = doc.path("paths");
        for (String path : List.of("/health", "/modules", "/modules/{id}/enable", "/auth/login", "/users", "/teams", "/roles",
                "/audit", "/notes", "/notes/{id}")) {
            assertTrue(paths.has(path), "OpenAPI lists " + path);
        }
        assertTrue(paths.path("/notes/{id}").has("patch"));
    }

    @Test
    void openApiDescribesWhatEachEndpointTakesAndAnswers() {
        admin.post("modules/contacts/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("contacts/people"), 200);
        JsonNode doc = anonymous.get("openapi.json").expect(200).json();
        JsonNode paths = doc.path("paths");
        JsonNode schemas = doc.path("components").path("schemas");

        // A create: 201 with Location and ETag, the person as the answer, the writable fields as the body.
        JsonNode create = paths.path("/contacts/people").path("post");
        assertFalse(create.path("responses").has("200"), "a create is not documented as 200");
        JsonNode created = create.path("responses").path("201");
        assertTrue(created.path("headers").has("Location") && created.path("headers").has("ETag"), created.toString());
        JsonNode person = schema(schemas, created.path("content").path("application/json").path("schema"));
        assertTrue(person.path("properties").has("firstName") && person.path("properties").has("version"), person.toString());
        assertEquals("integer", person.path("properties").path("version").path("type").asText());
        JsonNode input = schema(schemas, create.path("requestBody").path("content").path("application/json").path("schema"));
        assertTrue(input.path("properties").has("firstName") && input.path("properties").has("emails"), input.toString());
        assertFalse(input.path("properties").has("id"), "the id is not writable: " + input);
        assertEquals("#/components/schemas/Problem",
                create.path("responses").path("400").path("content").path("application/problem+json").path("schema").path("$ref").asText());

        // An update: If-Match or a version in the body, ETag on the answer, 409 when stale.
        JsonNode update = paths.path("/contacts/people/{id}").path("patch");
        assertTrue(update.path("responses").path("200").path("headers").has("ETag"));
        assertTrue(update.path("responses").has("409") && update.path("responses").has("404"));
        assertTrue(update.path("parameters").toString().contains("If-Match"));
        assertTrue(update.path("requestBody").toString().contains("\"version\""), update.path("requestBody").toString());

        // A delete: 204, If-Match optional.
        JsonNode delete = paths.path("/contacts/people/{id}").path("delete");
        assertTrue(delete.path("responses").has("204") && !delete.path("responses").has("200"));
        for (JsonNode p : delete.path("parameters")) {
            if ("If-Match".equals(p.path("name").asText())) {
                assertFalse(p.path("required").asBoolean(), "If-Match is optional");
            }
        }

        // A list: its paging parameters and its page.
        JsonNode list = paths.path("/contacts/people").path("get");
        for (String p : List.of("limit", "cursor", "sort")) {
            assertTrue(list.path("parameters").toString().contains("\"" + p + "\""), p);
        }
        JsonNode page = list.path("responses").path("200").path("content").path("application/json").path("schema").path("properties");
        for (String f : List.of("items", "next", "total", "totalExact")) {
            assertTrue(page.has(f), f + " in " + page);
        }

        // Schema names carry their module; no answer that has a body leaves it undescribed.
        schemas.fieldNames().forEachRemaining(name -> assertTrue(name.equals("Problem") || name.contains("."), name));
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> op.getValue().path("responses")
                .fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("2") && !r.getKey().equals("204")) {
                        assertTrue(r.getValue().has("content"), op.getKey() + " " + path.getKey() + " " + r.getKey() + " has a body");
                    }
                })));
    }

    /** The schema a reference names, or the schema itself. */
    private static JsonNode schema(JsonNode schemas, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        assertFalse(ref.isEmpty(), "a named schema: " + schema);
        return schemas.path(ref.substring("#/components/schemas/".length()));
    }
}
