package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * Session lifetimes, on a server whose browser sessions go idle after three seconds; each
 * test therefore signs in the administrator afresh.
 */
class SessionsIT {

    private static MosaicServer server;
    private static String team;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh(Map.of("MOSAIC_SESSION_IDLE", "PT3S")).start();
        team = BlackBox.createTeam(BlackBox.admin(server));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anIdleSessionExpiresAndEachSignInGetsANewOne() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        String name = BlackBox.unique("idle");
        BlackBox.createUser(admin, name, team);
        String first = BlackBox.login(server, name, BlackBox.PASSWORD).expect(200).json().path("token").asText();
        String second = BlackBox.login(server, name, BlackBox.PASSWORD).expect(200).json().path("token").asText();
        assertNotEquals(first, second, "a new session at every sign-in");
        ApiClient session = new ApiClient(server).withToken(first);
        session.get("auth/me").expect(200);
        Thread.sleep(5_000);
        session.get("auth/me").expectProblem(401);
    }

    @Test
    void backgroundPollingDoesNotKeepAnIdleSessionAlive() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        String name = BlackBox.unique("poller");
        BlackBox.createUser(admin, name, team);
        ApiClient active = new ApiClient(server).withToken(BlackBox.login(server, name, BlackBox.PASSWORD).expect(200).json()
                .path("token").asText());
        ApiClient polling = new ApiClient(server).withToken(BlackBox.login(server, name, BlackBox.PASSWORD).expect(200).json()
                .path("token").asText()).withHeader("X-Mosaic-Background", "true");
        int pollingStatus = 200;
        for (int second = 0; second < 6; second++) {
            active.get("auth/me").expect(200);
            pollingStatus = polling.get("auth/me").status();
            Thread.sleep(1_000);
        }
        assertEquals(401, pollingStatus, "a session only polled in the background idles out");
        active.get("auth/me").expect(200);
    }

    @Test
    void changingThePasswordEndsTheOtherSessions() {
        ApiClient admin = BlackBox.admin(server);
        String name = BlackBox.unique("mover");
        BlackBox.createUser(admin, name, team);
        ApiClient laptop = BlackBox.signIn(server, name, BlackBox.PASSWORD);
        ApiClient phone = BlackBox.signIn(server, name, BlackBox.PASSWORD);
        laptop.post("auth/password", Map.of("currentPassword", "wrong one entirely", "newPassword", "a brand new passphrase 7"))
                .expectProblem(400);
        JsonNode weak = laptop.post("auth/password", Map.of("currentPassword", BlackBox.PASSWORD, "newPassword", "password1234"))
                .expectProblem(400);
        assertEquals("newPassword", weak.path("errors").path(0).path("field").asText());
        phone.get("auth/me").expect(200);

        laptop.post("auth/password", Map.of("currentPassword", BlackBox.PASSWORD, "newPassword", "a brand new passphrase 7"))
                .expect(204);
        laptop.get("auth/me").expect(200);
        phone.get("auth/me").expectProblem(401);
        BlackBox.login(server, name, BlackBox.PASSWORD).expectProblem(401);
        BlackBox.login(server, name, "a brand new passphrase 7").expect(200);
    }

    @Test
    void apiTokensAreShownOnceAndCanBeRevoked() {
        ApiClient admin = BlackBox.admin(server);
        var issuing = admin.post("auth/tokens", Map.of("name", "nightly export")).expect(201);
        JsonNode issued = issuing.json();
        assertEquals("/api/v1/auth/tokens/" + issued.path("id").asText(), issuing.header("Location"), "a create answers its address");
        JsonNode shown = admin.get("auth/tokens/" + issued.path("id").asText()).expect(200).json();
        assertEquals("nightly export", shown.path("name").asText());
        assertFalse(shown.toString().contains(issued.path("token").asText()), "the secret is shown once only");
        String token = issued.path("token").asText();
        ApiClient integration = new ApiClient(server).withToken(token);
        integration.get("auth/me").expect(200);
        JsonNode listed = admin.get("auth/tokens").expect(200).json().path("items");
        for (JsonNode t : listed) {
            assertEquals(false, t.has("token"), "a token is never shown again");
        }
        admin.delete("auth/tokens/" + issued.path("id").asText()).expect(204);
        integration.get("auth/me").expectProblem(401);
    }
}
