package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * Lists as people use them: sorted in the company's language with equal last names ordered
 * by first name, page sizes and jumps to page N, preferences kept per user on the server, and
 * owner and team given to many records at once by ids or by the list's filter.
 */
class ListsIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static String salesTeam;
    private static String supportTeam;
    private static BlackBox.Member sales;
    private static BlackBox.Member salesMate;
    private static BlackBox.Member support;

    @BeforeAll
    static void start() throws Exception {
        // The job that re-keys names after a change of language runs every two seconds here.
        server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", "-Dmosaic.contacts.sortKeySeconds=2")).start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        salesTeam = BlackBox.createTeam(admin);
        supportTeam = BlackBox.createTeam(admin);
        sales = BlackBox.member(server, admin, "sales", salesTeam);
        salesMate = BlackBox.member(server, admin, "mate", salesTeam);
        support = BlackBox.member(server, admin, "support", supportTeam);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Creates a person findable by the marker (in the email, which {@code q} searches); returns the id. */
    private static String person(ApiClient client, String first, String last, String marker) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", first);
        body.put("lastName", last);
        body.put("emails", List.of(Map.of("address", BlackBox.unique(marker) + "@example.com")));
        return client.post("contacts/people", body).expect(201).json().path("id").asText();
    }

    private static List<String> names(List<JsonNode> items) {
        return items.stream().map(p -> p.path("lastName").asText() + " " + p.path("firstName").asText()).toList();
    }

    private static void language(String language) {
        JsonNode s = admin.get("settings").expect(200).json();
        Map<String, Object> change = new HashMap<>(Map.of("companyName", s.path("companyName").asText(), "defaultLanguage", language,
                "theme", s.path("theme").asText()));
        change.put("version", s.path("version").asLong());
        admin.sendRaw("PUT", "settings", ApiClient.json(change), "application/json").expect(200);
    }

    @Test
    void namesSortInTheCompanysLanguageBothWaysWithEqualLastNamesByFirstName() {
        String marker = BlackBox.unique("coll").toLowerCase(java.util.Locale.ROOT);
        String before = admin.get("settings").expect(200).json().path("defaultLanguage").asText();
        language("sl");
        try {
            String[][] people = {{"Ana", "Zupančič"}, {"Bor", "Čebašek"}, {"Eva", "Cvetko"}, {"Ana", "Dolenc"}, {"Žan", "Novak"},
                {"Ana", "Novak"}, {"Zala", "Novak"}};
            for (String[] p : people) {
                person(sales.client(), p[0], p[1], marker);
            }
            List<String> byLast = List.of("Cvetko Eva", "Čebašek Bor", "Dolenc Ana", "Novak Ana", "Novak Zala", "Novak Žan", "Zupančič Ana");
            // Pages of two: the boundaries fall inside the Novaks.
            assertEquals(byLast, names(BlackBox.all(sales.client(), "contacts/people?limit=2&sort=lastName&q=" + marker)));
            List<String> reversed = new ArrayList<>(byLast);
            java.util.Collections.reverse(reversed);
            assertEquals(reversed, names(BlackBox.all(sales.client(), "contacts/people?limit=2&sort=-lastName&q=" + marker)));
            assertEquals(List.of("Dolenc Ana", "Novak Ana", "Zupančič Ana", "Čebašek Bor", "Cvetko Eva", "Novak Zala", "Novak Žan"),
                    names(BlackBox.all(sales.client(), "contacts/people?limit=3&sort=firstName&q=" + marker)));
        } finally {
            language(before);
        }
    }

    @Test
    void namesStoredBeforeTheLanguageChangedAreReKeyedInItsOrder() throws Exception {
        String marker = BlackBox.unique("rekey").toLowerCase(java.util.Locale.ROOT);
        String before = admin.get("settings").expect(200).json().path("defaultLanguage").asText();
        language("en");
        try {
            for (String last : List.of("Dolenc", "Cvetko", "Čebašek")) {
                person(sales.client(), "Ana", last, marker);
            }
            String list = "contacts/people?limit=2&sort=lastName&q=" + marker;
            // English folds the caron: Čebašek is a C-name, before Cvetko.
            assertEquals(List.of("Čebašek Ana", "Cvetko Ana", "Dolenc Ana"), names(BlackBox.all(sales.client(), list)));
            language("sl");
            List<String> slovenian = List.of("Cvetko Ana", "Čebašek Ana", "Dolenc Ana");
            for (int i = 0; i < 240 && !slovenian.equals(names(BlackBox.all(sales.client(), list))); i++) {
                Thread.sleep(250);
            }
            assertEquals(slovenian, names(BlackBox.all(sales.client(), list)), "the stored keys follow the new language");
        } finally {
            language(before);
        }
    }

    @Test
    void aPageOfAnySizeAndAJumpToPageNGiveTheRowsWalkingThereGives() {
        String marker = BlackBox.unique("jump").toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < 23; i++) {
            person(sales.client(), "P" + i, String.format("Jumper%02d", i), marker);
        }
        List<String> walked = names(BlackBox.all(sales.client(), "contacts/people?limit=5&sort=lastName&q=" + marker));
        assertEquals(23, walked.size());
        JsonNode third = sales.client().get("contacts/people?limit=5&page=3&sort=lastName&q=" + marker).expect(200).json();
        assertEquals(walked.subList(10, 15), names(iterate(third.path("items"))));
        assertEquals(23, third.path("total").asInt());
        assertTrue(third.path("totalExact").asBoolean());
        // The page after a jump goes on by its cursor.
        JsonNode fourth = sales.client().get("contacts/people?limit=5&sort=lastName&q=" + marker + "&cursor=" + third.path("next").asText())
                .expect(200).json();
        assertEquals(walked.subList(15, 20), names(iterate(fourth.path("items"))));
        JsonNode last = sales.client().get("contacts/people?limit=5&page=5&sort=lastName&q=" + marker).expect(200).json();
        assertEquals(walked.subList(20, 23), names(iterate(last.path("items"))));
        assertTrue(last.path("next").isNull());
        assertEquals(10, sales.client().get("contacts/people?limit=10&sort=lastName&q=" + marker).expect(200).json().path("items").size());
        sales.client().get("contacts/people?limit=5&page=0&q=" + marker).expectProblem(400);
        sales.client().get("contacts/people?limit=5&page=2&cursor=" + third.path("next").asText()).expectProblem(400);
        sales.client().get("contacts/people?limit=1&page=60000").expectProblem(400);
        // Organizations and notes-like lists jump the same way (the platform's machinery).
        sales.client().get("contacts/organizations?limit=5&page=2").expect(200);
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    @Test
    void preferencesFollowTheUserAreSizeLimitedAndPrivate() {
        String key = "list.contacts.people";
        Map<String, Object> value = Map.of("columns", List.of("lastName", "firstName", "cf.region"), "pageSize", 50);
        sales.client().sendRaw("PUT", "me/preferences/" + key, ApiClient.json(value), "application/json").expect(200);
        JsonNode read = sales.client().get("me/preferences/" + key).expect(200).json();
        assertEquals(50, read.path("pageSize").asInt());
        assertEquals("cf.region", read.path("columns").path(2).asText());
        // Another session of the same user (another browser) reads it too.
        ApiClient elsewhere = BlackBox.signIn(server, sales.username(), BlackBox.PASSWORD);
        assertEquals(50, elsewhere.get("me/preferences/" + key).expect(200).json().path("pageSize").asInt());
        assertTrue(elsewhere.get("me/preferences").expect(200).json().toString().contains(key));
        // Nobody else: each user has their own.
        support.client().get("me/preferences/" + key).expectProblem(404);
        support.client().sendRaw("PUT", "me/preferences/" + key, ApiClient.json(Map.of("pageSize", 10)), "application/json").expect(200);
        assertEquals(50, sales.client().get("me/preferences/" + key).expect(200).json().path("pageSize").asInt());
        // Too large, a bad key, not JSON.
        sales.client().sendRaw("PUT", "me/preferences/" + key, ApiClient.json(Map.of("x", "y".repeat(20_000))), "application/json")
                .expectProblem(413);
        assertEquals(50, sales.client().get("me/preferences/" + key).expect(200).json().path("pageSize").asInt(), "a refused value changes nothing");
        sales.client().sendRaw("PUT", "me/preferences/Bad%20Key", "{}", "application/json").expectProblem(400);
        sales.client().sendRaw("PUT", "me/preferences/" + key, "{not json", "application/json").expectProblem(400);
        new ApiClient(server).get("me/preferences/" + key).expectProblem(401);
        sales.client().delete("me/preferences/" + key).expect(204);
        sales.client().get("me/preferences/" + key).expectProblem(404);
    }

    /** Waits for the job to end; returns its final progress. */
    @Test
    void assigningByIdsChangesOnlyWhatTheUserReachesWithinTheirTeamAndIsAudited() throws Exception {
        String marker = BlackBox.unique("ids").toLowerCase(java.util.Locale.ROOT);
        String mine1 = person(sales.client(), "Mine", "One", marker);
        String mine2 = person(sales.client(), "Mine", "Two", marker);
        String theirs = person(support.client(), "Theirs", "Three", marker);
        long version = admin.get("contacts/people/" + mine1).expect(200).json().path("version").asLong();

        // Another team, or a member of another team: refused before anything starts.
        sales.client().post("contacts/people/assign", Map.of("ids", List.of(mine1), "teamId", supportTeam)).expectProblem(403);
        sales.client().post("contacts/people/assign", Map.of("ids", List.of(mine1), "ownerId", support.id())).expectProblem(403);
        sales.client().post("contacts/people/assign", Map.of("ids", List.of(mine1))).expectProblem(400);
        sales.client().post("contacts/people/assign", Map.of("ids", List.of("junk"), "ownerId", salesMate.id())).expectProblem(400);
        sales.client().post("contacts/people/assign", Map.of("ids", List.of(mine1), "filter", Map.of(), "ownerId", salesMate.id()))
                .expectProblem(400);

        String job = sales.client().post("contacts/people/assign", Map.of("ids", List.of(mine1, mine2, theirs), "ownerId", salesMate.id()))
                .expect(202).json().path("jobId").asText();
        JsonNode progress = BlackBox.awaitJob(sales.client(), job);
        assertEquals("done", progress.path("state").asText(), progress.toString());
        assertEquals(2, progress.path("updated").asInt(), progress.toString());
        assertEquals("contacts.assign.people", progress.path("kind").asText());
        for (String id : List.of(mine1, mine2)) {
            JsonNode p = admin.get("contacts/people/" + id).expect(200).json();
            assertEquals(salesMate.id(), p.path("ownerId").asText());
            assertEquals(salesTeam, p.path("teamId").asText());
        }
        assertEquals(version + 1, admin.get("contacts/people/" + mine1).expect(200).json().path("version").asLong());
        JsonNode untouched = admin.get("contacts/people/" + theirs).expect(200).json();
        assertEquals(support.id(), untouched.path("ownerId").asText(), "another team's record stays theirs, even when named");
        assertEquals(supportTeam, untouched.path("teamId").asText());
        // Audited: the start, and each record's change as the user's.
        assertTrue(admin.get("audit?action=contacts.assign").expect(200).json().path("total").asInt() >= 1);
        JsonNode entry = BlackBox.awaitFirstItem(admin, "audit?target=contacts/person/" + mine2);
        assertTrue(entry.toString().contains(salesMate.id()), entry.toString());
        // The job is its starter's: another user does not see it.
        support.client().get("jobs/" + job).expectProblem(404);
    }

    @Test
    void anAdministratorGivesAWholeFilteredListToATeamAndItsRepSeesIt() throws Exception {
        String tag = BlackBox.unique("handover");
        String marker = BlackBox.unique("flt").toLowerCase(java.util.Locale.ROOT);
        List<String> imported = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = new HashMap<>(Map.of("firstName", "Imported", "lastName", "P" + i, "tags", List.of(tag)));
            body.put("emails", List.of(Map.of("address", marker + i + "@example.com")));
            imported.add(admin.post("contacts/people", body).expect(201).json().path("id").asText());
        }
        String other = person(admin, "Not", "Tagged", marker);
        assertEquals(0, BlackBox.total(sales.client(), "contacts/people?tag=" + tag));

        String job = admin.post("contacts/people/assign", Map.of("filter", Map.of("tag", tag), "ownerId", sales.id(), "teamId", salesTeam))
                .expect(202).json().path("jobId").asText();
        JsonNode progress = BlackBox.awaitJob(admin, job);
        assertEquals("done", progress.path("state").asText(), progress.toString());
        assertEquals(5, progress.path("updated").asInt(), progress.toString());
        assertEquals(5, BlackBox.total(sales.client(), "contacts/people?tag=" + tag));
        for (String id : imported) {
            assertEquals(sales.id(), sales.client().get("contacts/people/" + id).expect(200).json().path("ownerId").asText());
        }
        assertFalse(sales.client().get("contacts/people/" + other).status() == 200, "a record outside the filter stays where it was");
        // Organizations take the same body.
        String org = admin.post("contacts/organizations", Map.of("name", BlackBox.unique("Handed Org"))).expect(201).json().path("id").asText();
        String orgJob = admin.post("contacts/organizations/assign", Map.of("ids", List.of(org), "teamId", salesTeam)).expect(202).json()
                .path("jobId").asText();
        assertEquals("done", BlackBox.awaitJob(admin, orgJob).path("state").asText());
        assertEquals(salesTeam, admin.get("contacts/organizations/" + org).expect(200).json().path("teamId").asText());
        sales.client().get("contacts/organizations/" + org).expect(200);
        // A filter the list refuses is refused here too.
        admin.post("contacts/people/assign", Map.of("filter", Map.of("lifecycleStage", "nonsense"), "ownerId", sales.id())).expectProblem(400);
    }
}
