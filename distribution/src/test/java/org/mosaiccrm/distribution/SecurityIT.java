package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The attacks that hit a CRM. Each test asserts the refusal and then re-reads, as an
 * administrator, that nothing changed. Mallory is a plain user of the support team; the
 * victim note belongs to Alice of the sales team.
 */
class SecurityIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static String salesTeam;
    private static String supportTeam;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static String victimTitle;
    private static String victimNote;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        salesTeam = BlackBox.createTeam(admin);
        supportTeam = BlackBox.createTeam(admin);
        alice = BlackBox.member(server, admin, "alice", salesTeam);
        mallory = BlackBox.member(server, admin, "mallory", supportTeam);
        victimTitle = BlackBox.unique("sales-secret");
        victimNote = BlackBox.createNote(alice.client(), victimTitle);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static long notesMarked(String marker) {
        return BlackBox.total(admin, "notes?q=" + marker);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void assertVictimUntouched() {
        JsonNode victim = admin.get("notes/" + victimNote).expect(200).json();
        assertEquals(victimTitle, victim.path("title").asText());
        assertEquals("body of " + victimTitle, victim.path("body").asText());
        assertEquals(1, victim.path("version").asInt());
        assertEquals(salesTeam, victim.path("teamId").asText());
        assertEquals(alice.id(), victim.path("ownerId").asText());
    }

    @Test
    void anotherTeamsNoteCannotBeReadListedUpdatedOrDeleted() {
        ApiClient m = mallory.client();
        m.get("notes/" + victimNote).expectProblem(404);
        assertFalse(BlackBox.anyHas(BlackBox.all(m, "notes?limit=500"), "id", victimNote), "absent from the list");
        JsonNode search = m.get("notes?q=" + victimTitle).expect(200).json();
        assertEquals(0, search.path("total").asInt(), "not even counted");
        assertEquals(0, search.path("items").size());
        m.patch("notes/" + victimNote, Map.of("title", "pwned", "version", 1)).expectProblem(404);
        m.withHeader("If-Match", "\"1\"").patch("notes/" + victimNote, Map.of("body", "pwned")).expectProblem(404);
        m.delete("notes/" + victimNote).expectProblem(404);

        assertVictimUntouched();
        assertEquals(1, BlackBox.total(alice.client(), "notes?q=" + victimTitle), "its owner still sees it");
    }

    @Test
    void aNoteCannotBeCreatedForAnotherTeamOrMovedThere() {
        String marker = BlackBox.unique("planted");
        mallory.client().post("notes", Map.of("title", marker, "teamId", salesTeam)).expectProblem(403);
        assertEquals(0, notesMarked(marker), "nothing was created");

        String own = BlackBox.createNote(mallory.client(), BlackBox.unique("mine"));
        mallory.client().patch("notes/" + own, Map.of("teamId", salesTeam, "version", 1)).expectProblem(403);
        JsonNode after = admin.get("notes/" + own).expect(200).json();
        assertEquals(supportTeam, after.path("teamId").asText());
        assertEquals(1, after.path("version").asInt());
    }

    @Test
    void oneCannotGrantOneselfARoleOrAPermission() {
        ApiClient m = mallory.client();
        m.patch("users/" + mallory.id(), Map.of("roles", List.of("admin"))).expectProblem(403);
        JsonNode me = admin.get("users/" + mallory.id()).expect(200).json();
        assertEquals(List.of("user"), texts(me.path("roles")), "still only a user");
        assertEquals(List.of("user"), texts(m.get("auth/me").expect(200).json().path("roles")));

        JsonNode role = BlackBox.role(admin, "user");
        TreeSet<String> before = new TreeSet<>(texts(role.path("permissions")));
        m.patch("roles/" + role.path("id").asText(), Map.of("permissions", List.of("notes.read", "notes.write", "notes.delete",
                "admin"))).expectProblem(403);
        assertEquals(before, new TreeSet<>(texts(BlackBox.role(admin, "user").path("permissions"))), "the role is unchanged");

        String sock = BlackBox.unique("sock");
        m.post("users", Map.of("username", sock, "password", BlackBox.PASSWORD, "roles", List.of("admin"), "teamId", supportTeam))
                .expectProblem(403);
        assertFalse(BlackBox.anyHas(BlackBox.all(admin, "users?limit=500"), "username", sock), "no account was created");
        BlackBox.login(server, sock, BlackBox.PASSWORD).expectProblem(401);

        m.get("audit").expectProblem(403);
    }

    /**
     * The server remembers each user's roles and permissions between requests; granting,
     * revoking, renaming a role and changing a user's roles must still count from the very next
     * request, with no sign-in again.
     */
    @Test
    void roleAndPermissionChangesCountFromTheNextRequest() {
        String roleName = BlackBox.unique("readers");
        String roleId = admin.post("roles", Map.of("name", roleName, "permissions", List.of("notes.read")))
                .expect(201).json().path("id").asText();
        String username = BlackBox.unique("reader");
        String userId = admin.post("users", Map.of("username", username, "password", BlackBox.PASSWORD, "roles", List.of(roleName),
                "teamId", supportTeam)).expect(201).json().path("id").asText();
        ApiClient reader = BlackBox.signIn(server, username, BlackBox.PASSWORD);
        reader.get("notes").expect(200);
        String marker = BlackBox.unique("granted-later");
        reader.post("notes", Map.of("title", marker)).expectProblem(403);
        assertEquals(0, notesMarked(marker), "nothing was created");

        admin.patch("roles/" + roleId, Map.of("permissions", List.of("notes.read", "notes.write"))).expect(200);
        reader.post("notes", Map.of("title", marker)).expect(201);
        admin.patch("roles/" + roleId, Map.of("permissions", List.of())).expect(200);
        reader.get("notes").expectProblem(403);
        String refused = BlackBox.unique("revoked");
        reader.post("notes", Map.of("title", refused)).expectProblem(403);
        assertEquals(0, notesMarked(refused), "nothing was created after the revocation");

        String renamed = BlackBox.unique("renamed");
        admin.patch("roles/" + roleId, Map.of("name", renamed)).expect(200);
        assertEquals(List.of(renamed), texts(reader.get("auth/me").expect(200).json().path("roles")));

        admin.patch("users/" + userId, Map.of("roles", List.of("user"))).expect(200);
        JsonNode me = reader.get("auth/me").expect(200).json();
        assertEquals(List.of("user"), texts(me.path("roles")));
        assertTrue(texts(me.path("permissions")).contains("notes.write"), "the user role's permissions count at once");
        reader.get("notes").expect(200);
    }

    @Test
    void forgedTokensAndCookiesAreRefused() {
        String marker = BlackBox.unique("forged");
        ApiClient forged = new ApiClient(server).withToken(randomToken());
        forged.get("auth/me").expectProblem(401);
        forged.get("notes").expectProblem(401);
        forged.post("notes", Map.of("title", marker)).expectProblem(401);
        new ApiClient(server).withToken("").get("auth/me").expectProblem(401);
        new ApiClient(server).withHeader("Authorization", "Basic YWRtaW46YWRtaW4=").get("auth/me").expectProblem(401);
        new ApiClient(server).withHeader("Cookie", "mosaic_session=" + randomToken()).get("auth/me").expectProblem(401);
        assertEquals(0, notesMarked(marker), "nothing was created");
    }

    @Test
    void cookieRequestsThatChangeDataNeedTheCsrfToken() {
        ApiResponse login = BlackBox.login(server, mallory.username(), BlackBox.PASSWORD).expect(200);
        String setCookie = String.join(" | ", login.headers().allValues("Set-Cookie"));
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        String csrf = login.json().path("csrfToken").asText();
        assertFalse(csrf.isBlank());
        ApiClient browser = new ApiClient(server).withHeader("Cookie", BlackBox.sessionCookie(login));

        assertEquals(mallory.username(), browser.get("auth/me").expect(200).json().path("username").asText(),
                "reading needs no CSRF token");
        String marker = BlackBox.unique("cross-site");
        browser.post("notes", Map.of("title", marker)).expectProblem(403);
        browser.withHeader("X-CSRF-Token", "wrong").post("notes", Map.of("title", marker)).expectProblem(403);
        assertEquals(0, notesMarked(marker), "nothing was created");

        String own = BlackBox.createNote(mallory.client(), BlackBox.unique("own"));
        browser.delete("notes/" + own).expectProblem(403);
        browser.patch("notes/" + own, Map.of("title", "cross-site edit", "version", 1)).expectProblem(403);
        assertEquals(1, admin.get("notes/" + own).expect(200).json().path("version").asInt(), "the note is unchanged");
        browser.post("auth/logout", Map.of()).expectProblem(403);
        browser.get("auth/me").expect(200);

        browser.withHeader("X-CSRF-Token", csrf).post("notes", Map.of("title", marker)).expect(201);
        assertEquals(1, notesMarked(marker), "with the token the same request works");
    }

    @Test
    void bruteForceIsThrottledAndNeverSucceeds() {
        BlackBox.Member victim = BlackBox.member(server, admin, "victim", salesTeam);
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            ApiResponse r = BlackBox.login(server, victim.username(), "wrong password number " + i);
            assertNotEquals(200, r.status(), "attempt " + i);
            if (r.status() == 429) {
                throttled++;
                r.expectProblem(429);
                assertNotNull(r.header("Retry-After"), "429 says when to retry");
                assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
            } else {
                r.expectProblem(401);
            }
        }
        assertTrue(throttled >= 25, "blocked after five failures; throttled " + throttled + " of 30");

        ApiResponse right = BlackBox.login(server, victim.username(), BlackBox.PASSWORD);
        right.expectProblem(429);
        assertNotNull(right.header("Retry-After"));
        assertNotEquals(200, BlackBox.login(server, victim.username(), BlackBox.PASSWORD).status());

        List<JsonNode> audit = BlackBox.all(admin, "audit?actor=" + victim.username() + "&action=auth.login");
        assertTrue(audit.stream().filter(e -> "auth.login.failed".equals(e.path("action").asText())).count() >= 5, audit.toString());
        assertEquals(1, audit.stream().filter(e -> "auth.login".equals(e.path("action").asText())).count(),
                "the only successful sign-in is the one before the attack: " + audit);
    }

    /** How many answers had each status. */
    private static Map<Integer, Long> statuses(List<ApiResponse> answers) {
        return answers.stream().collect(java.util.stream.Collectors.groupingBy(ApiResponse::status, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /** How many audit entries of the user have this action. */
    private static long audited(String username, String action) {
        return BlackBox.all(admin, "audit?actor=" + username).stream().filter(e -> action.equals(e.path("action").asText())).count();
    }

    /** A refusal of the throttle: a problem saying when to try again. */
    private static void assertThrottled(ApiResponse r) {
        r.expectProblem(429);
        assertTrue(Long.parseLong(r.header("Retry-After")) > 0, "429 says when to retry");
    }

    /**
     * Attempts are counted before their password is checked, so that simultaneous ones cannot
     * all slip in before the first failure is counted (issue 16: 40 at once were all checked).
     */
    @Test
    void simultaneousWrongPasswordsAreCheckedNoMoreThanTheLimitAndAllAudited() throws Exception {
        BlackBox.Member victim = BlackBox.member(server, admin, "swarm", salesTeam);
        List<ApiResponse> answers = BlackBox.atOnce(40, i -> BlackBox.login(server, victim.username(), "wrong password number " + i));
        Map<Integer, Long> byStatus = statuses(answers);
        assertEquals(java.util.Set.of(401, 429), byStatus.keySet(), "checked (401) or refused unchecked (429), never 500: " + byStatus);
        long checked = byStatus.get(401);
        assertTrue(checked <= 5, "at most five of them were checked: " + byStatus);
        answers.stream().filter(r -> r.status() == 401).forEach(r -> r.expectProblem(401));
        answers.stream().filter(r -> r.status() == 429).forEach(SecurityIT::assertThrottled);

        assertEquals(checked, audited(victim.username(), "auth.login.failed"), "every failure is audited");
        assertEquals(40 - checked, audited(victim.username(), "auth.login.throttled"), "every refusal is audited");
        assertThrottled(BlackBox.login(server, victim.username(), BlackBox.PASSWORD));
    }

    /**
     * One right password among simultaneous wrong ones: it gets in only if it was counted before
     * the limit, and it does not unlock an account the others got blocked meanwhile.
     */
    @Test
    void aRightPasswordAmongSimultaneousWrongOnesLeavesTheAccountBlocked() throws Exception {
        BlackBox.Member victim = BlackBox.member(server, admin, "mixed", salesTeam);
        int right = 17;
        List<ApiResponse> answers = BlackBox.atOnce(30,
                i -> BlackBox.login(server, victim.username(), i == right ? BlackBox.PASSWORD : "wrong password number " + i));
        Map<Integer, Long> byStatus = statuses(answers);
        assertTrue(java.util.Set.of(200, 401, 429).containsAll(byStatus.keySet()), "never 500: " + byStatus);
        int rightStatus = answers.get(right).status();
        assertTrue(rightStatus == 200 || rightStatus == 429, "the right password is let in or refused unchecked: " + rightStatus);
        long checked = byStatus.getOrDefault(401, 0L) + (rightStatus == 200 ? 1 : 0);
        assertTrue(checked <= 5, "at most five attempts were checked: " + byStatus);
        assertEquals(byStatus.getOrDefault(401, 0L), audited(victim.username(), "auth.login.failed"), "every failure is audited");

        assertThrottled(BlackBox.login(server, victim.username(), BlackBox.PASSWORD));
    }

    /** A stolen session must not try passwords either: wrong current passwords count like sign-ins. */
    @Test
    void wrongCurrentPasswordsAreThrottledAndAudited() throws Exception {
        BlackBox.Member victim = BlackBox.member(server, admin, "stolen", salesTeam);
        List<ApiResponse> answers = BlackBox.atOnce(12, i -> victim.client().post("auth/password",
                Map.of("currentPassword", "wrong password number " + i, "newPassword", "a brand new passphrase 77")));
        Map<Integer, Long> byStatus = statuses(answers);
        assertEquals(java.util.Set.of(400, 429), byStatus.keySet(), "wrong (400) or refused unchecked (429), never 500: " + byStatus);
        long checked = byStatus.get(400);
        assertTrue(checked <= 5, "at most five were checked: " + byStatus);
        answers.stream().filter(r -> r.status() == 400)
                .forEach(r -> assertEquals("currentPassword", r.expectProblem(400).path("errors").path(0).path("field").asText()));
        answers.stream().filter(r -> r.status() == 429).forEach(SecurityIT::assertThrottled);
        assertEquals(checked, audited(victim.username(), "auth.password.failed"), "every failure is audited");
        assertEquals(12 - checked, audited(victim.username(), "auth.password.throttled"), "every refusal is audited");

        assertThrottled(victim.client().post("auth/password",
                Map.of("currentPassword", BlackBox.PASSWORD, "newPassword", "a brand new passphrase 77")));
        assertThrottled(BlackBox.login(server, victim.username(), BlackBox.PASSWORD));
        victim.client().get("auth/me").expect(200);
    }

    @Test
    void aRightCurrentPasswordStillChangesThePassword() {
        BlackBox.Member member = BlackBox.member(server, admin, "changer", salesTeam);
        member.client().post("auth/password", Map.of("currentPassword", "not it at all", "newPassword", "a brand new passphrase 77"))
                .expectProblem(400);
        member.client().post("auth/password", Map.of("currentPassword", BlackBox.PASSWORD, "newPassword", "a brand new passphrase 77"))
                .expect(204);
        BlackBox.login(server, member.username(), "a brand new passphrase 77").expect(200);
    }

    /** CXF describes the whole API in WADL at any address with {@code ?_wadl}, before sign-in (issue 16). */
    @Test
    void wadlIsNotServed() {
        ApiClient anonymous = new ApiClient(server);
        // The servlet container sends the bare base address to the base with a slash (checked below).
        ApiResponse bare = anonymous.get("/api/v1?_wadl");
        if (bare.status() == 302) {
            assertTrue(bare.header("Location").endsWith("/api/v1/?_wadl"), bare.header("Location"));
            assertEquals("", bare.body());
        } else {
            bare.expectProblem(404);
        }
        for (String path : List.of("/api/v1/?_wadl", "/api/v1/notes?_wadl", "/api/v1/contacts/people?_wadl",
                "/api/v1/notes?%5Fwadl", "/api/v1/auth/me?_wadl")) {
            ApiResponse r = anonymous.get(path);
            assertTrue(r.status() == 401 || r.status() == 404, path + " answered " + r.status() + ": " + r.body());
            r.expectProblem(r.status());
            assertFalse(r.body().contains("wadl"), path + ": " + r.body());
        }
        ApiResponse signedIn = mallory.client().get("notes?_wadl").expect(200);
        assertTrue(signedIn.json().has("items"), "a list, not a description: " + signedIn.body());
    }

    @Test
    void unpairedSurrogatesAreRefusedNamingTheField() {
        String marker = BlackBox.unique("surrogate");
        for (String title : List.of(marker + "\\ud800", marker + "\\udfff x", "\\udbff" + marker)) {
            JsonNode p = mallory.client().sendRaw("POST", "notes", "{\"title\":\"" + title + "\"}", "application/json").expectProblem(400);
            assertEquals("title", p.path("errors").path(0).path("field").asText(), p.toString());
        }
        assertEquals(0, notesMarked(marker), "nothing was stored");
        String pair = marker + "\\ud83d\\ude00";
        mallory.client().sendRaw("POST", "notes", "{\"title\":\"" + pair + "\"}", "application/json").expect(201);
        assertEquals(1, notesMarked(marker), "a pair is a character like any other");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        String marker = BlackBox.unique("twice");
        JsonNode p = mallory.client().sendRaw("POST", "notes", "{\"title\":\"" + marker + "\",\"title\":\"other\"}",
                "application/json").expectProblem(400);
        assertEquals("title", p.path("errors").path(0).path("field").asText(), p.toString());
        assertEquals(0, notesMarked(marker), "nothing was stored");
    }

    @Test
    void onlyAdministratorsSeeTheSearchIndexStatus() {
        mallory.client().get("search/status").expectProblem(403);
        new ApiClient(server).get("search/status").expectProblem(401);
        assertTrue(admin.get("search/status").expect(200).json().has("documents"));
    }

    @Test
    void failedSignInsDoNotRevealWhetherTheUserExists() {
        BlackBox.Member probe = BlackBox.member(server, admin, "probe", supportTeam);
        JsonNode wrongPassword = BlackBox.login(server, probe.username(), "not the password at all").expectProblem(401);
        JsonNode noSuchUser = BlackBox.login(server, BlackBox.unique("nobody"), "not the password at all").expectProblem(401);
        assertEquals(wrongPassword.path("detail").asText(), noSuchUser.path("detail").asText());
        assertEquals(wrongPassword.path("title").asText(), noSuchUser.path("title").asText());
        assertEquals(wrongPassword.path("type").asText(), noSuchUser.path("type").asText());
    }

    @Test
    void aDisabledUsersTokenStopsWorkingAtOnce() {
        BlackBox.Member leaver = BlackBox.member(server, admin, "leaver", supportTeam);
        leaver.client().get("auth/me").expect(200);
        admin.patch("users/" + leaver.id(), Map.of("enabled", false)).expect(200);

        leaver.client().get("auth/me").expectProblem(401);
        String marker = BlackBox.unique("after-disable");
        leaver.client().post("notes", Map.of("title", marker)).expectProblem(401);
        assertEquals(0, notesMarked(marker), "nothing was created");
        JsonNode refused = BlackBox.login(server, leaver.username(), BlackBox.PASSWORD).expectProblem(401);
        JsonNode wrong = BlackBox.login(server, BlackBox.unique("nobody"), BlackBox.PASSWORD).expectProblem(401);
        assertEquals(wrong.path("detail").asText(), refused.path("detail").asText(), "a disabled account is not revealed either");
        assertFalse(admin.get("users/" + leaver.id()).expect(200).json().path("enabled").asBoolean());
    }

    /**
     * A node remembers a token's session for up to a second (SecurityStore#resolve); a change
     * made on the node must still count from the very next request, however often the token
     * was used just before it.
     */
    @Test
    void changesCountFromTheNextRequestOfABusyToken() {
        BlackBox.Member mover = BlackBox.member(server, admin, "mover", salesTeam);
        for (int i = 0; i < 20; i++) {
            mover.client().get("notes/" + victimNote).expect(200);
        }
        admin.patch("users/" + mover.id(), Map.of("teamId", supportTeam)).expect(200);
        mover.client().get("notes/" + victimNote).expectProblem(401);
        ApiClient moved = BlackBox.signIn(server, mover.username(), BlackBox.PASSWORD);
        assertEquals(supportTeam, moved.get("auth/me").expect(200).json().path("teamId").asText());
        moved.get("notes/" + victimNote).expectProblem(404);

        for (int i = 0; i < 20; i++) {
            moved.get("notes").expect(200);
        }
        String nothing = BlackBox.unique("nothing");
        admin.post("roles", Map.of("name", nothing, "permissions", List.of())).expect(201);
        admin.patch("users/" + mover.id(), Map.of("roles", List.of(nothing))).expect(200);
        moved.get("notes").expectProblem(403);
        assertEquals(List.of(nothing), texts(moved.get("auth/me").expect(200).json().path("roles")));

        admin.patch("users/" + mover.id(), Map.of("enabled", false)).expect(200);
        moved.get("auth/me").expectProblem(401);
    }

    @Test
    void aLoggedOutTokenCannotBeReused() {
        ApiClient session = BlackBox.signIn(server, mallory.username(), BlackBox.PASSWORD);
        session.get("auth/me").expect(200);
        session.post("auth/logout", Map.of()).expect(204);
        session.get("auth/me").expectProblem(401);
        String marker = BlackBox.unique("after-logout");
        session.post("notes", Map.of("title", marker)).expectProblem(401);
        assertEquals(0, notesMarked(marker), "nothing was created");
    }

    @Test
    void weakPasswordsAreRefusedNamingTheField() {
        String weak = BlackBox.unique("weak");
        for (String password : List.of("password1234", "short pw 1")) {
            JsonNode p = admin.post("users", Map.of("username", weak, "password", password, "roles", List.of("user"),
                    "teamId", supportTeam)).expectProblem(400);
            assertEquals("password", p.path("errors").path(0).path("field").asText(), p.toString());
        }
        assertFalse(BlackBox.anyHas(BlackBox.all(admin, "users?limit=500"), "username", weak), "no account was created");
    }

    @Test
    void signInsAndFailuresAreAudited() {
        BlackBox.Member audited = BlackBox.member(server, admin, "audited", supportTeam);
        BlackBox.login(server, audited.username(), "not the password at all").expectProblem(401);
        BlackBox.login(server, audited.username(), BlackBox.PASSWORD).expect(200);

        List<JsonNode> entries = BlackBox.all(admin, "audit?actor=" + audited.username());
        assertTrue(BlackBox.anyHas(entries, "action", "auth.login"), entries.toString());
        assertTrue(BlackBox.anyHas(entries, "action", "auth.login.failed"), entries.toString());
        for (JsonNode e : entries) {
            assertEquals(audited.username(), e.path("actor").asText());
            assertTrue(e.hasNonNull("at") && e.hasNonNull("action") && e.hasNonNull("target"), e.toString());
        }
        audited.client().get("audit").expectProblem(403);
    }

    @Test
    void customerDataIsStoredAsTypedAndAuditEntriesAreEscaped() {
        String payload = "<img src=x onerror=alert(1)>\nforged audit line";
        String id = mallory.client().post("notes", Map.of("title", "=HYPERLINK(\"http://evil\")", "body", payload)).expect(201)
                .json().path("id").asText();
        assertEquals(payload, admin.get("notes/" + id).expect(200).json().path("body").asText());
        JsonNode entry = BlackBox.awaitFirstItem(admin, "audit?target=notes/note/" + id);
        assertFalse(entry.path("detail").asText().contains("\n"), "newlines are escaped in audit entries");
        assertEquals(mallory.username(), entry.path("actor").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
