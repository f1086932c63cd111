package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/** Health, OpenAPI, and the problem+json answer to every kind of bad request. */
class ApiConventionsIT {

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

    @Test
    void healthAnswersWithoutSignInAndNamesTheDatabase() {
        JsonNode health = anonymous.get("health").expect(200).json();
        assertEquals("UP", health.path("status").asText());
        assertFalse(health.path("version").asText().isEmpty());
        String expected = System.getenv("MOSAIC_TEST_DB_URL") == null ? "derby" : "postgresql";
        assertEquals(expected, health.path("database").asText());
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() {
        for (ApiResponse r : new ApiResponse[] {anonymous.get("health"), anonymous.get("nope"), admin.get("notes")}) {
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
            assertEquals("DENY", r.header("X-Frame-Options"));
            assertNotNull(r.header("Content-Security-Policy"));
            assertEquals("no-referrer", r.header("Referrer-Policy"));
        }
    }

    @Test
    void unknownPathIsAProblem() {
        anonymous.get("/api/v1/nope").expectProblem(404);
    }

    @Test
    void protectedEndpointsNeedASignIn() {
        anonymous.get("notes").expectProblem(401);
        anonymous.get("modules").expectProblem(401);
    }

    @Test
    void malformedJsonIsA400AndCreatesNothing() {
        long before = admin.get("notes").json().path("total").asLong();
        JsonNode p = admin.sendRaw("POST", "notes", "{\"title\": \"broken", "application/json").expectProblem(400);
        assertTrue(p.path("detail").asText().contains("not valid JSON"));
        assertEquals(before, admin.get("notes").json().path("total").asLong());
    }

    @Test
    void unknownFieldsAreRefusedAndNamed() {
        JsonNode p = admin.post("notes", Map.of("title", "t", "createdAt", "2020-01-01T00:00:00Z")).expectProblem(400);
        assertEquals("createdAt", p.path("errors").path(0).path("field").asText());
        JsonNode id = admin.post("notes", Map.of("title", "t", "id", "01a203c6-d035-742b-abaa-942001273fbf")).expectProblem(400);
        assertEquals("id", id.path("errors").path(0).path("field").asText());
    }

    @Test
    void invalidFieldsAreNamed() {
        JsonNode p = admin.post("notes", Map.of("title", "x".repeat(201))).expectProblem(400);
        assertEquals("title", p.path("errors").path(0).path("field").asText());
        JsonNode wrongType = admin.post("notes", Map.of("title", 42, "body", Map.of())).expectProblem(400);
        assertEquals("body", wrongType.path("errors").path(0).path("field").asText());
        JsonNode limit = admin.get("notes?limit=0").expectProblem(400);
        assertEquals("limit", limit.path("errors").path(0).path("field").asText());
        admin.get("notes?cursor=forged").expectProblem(400);
        admin.get("notes?sort=password").expectProblem(400);
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        String big = "{\"title\":\"big\",\"body\":\"" + "x".repeat(1_100_000) + "\"}";
        admin.sendRaw("POST", "notes", big, "application/json").expectProblem(413);
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        admin.sendRaw("PUT", "health", "{}", "application/json").expectProblem(405);
        admin.sendRaw("POST", "notes", "title=x", "application/x-www-form-urlencoded").expectProblem(415);
    }

    @Test
    void openApiDescribesTheActiveEndpoints() {
        JsonNode doc = anonymous.get("openapi.json").expect(200).json();
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        JsonNode paths = doc.path("paths");
        for (String path : new String[] {"/health", "/modules", "/modules/{id}/enable", "/auth/login", "/users", "/teams", "/roles",
                "/audit", "/notes", "/notes/{id}"}) {
            assertTrue(paths.has(path), "OpenAPI lists " + path);
        }
        assertTrue(paths.path("/notes/{id}").has("patch"));
    }
}
