package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * An import killed with kill -9 halfway resumes after the restart: every row once, none
 * twice. And switching contacts off and on again keeps its data.
 */
class ImportCrashIT {

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
    void aKilledImportResumesWithoutDuplicates() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        Contacts.enable(admin);
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        int rows = 12_000;
        for (int i = 0; i < rows; i++) {
            csv.append("Crash").append(i).append(",Test,crash").append(i).append("@example.com\n");
        }
        String job = admin.sendRaw("POST", "contacts/import?type=people", csv.toString(), "text/csv").expect(202)
                .json().path("jobId").asText();
        long processed = 0;
        for (int i = 0; i < 600 && processed < 1000; i++) {
            processed = admin.get("jobs/" + job).json().path("processed").asLong();
            Thread.sleep(50);
        }
        assertTrue(processed >= 1000 && processed < rows, "killed mid-import, after " + processed + " rows");
        server.kill();

        server.start();
        ApiClient again = BlackBox.admin(server);
        JsonNode progress = null;
        for (int i = 0; i < 360; i++) {
            progress = again.get("jobs/" + job).expect(200).json();
            if ("done".equals(progress.path("state").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals("done", progress.path("state").asText(), progress.toString());
        assertEquals(rows, progress.path("processed").asInt());
        assertEquals(rows, progress.path("created").asInt());
        assertEquals(rows, again.get("contacts/people?q=crash&limit=1").json().path("total").asInt(), "no row twice, none lost");
    }

    @Test
    void disablingContactsRemovesItsEndpointsAndKeepsItsData() {
        ApiClient admin = BlackBox.admin(server);
        Contacts.enable(admin);
        String id = admin.post("contacts/people", Map.of("firstName", "Kept", "lastName", "Across")).expect(201).json().path("id").asText();
        // As an administrator must: the modules that require contacts go first (a class before may have left some on).
        // (A module that another of them requires refuses with 409 until that one is off: a few passes.)
        for (int pass = 0; pass < 5; pass++) {
            for (JsonNode module : admin.get("modules").expect(200).json().path("items")) {
                if ("enabled".equals(module.path("state").asText()) && module.path("requires").toString().contains("\"contacts\"")) {
                    admin.post("modules/" + module.path("id").asText() + "/disable", Map.of());
                }
            }
        }
        admin.post("modules/contacts/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("contacts/people/" + id), 404).expectProblem(404);
        Contacts.enable(admin);
        assertEquals("Kept", admin.get("contacts/people/" + id).expect(200).json().path("firstName").asText());
    }
}
