package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/** A restart keeps data and module state; a kill -9 right after a committed write loses nothing. */
class DurabilityIT {

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
    void restartAndKillLoseNothingThatWasCommitted() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        String beforeRestart = BlackBox.createNote(admin, "before a restart");

        server.stop();
        server.start();
        admin = BlackBox.admin(server);
        assertEquals("before a restart", admin.get("notes/" + beforeRestart).expect(200).json().path("title").asText(),
                "the module is still enabled and its data is there");

        String beforeKill = BlackBox.createNote(admin, "committed just before kill -9");
        server.kill();
        server.start();
        admin = BlackBox.admin(server);
        assertEquals("committed just before kill -9", admin.get("notes/" + beforeKill).expect(200).json().path("title").asText());
        assertEquals("before a restart", admin.get("notes/" + beforeRestart).expect(200).json().path("title").asText());
    }
}
