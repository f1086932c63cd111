package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The module in a running Mosaic ({@code mvn verify -Pblack-box}): a fresh server, the module
 * archive dropped into its deploy/ folder, then the records over REST as a client sees them.
 */
class ${moduleClass}IT {

    private static MosaicServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        server.deploy(Path.of(System.getProperty("module.archive")));
        admin = ApiClient.signIn(server, "admin", MosaicServer.ADMIN_PASSWORD);
        admin.awaitStatus("${moduleId}/records", 200, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRecordIsCreatedListedAndRead() {
        String name = "First " + System.nanoTime();
        JsonNode created = admin.post("${moduleId}/records", Map.of("name", name)).expect(201).json();
        assertEquals(name, created.path("name").asText());
        JsonNode page = admin.get("${moduleId}/records?q=" + name.replace(" ", "%20")).expect(200).json();
        assertEquals(1, page.path("total").asInt());
        assertEquals(name, admin.get("${moduleId}/records/" + created.path("id").asText()).expect(200).json().path("name").asText());
    }

    @Test
    void aRecordWithoutANameIsRefusedByField() {
        JsonNode problem = admin.post("${moduleId}/records", Map.of("name", " ")).expectProblem(400);
        assertEquals("name", problem.path("errors").path(0).path("field").asText());
        admin.post("${moduleId}/records", Map.of("name", "x", "color", "red")).expectProblem(400);
    }

    @Test
    void withoutSigningInNothingIsShown() {
        new ApiClient(server).get("${moduleId}/records").expectProblem(401);
    }
}
