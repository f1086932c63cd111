package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.Folders;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The search module as a client sees it: matching (diacritics, prefix, typos, Cyrillic,
 * email/phone/domain), freshness after writes, access filtering of hits and counts, module
 * switches, rebuilds, recovery after kill -9 and after losing the index, and a second node on
 * the same PostgreSQL. Freshness is polled for, never timed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static String teamA;
    private static String teamB;
    private static BlackBox.Member alice;
    private static BlackBox.Member bob;
    /** A word no other test or earlier run on a shared database has used. */
    private static final String TAG = "zq" + BlackBox.unique("").replace("-", "");

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        teamA = BlackBox.createTeam(admin);
        teamB = BlackBox.createTeam(admin);
        alice = BlackBox.member(server, admin, "alice", teamA);
        bob = BlackBox.member(server, admin, "bob", teamB);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static JsonNode search(ApiClient client, String query) {
        return client.get("search?q=" + q(query)).expect(200).json();
    }

    static boolean hasHit(JsonNode answer, String id) {
        return BlackBox.anyHas(list(answer.path("items")), "id", id);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Polls the search until the answer satisfies the condition (writes become searchable within about a second). */
    static JsonNode awaitSearch(ApiClient client, String query, Predicate<JsonNode> condition) {
        return poll(() -> search(client, query), condition, Duration.ofSeconds(30), "search for '" + query + "'");
    }

    static JsonNode awaitStatus(ApiClient client, String state) {
        return poll(() -> client.get("search/status").expect(200).json(), s -> state.equals(s.path("state").asText()),
                Duration.ofSeconds(60), "search status " + state);
    }

    private static JsonNode poll(Supplier<JsonNode> request, Predicate<JsonNode> condition, Duration patience, String what) {
        Instant deadline = Instant.now().plus(patience);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = request.get();
            if (condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        fail(what + " did not come within " + patience + "; last answer: " + last);
        return last;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After a restart: waits until sign-in and the contacts endpoints answer again. */
    static void signInAgain() {
        BlackBox.await(() -> BlackBox.login(server, "admin", MosaicServer.ADMIN_PASSWORD), 200);
        admin = BlackBox.admin(server);
        BlackBox.await(() -> admin.get("contacts/people"), 200);
    }

    static String person(ApiClient client, Map<String, Object> fields) {
        return client.post("contacts/people", fields).expect(201).json().path("id").asText();
    }

    @Test
    @Order(1)
    void findsByFoldedNamePrefixTypoCyrillicEmailPhoneAndDomain() {
        String joze = person(alice.client(), Map.of("firstName", "Jože", "lastName", "Čebašek" + TAG,
                "emails", List.of(Map.of("address", TAG + "@cebasek.si", "label", "work")), "phones", List.of("+386 1 234 5678")));
        String ivan = person(alice.client(), Map.of("firstName", "Иван", "lastName", "Петров" + TAG.toUpperCase()));
        String hans = person(alice.client(), Map.of("firstName", "Hans", "lastName", "Mueller", "jobTitle", TAG));
        String org = alice.client().post("contacts/organizations", Map.of("name", "Firma " + TAG, "domain", TAG + "-firma.si"))
                .expect(201).json().path("id").asText();
        String call = alice.client().post("contacts/activities", Map.of("type", "call", "subject", "Widgets " + TAG,
                "personId", joze, "occurredAt", "2026-11-20T09:00:00Z")).expect(201).json().path("id").asText();
        ApiClient a = alice.client();
        // The index follows the change log in commit order: once the record written last is
        // found, every one written before it is searchable too (waiting for the first one only
        // left the others to the indexer's next batch).
        JsonNode widgets = awaitSearch(a, "widgets " + TAG, r -> hasHit(r, call));
        assertEquals(1, widgets.path("facets").path("activity").asInt(), widgets.toString());

        JsonNode folded = search(a, "cebasek" + TAG);
        assertTrue(hasHit(folded, joze), folded.toString());
        JsonNode hit = list(folded.path("items")).get(0);
        assertEquals("person", hit.path("type").asText());
        assertEquals("Jože Čebašek" + TAG, hit.path("title").asText());
        assertTrue(hit.path("snippet").asText().contains("<mark>"), hit.toString());
        assertTrue(hit.path("score").asDouble() > 0);
        assertEquals(1, folded.path("facets").path("person").asInt());
        assertEquals(1, folded.path("total").asInt());
        assertTrue(a.get("search?q=cebasek" + TAG).expect(200).header("Server-Timing").matches("search;dur=\\d+\\.\\d{3}"),
                "the index's share of the request is reported");

        assertTrue(hasHit(search(a, "ČEBAŠEK" + TAG.substring(0, TAG.length() - 3)), joze), "prefix while typing");
        assertTrue(hasHit(search(a, "Jože Čebašek" + TAG.substring(0, 4)), joze), "two words, the last one half typed");
        assertTrue(hasHit(search(a, "cebasok" + TAG), joze), "one typo");
        assertTrue(hasHit(search(a, "петров" + TAG), ivan), "Cyrillic, any case");
        assertTrue(hasHit(search(a, "müller " + TAG), hans), "müller finds Mueller");
        assertTrue(hasHit(search(a, TAG + "@cebasek.si"), joze), "email address");
        assertTrue(hasHit(search(a, TAG + "-firma.si"), org), "domain");
        assertTrue(hasHit(search(a, "01 234 5678"), joze), "phone in national spelling");

        JsonNode onlyOrgs = a.get("search?q=" + q(TAG) + "&types=organization").expect(200).json();
        assertTrue(hasHit(onlyOrgs, org));
        assertFalse(hasHit(onlyOrgs, hans));
        assertEquals(1, a.get("search?q=" + q(TAG) + "&limit=1").expect(200).json().path("items").size());
        a.get("search").expectProblem(400);
        a.get("search?q=x&limit=0").expectProblem(400);
        new ApiClient(server).get("search?q=x").expectProblem(401);
    }

    @Test
    @Order(2)
    void writesAreSearchableAfterCreateUpdateAndDelete() {
        ApiClient a = alice.client();
        String id = person(a, Map.of("firstName", "Fresh", "lastName", "Before" + TAG));
        awaitSearch(a, "before" + TAG, r -> hasHit(r, id));
        a.patch("contacts/people/" + id, Map.of("lastName", "After" + TAG, "version", 1)).expect(200);
        awaitSearch(a, "after" + TAG, r -> hasHit(r, id));
        awaitSearch(a, "before" + TAG, r -> !hasHit(r, id));
        a.delete("contacts/people/" + id).expect(204);
        awaitSearch(a, "after" + TAG, r -> !hasHit(r, id) && r.path("total").asInt() == 0);
    }

    @Test
    @Order(3)
    void anotherTeamNeverSeesAHitOrACountAndMovesAreReflected() {
        String word = "secret" + TAG;
        String id = person(alice.client(), Map.of("firstName", "Hidden", "lastName", word,
                "emails", List.of(Map.of("address", word + "@team-a.example", "label", "work"))));
        awaitSearch(alice.client(), word, r -> hasHit(r, id));
        awaitSearch(admin, word, r -> hasHit(r, id));
        for (String query : List.of(word, word.substring(0, 8), word + "x", word + "@team-a.example", "team-a.example")) {
            JsonNode answer = search(bob.client(), query);
            assertFalse(hasHit(answer, id), query);
            assertEquals(0, answer.path("total").asInt(), query + ": " + answer);
            assertFalse(answer.path("facets").has("person") && answer.path("facets").path("person").asInt() > 0, query + ": " + answer);
        }
        admin.patch("contacts/people/" + id, Map.of("ownerId", bob.id(), "teamId", teamB, "version", 1)).expect(200);
        awaitSearch(bob.client(), word, r -> hasHit(r, id) && r.path("facets").path("person").asInt() == 1);
        awaitSearch(alice.client(), word, r -> !hasHit(r, id) && r.path("total").asInt() == 0);
    }

    @Test
    @Order(4)
    void disablingContactsDropsItsTypesAndEnablingBringsThemBack() {
        String word = "switch" + TAG;
        String id = person(admin, Map.of("firstName", "Switched", "lastName", word));
        awaitSearch(admin, word, r -> hasHit(r, id));
        admin.post("modules/contacts/disable", Map.of()).expect(200);
        awaitSearch(admin, word, r -> r.path("total").asInt() == 0 && !r.path("facets").has("person"));
        Contacts.enable(admin);
        awaitSearch(admin, word, r -> hasHit(r, id));
    }

    @Test
    @Order(5)
    void anAdministratorRebuildsWithProgress() {
        String word = "rebuilt" + TAG;
        String id = person(admin, Map.of("firstName", "Rebuilt", "lastName", word));
        alice.client().post("search/rebuild", Map.of()).expectProblem(403);
        JsonNode accepted = admin.post("search/rebuild", Map.of()).expect(202).json();
        assertEquals("rebuilding", accepted.path("state").asText());
        JsonNode ready = awaitStatus(admin, "ready");
        assertEquals("requested by an administrator", ready.path("lastRebuild").path("reason").asText(), ready.toString());
        assertTrue(ready.path("lastRebuild").path("documents").asLong() >= 1, ready.toString());
        assertTrue(ready.path("documents").asLong() >= 1, ready.toString());
        assertTrue(hasHit(search(admin, word), id), "still found after the rebuild");
        // The documents the rebuild replaced are merged away in the background; it ends.
        JsonNode compacted = poll(() -> admin.get("search/status").expect(200).json(), s -> !s.path("compacting").asBoolean(true),
                Duration.ofSeconds(60), "compaction to end");
        assertTrue(compacted.path("compacting").isBoolean(), compacted.toString());
        assertTrue(hasHit(search(admin, word), id), "still found after the compaction");
    }

    @Test
    @Order(6)
    void afterKillNineEverythingWrittenBeforeIsFound() throws Exception {
        String word = "killed" + TAG;
        String kept = person(admin, Map.of("firstName", "Before", "lastName", word));
        String gone = person(admin, Map.of("firstName", "Deleted", "lastName", word));
        admin.delete("contacts/people/" + gone).expect(204);
        server.kill();
        server.start();
        signInAgain();
        awaitSearch(admin, word, r -> hasHit(r, kept) && !hasHit(r, gone));
    }

    @Test
    @Order(7)
    void aDeletedIndexFolderIsRebuiltFromTheDatabase() throws Exception {
        String word = "lostindex" + TAG;
        String id = person(admin, Map.of("firstName", "Indexed", "lastName", word));
        awaitSearch(admin, word, r -> hasHit(r, id));
        server.stop();
        Folders.deleteTree(server.dataFolder().resolve("search"));
        Instant restarted = Instant.now();
        server.start();
        signInAgain();
        awaitSearch(admin, word, r -> hasHit(r, id));
        JsonNode ready = awaitStatus(admin, "ready");
        assertTrue(Instant.parse(ready.path("lastRebuild").path("finishedAt").asText()).isAfter(restarted), ready.toString());
        assertTrue(ready.path("documents").asLong() >= 1, ready.toString());
    }

    @Test
    @Order(8)
    @EnabledIfEnvironmentVariable(named = "MOSAIC_TEST_DB_URL", matches = ".+")
    void aSecondNodeOnTheSameDatabaseFindsWhatTheFirstWrote() throws Exception {
        // Both nodes run from the same unpacked distribution here, which Karaf refuses unless told.
        try (MosaicServer second = MosaicServer.fresh(Map.of("CHECK_ROOT_INSTANCE_RUNNING", "false")).start()) {
            ApiClient nodeB = BlackBox.admin(second);
            // Module states are the database's; a node starting takes them (and enabling again is harmless).
            Contacts.enable(nodeB);
            String word = "twonodes" + TAG;
            String id = person(admin, Map.of("firstName", "Written", "lastName", "On A " + word));
            awaitSearch(nodeB, word, r -> hasHit(r, id));
            admin.delete("contacts/people/" + id).expect(204);
            awaitSearch(nodeB, word, r -> !hasHit(r, id));

            // Sessions and permissions are checked against the database: a change counts on the
            // node that made it from the very next request, and on the other within a moment (each
            // node reads the shared security epoch at most every quarter second).
            String roleName = BlackBox.unique("readers");
            String roleId = admin.post("roles", Map.of("name", roleName, "permissions", List.of("contacts.read")))
                    .expect(201).json().path("id").asText();
            String username = BlackBox.unique("carol");
            admin.post("users", Map.of("username", username, "password", BlackBox.PASSWORD, "roles", List.of(roleName),
                    "teamId", teamA)).expect(201);
            String token = BlackBox.login(server, username, BlackBox.PASSWORD).expect(200).json().path("token").asText();
            ApiClient carolOnB = new ApiClient(second).withToken(token);
            ApiClient carolOnA = new ApiClient(server).withToken(token);
            carolOnB.get("contacts/people?limit=1").expect(200);
            carolOnA.get("contacts/people?limit=1").expect(200);
            admin.patch("roles/" + roleId, Map.of("permissions", List.of())).expect(200);
            carolOnA.get("contacts/people?limit=1").expectProblem(403);
            BlackBox.await(() -> carolOnB.get("contacts/people?limit=1"), 403);
            carolOnA.post("auth/logout", Map.of()).expect(204);
            carolOnA.get("auth/me").expectProblem(401);
            BlackBox.await(() -> carolOnB.get("auth/me"), 401);

            // A module switched on one node is switched on the other within moments, without a
            // restart: its endpoints come and go there too. Left as it was found.
            boolean analyticsWasOn = "enabled".equals(admin.get("modules/analytics").expect(200).json().path("state").asText());
            try {
                admin.post("modules/analytics/disable", Map.of()).expect(200);
                BlackBox.await(() -> nodeB.get("analytics/metrics"), 404);
                assertEquals("disabled", nodeB.get("modules/analytics").expect(200).json().path("state").asText());
                admin.post("modules/analytics/enable", Map.of()).expect(200);
                BlackBox.await(() -> nodeB.get("analytics/metrics"), 200);
                assertEquals("enabled", nodeB.get("modules/analytics").expect(200).json().path("state").asText());
                // And the other way round.
                nodeB.post("modules/analytics/disable", Map.of()).expect(200);
                BlackBox.await(() -> admin.get("analytics/metrics"), 404);
            } finally {
                // While a node installs or uninstalls a module's features its REST application is
                // registered again, and for that moment it answers 404 ("No service was found"):
                // node A may be doing so as it follows node B's switch. Switching is idempotent.
                BlackBox.await(() -> admin.post("modules/analytics/" + (analyticsWasOn ? "enable" : "disable"), Map.of()), 200);
            }
        }
    }
}
