package org.mosaiccrm.distribution;


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
        // On a cold first start the module catalog (Karaf's feature repositories) may still be
        // loading when health first answers: wait until it knows the module (seen once in CI).
        BlackBox.await(() -> admin.get("modules/contacts"), 200);
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

    /** Starts an import of the type; see {@link BlackBox#importCsv}. */
    static JsonNode importCsv(ApiClient client, String type, String csv) throws InterruptedException {
        return BlackBox.importCsv(client, "contacts/import?type=" + type, csv);
    }
}
