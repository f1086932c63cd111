package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.mosaiccrm.platform.testing.ApiClient;

/** Switching the contacts module on for tests, and running an import to its end. */
final class Contacts {

    static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "contacts.delete", "contacts.import",
            "contacts.export");

    private Contacts() {
    }

    static void enable(ApiClient admin) {
        admin.post("modules/contacts/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("contacts/people"), 200);
        String userRole = null;
        for (JsonNode role : admin.get("roles").expect(200).json().path("items")) {
            if ("user".equals(role.path("name").asText())) {
                userRole = role.path("id").asText();
            }
        }
        admin.patch("roles/" + userRole, Map.of("permissions", PERMISSIONS)).expect(200);
    }

    /** Imports people; see {@link #importCsv(ApiClient, String, String)}. */
    static JsonNode importCsv(ApiClient client, String csv) throws InterruptedException {
        return importCsv(client, "people", csv);
    }

    /** Starts an import of the type and waits (up to three minutes) for it to end; returns the final progress. */
    static JsonNode importCsv(ApiClient client, String type, String csv) throws InterruptedException {
        String job = client.sendRaw("POST", "contacts/import?type=" + type, csv, "text/csv").expect(202).json().path("jobId").asText();
        for (int i = 0; i < 360; i++) {
            JsonNode progress = client.get("jobs/" + job).expect(200).json();
            String state = progress.path("state").asText();
            if ("done".equals(state) || "failed".equals(state)) {
                return progress;
            }
            Thread.sleep(500);
        }
        fail("the import did not end within three minutes");
        return null;
    }
}
