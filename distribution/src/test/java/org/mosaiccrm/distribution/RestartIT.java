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

    @Test
    @Order(3)
    void theDataIsTheOwnersAloneAndOnlyTheOwnerCanStopTheServer() throws Exception {
        // Started with umask 022 (MosaicServer), yet nothing under the data folder is open to others.
        java.nio.file.Path data = server.dataFolder();
        java.util.List<String> open = new java.util.ArrayList<>();
        try (var all = java.nio.file.Files.walk(data)) {
            all.forEach(p -> {
                try {
                    var modes = java.nio.file.Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (modes.stream().anyMatch(m -> m.name().startsWith("GROUP") || m.name().startsWith("OTHERS"))) {
                        open.add(data.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(modes));
                    }
                } catch (java.io.IOException e) {
                    // gone meanwhile (a temporary file)
                }
            });
        }
        assertEquals(java.util.List.of(), open, "files others may read or enter");
        assertTrue(java.nio.file.Files.notExists(data.resolve("port")), "no shutdown port: none is listening and none is written down");

        // bin/mosaic stop signals the process through the pid file in the data folder.
        ProcessBuilder stopping = new ProcessBuilder(server.home().resolve("bin/mosaic").toString(), "stop").redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        stopping.environment().put("MOSAIC_DATA", data.toString());
        Process stop = stopping.start();
        assertTrue(stop.waitFor(150, java.util.concurrent.TimeUnit.SECONDS));
        String said = new String(stop.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, stop.exitValue(), said);
        for (int i = 0; i < 100 && server.isAlive(); i++) {
            Thread.sleep(100);
        }
        assertTrue(!server.isAlive(), "the server stopped: " + said);
        server.start();
    }
}
