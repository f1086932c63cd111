package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The attacks that hit CRMs, each asserting the refusal and then re-reading, as an
 * administrator, that nothing changed.
 */
class AttacksIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static String salesTeam;
    private static String supportTeam;
    private static String mallory;
    private static String malloryId;
    private static ApiClient malloryClient;
    private static String victimNote;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        salesTeam = BlackBox.createTeam(admin);
        supportTeam = BlackBox.createTeam(admin);
        String alice = BlackBox.unique("alice");
        BlackBox.createUser(admin, alice, salesTeam);
        mallory = BlackBox.unique("mallory");
        malloryId = BlackBox.createUser(admin, mallory, supportTeam);
        malloryClient = BlackBox.signIn(server, mallory, BlackBox.PASSWORD);
        victimNote = BlackBox.createNote(BlackBox.signIn(server, alice, BlackBox.PASSWORD), "Sales secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode victimAsAdmin() {
        return admin.get("notes/" + victimNote).expect(200).json();
    }

    @Test
    void anotherTeamsRecordCannotBeReadListedChangedOrDeleted() {
        malloryClient.get("notes/" + victimNote).expectProblem(404);
        ApiResponse list = malloryClient.get("notes?limit=500").expect(200);
        assertFalse(BlackBox.listContains(list, victimNote));
        assertEquals(0, malloryClient.get("notes?q=Sales%20secret").json().path("total").asInt(), "not even counted");
        malloryClient.patch("notes/" + victimNote, Map.of("title", "pwned", "version", 1)).expectProblem(404);
        malloryClient.delete("notes/" + victimNote).expectProblem(404);
        JsonNode after = victimAsAdmin();
        assertEquals("Sales secret", after.path("title").asText());
        assertEquals(1, after.path("version").asInt());
    }

    @Test
    void aRecordCannotBeCreatedForAnotherTeamOrMovedThere() {
        long before = admin.get("notes").json().path("total").asLong();
        malloryClient.post("notes", Map.of("title", "planted", "teamId", salesTeam)).expectProblem(403);
        assertEquals(before, admin.get("notes").json().path("total").asLong(), "nothing was created");

        String own = BlackBox.createNote(malloryClient, "mine");
        malloryClient.patch("notes/" + own, Map.of("teamId", salesTeam, "version", 1)).expectProblem(403);
        assertEquals(supportTeam, admin.get("notes/" + own).json().path("teamId").asText());
    }

    @Test
    void oneCannotGrantOneselfARoleOrAPermission() {
        malloryClient.patch("users/" + malloryId, Map.of("roles", List.of("admin"))).expectProblem(403);
        String userRole = null;
        for (JsonNode r : admin.get("roles").json().path("items")) {
            if ("user".equals(r.path("name").asText())) {
                userRole = r.path("id").asText();
            }
        }
        malloryClient.patch("roles/" + userRole, Map.of("permissions", List.of("notes.read"))).expectProblem(403);
        malloryClient.post("users", Map.of("username", BlackBox.unique("sock"), "password", BlackBox.PASSWORD,
                "roles", List.of("admin"), "teamId", supportTeam)).expectProblem(403);
        JsonNode me = admin.get("users/" + malloryId).expect(200).json();
        assertEquals(List.of("user"), List.of(me.path("roles").path(0).asText()));
        assertEquals(1, me.path("roles").size());
        malloryClient.get("audit").expectProblem(403);
    }

    @Test
    void forgedAndMissingTokensAreRefused() {
        new ApiClient(server).withToken("forged-token-forged-token-forged-token-123").get("notes").expectProblem(401);
        new ApiClient(server).withToken("").get("auth/me").expectProblem(401);
        new ApiClient(server).withHeader("Cookie", "mosaic_session=forged-cookie-value-that-is-long-enough")
                .get("auth/me").expectProblem(401);
    }

    @Test
    void cookieRequestsThatChangeDataNeedTheCsrfToken() {
        ApiResponse login = BlackBox.login(server, mallory, BlackBox.PASSWORD).expect(200);
        String setCookie = login.header("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(setCookie.contains("HttpOnly"));
        assertTrue(setCookie.contains("SameSite=Strict"));
        String cookie = setCookie.split(";", 2)[0];
        String csrf = login.json().path("csrfToken").asText();
        ApiClient browser = new ApiClient(server).withHeader("Cookie", cookie);

        assertEquals(mallory, browser.get("auth/me").expect(200).json().path("username").asText(), "reads need no CSRF token");
        long before = admin.get("notes").json().path("total").asLong();
        browser.post("notes", Map.of("title", "cross-site")).expectProblem(403);
        browser.withHeader("X-CSRF-Token", "wrong").post("notes", Map.of("title", "cross-site")).expectProblem(403);
        assertEquals(before, admin.get("notes").json().path("total").asLong(), "nothing was created");
        browser.withHeader("X-CSRF-Token", csrf).post("notes", Map.of("title", "same-site")).expect(201);
    }

    @Test
    void bruteForceIsThrottledAndNeverSucceeds() {
        ApiClient a = BlackBox.admin(server);
        String victim = BlackBox.unique("victim");
        BlackBox.createUser(a, victim, salesTeam);
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            ApiResponse r = BlackBox.login(server, victim, "wrong password number " + i);
            assertNotEquals(200, r.status());
            if (r.status() == 429) {
                throttled++;
                assertNotNull(r.header("Retry-After"));
            } else {
                r.expectProblem(401);
            }
        }
        assertTrue(throttled >= 20, "blocked after a few failures, was throttled " + throttled + " times");
        ApiResponse right = BlackBox.login(server, victim, BlackBox.PASSWORD);
        right.expectProblem(429);
        JsonNode audit = a.get("audit?action=auth.login.failed&limit=100").expect(200).json();
        assertTrue(audit.path("total").asInt() >= 5);
    }

    @Test
    void failedSignInsDoNotRevealWhetherTheUserExists() {
        ApiResponse wrongPassword = BlackBox.login(server, mallory, "not the password at all");
        ApiResponse noSuchUser = BlackBox.login(server, BlackBox.unique("nobody"), "not the password at all");
        JsonNode a = wrongPassword.expectProblem(401);
        JsonNode b = noSuchUser.expectProblem(401);
        assertEquals(a.path("detail").asText(), b.path("detail").asText());
        assertEquals(a.path("title").asText(), b.path("title").asText());
    }

    @Test
    void aDisabledUsersTokenStopsWorkingAtOnce() {
        String name = BlackBox.unique("leaver");
        String id = BlackBox.createUser(admin, name, supportTeam);
        ApiClient leaver = BlackBox.signIn(server, name, BlackBox.PASSWORD);
        leaver.get("auth/me").expect(200);
        admin.patch("users/" + id, Map.of("enabled", false)).expect(200);
        leaver.get("auth/me").expectProblem(401);
        BlackBox.login(server, name, BlackBox.PASSWORD).expectProblem(401);
        assertFalse(admin.get("users/" + id).json().path("enabled").asBoolean());
    }

    @Test
    void aLoggedOutTokenCannotBeReused() {
        ApiClient session = BlackBox.signIn(server, mallory, BlackBox.PASSWORD);
        session.get("auth/me").expect(200);
        session.post("auth/logout", Map.of()).expect(204);
        session.get("auth/me").expectProblem(401);
        session.post("notes", Map.of("title", "after logout")).expectProblem(401);
    }

    @Test
    void weakPasswordsAreRefusedNamingTheField() {
        JsonNode p = admin.post("users", Map.of("username", BlackBox.unique("weak"), "password", "password1234",
                "roles", List.of("user"), "teamId", supportTeam)).expectProblem(400);
        assertEquals("password", p.path("errors").path(0).path("field").asText());
    }

    @Test
    void customerDataIsStoredAsTypedAndAuditEntriesAreEscaped() {
        String payload = "<img src=x onerror=alert(1)>\nforged audit line";
        String id = malloryClient.post("notes", Map.of("title", "=HYPERLINK(\"http://evil\")", "body", payload)).expect(201)
                .json().path("id").asText();
        assertEquals(payload, admin.get("notes/" + id).json().path("body").asText());
        JsonNode entry = admin.get("audit?target=notes/note/" + id).expect(200).json().path("items").path(0);
        assertFalse(entry.path("detail").asText().contains("\n"), "newlines are escaped in audit entries");
        assertEquals(mallory, entry.path("actor").asText());
    }
}
