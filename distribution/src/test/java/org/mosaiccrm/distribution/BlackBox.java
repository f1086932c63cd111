package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/** What several black-box tests need: signing in, teams and users, the notes module switched on. */
final class BlackBox {

    static final String PASSWORD = "violet tram at dawn 42";

    private BlackBox() {
    }

    /** A name no other test (or earlier run on a shared PostgreSQL) has used. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ApiResponse login(MosaicServer server, String username, String password) {
        return new ApiClient(server).post("auth/login", Map.of("username", username, "password", password));
    }

    static ApiClient signIn(MosaicServer server, String username, String password) {
        String token = login(server, username, password).expect(200).json().path("token").asText();
        return new ApiClient(server).withToken(token);
    }

    static ApiClient admin(MosaicServer server) {
        return signIn(server, "admin", MosaicServer.ADMIN_PASSWORD);
    }

    static String createTeam(ApiClient admin) {
        return admin.post("teams", Map.of("name", unique("team"))).expect(201).json().path("id").asText();
    }

    /** Creates a user with the role "user" in the team; returns its id. */
    static String createUser(ApiClient admin, String username, String teamId) {
        return admin.post("users", Map.of("username", username, "password", PASSWORD, "roles", List.of("user"), "teamId", teamId))
                .expect(201).json().path("id").asText();
    }

    /** Enables notes and grants its permissions to the role "user"; waits until its endpoints answer. */
    static void enableNotes(ApiClient admin) {
        admin.post("modules/notes/enable", Map.of()).expect(200);
        await(() -> admin.get("notes"), 200);
        String userRole = null;
        for (JsonNode role : admin.get("roles").expect(200).json().path("items")) {
            if ("user".equals(role.path("name").asText())) {
                userRole = role.path("id").asText();
            }
        }
        admin.patch("roles/" + userRole, Map.of("permissions", List.of("notes.read", "notes.write", "notes.delete"))).expect(200);
    }

    static String createNote(ApiClient client, String title) {
        return client.post("notes", Map.of("title", title, "body", "body of " + title)).expect(201).json().path("id").asText();
    }

    /** Polls until the request answers the status: module switches take effect within seconds. */
    static ApiResponse await(Supplier<ApiResponse> request, int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ApiResponse last = null;
        while (Instant.now().isBefore(deadline)) {
            last = request.get();
            if (last.status() == status) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("Expected HTTP " + status + " within 30 s, last answer: " + (last == null ? "none" : last.status() + " " + last.body()));
        return last;
    }

    static boolean listContains(ApiResponse list, String id) {
        for (JsonNode item : list.json().path("items")) {
            if (id.equals(item.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
