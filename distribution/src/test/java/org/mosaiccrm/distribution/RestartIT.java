package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The same data folder (and database) across restarts: a graceful stop keeps data, accounts,
 * permissions and module state; a {@code kill -9} right after a committed write loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {

    private static MosaicServer server;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aRestartKeepsDataAccountsAndModuleState() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        BlackBox.Member user = BlackBox.member(server, admin, "stayer", BlackBox.createTeam(admin));
        String title = BlackBox.unique("before-a-restart");
        String id = BlackBox.createNote(user.client(), title);
        user.client().patch("notes/" + id, Map.of("body", "edited before the restart", "version", 1)).expect(200);

        server.stop();
        server.start();

        admin = BlackBox.admin(server);
        assertEquals("enabled", BlackBox.module(admin, "notes").path("state").asText(), "the module is still enabled");
        assertTrue(admin.get("openapi.json").expect(200).json().path("paths").has("/notes"));
        JsonNode note = admin.get("notes/" + id).expect(200).json();
        assertEquals(title, note.path("title").asText());
        assertEquals("edited before the restart", note.path("body").asText());
        assertEquals(2, note.path("version").asInt());
        assertEquals(1, BlackBox.total(admin, "notes?q=" + title));

        ApiClient again = BlackBox.signIn(server, user.username(), BlackBox.PASSWORD);
        assertEquals(title, again.get("notes/" + id).expect(200).json().path("title").asText(),
                "the user and the permissions of its role are still there");
    }

    @Test
    @Order(2)
    void aKillRightAfterACommittedWriteLosesNothing() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        String title = BlackBox.unique("committed-just-before-kill");
        String id = admin.post("notes", Map.of("title", title, "body", "then kill -9")).expect(201).json().path("id").asText();
        server.kill();

        server.start();
        admin = BlackBox.admin(server);
        assertEquals("enabled", BlackBox.module(admin, "notes").path("state").asText());
        JsonNode note = admin.get("notes/" + id).expect(200).json();
        assertEquals(title, note.path("title").asText());
        assertEquals("then kill -9", note.path("body").asText());
        assertEquals(1, note.path("version").asInt());
        assertEquals(1, BlackBox.total(admin, "notes?q=" + title));
        admin.patch("notes/" + id, Map.of("title", title + "-after", "version", 1)).expect(200);
    }
}
