package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The sample module through its whole life: disabled at first, enabled by an administrator,
 * used over REST, disabled (its endpoints go, its data stays), enabled again (data back).
 */
class ModuleLifecycleIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static ApiClient user;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        String team = BlackBox.createTeam(admin);
        String name = BlackBox.unique("user");
        BlackBox.createUser(admin, name, team);
        user = BlackBox.signIn(server, name, BlackBox.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode notesModule() {
        for (JsonNode m : admin.get("modules").expect(200).json().path("items")) {
            if ("notes".equals(m.path("id").asText())) {
                return m;
            }
        }
        throw new AssertionError("notes is not listed");
    }

    @Test
    void notesLivesThroughEnableUseDisableAndEnableAgain() {
        JsonNode listed = notesModule();
        assertEquals("disabled", listed.path("state").asText());
        assertEquals("Notes", listed.path("name").asText());
        assertTrue(listed.path("requires").isArray());
        admin.get("notes").expectProblem(404);

        // Only administrators switch modules; the refusal changes nothing.
        user.post("modules/notes/enable", Map.of()).expectProblem(403);
        assertEquals("disabled", notesModule().path("state").asText());
        admin.post("modules/nonexistent/enable", Map.of()).expectProblem(404);

        BlackBox.enableNotes(admin);
        assertEquals("enabled", notesModule().path("state").asText());
        assertEquals("enabled", admin.post("modules/notes/enable", Map.of()).expect(200).json().path("state").asText(),
                "enabling twice is harmless");
        assertTrue(admin.get("openapi.json").json().path("paths").has("/notes"));

        // Create, read, list, update with the version, refuse a stale update, delete.
        var created = user.post("notes", Map.of("title", "Call Čebašek", "body", "about the renewal")).expect(201);
        JsonNode note = created.json();
        String id = note.path("id").asText();
        assertEquals(1, note.path("version").asInt());
        assertEquals("\"1\"", created.header("ETag"));
        assertEquals("Call Čebašek", user.get("notes/" + id).expect(200).json().path("title").asText());
        assertTrue(BlackBox.listContains(user.get("notes?q=" + "renewal"), id));

        JsonNode updated = user.patch("notes/" + id, Map.of("title", "Called Čebašek", "version", 1)).expect(200).json();
        assertEquals(2, updated.path("version").asInt());
        user.patch("notes/" + id, Map.of("title", "stale", "version", 1)).expectProblem(409);
        user.withHeader("If-Match", "\"1\"").patch("notes/" + id, Map.of("title", "stale too")).expectProblem(409);
        assertEquals("Called Čebašek", user.get("notes/" + id).json().path("title").asText(), "a stale update changes nothing");
        user.patch("notes/" + id, Map.of("title", "no version")).expectProblem(400);

        String kept = BlackBox.createNote(user, "kept across a disable");
        user.delete("notes/" + id).expect(204);
        user.get("notes/" + id).expectProblem(404);

        // Disabled: endpoints answer 404 and leave the OpenAPI document; data stays.
        user.post("modules/notes/disable", Map.of()).expectProblem(403);
        admin.post("modules/notes/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("notes"), 404).expectProblem(404);
        assertEquals("disabled", notesModule().path("state").asText());
        assertFalse(admin.get("openapi.json").json().path("paths").has("/notes"));

        BlackBox.enableNotes(admin);
        assertEquals("kept across a disable", user.get("notes/" + kept).expect(200).json().path("title").asText());

        // Switches are audited.
        JsonNode audit = admin.get("audit?target=module/notes").expect(200).json();
        assertTrue(audit.path("total").asInt() >= 3);
    }
}
