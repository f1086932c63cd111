package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * What the record pages call (issue 17, "every action a user has a permission for has a page
 * control"), black-box: the users one may give records and tasks to, an administrator's password
 * reset, tasks edited with assignee and time, a merge that takes chosen fields from each side in
 * one transaction, deletes that refuse a stale version and take what depends on the record along,
 * and the record a due task's notification opens.
 */
class RecordPagesIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static String salesTeam;
    private static BlackBox.Member sales;
    private static BlackBox.Member colleague;
    private static BlackBox.Member outsider;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", "-Dmosaic.contacts.reminderSeconds=1")).start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        salesTeam = BlackBox.createTeam(admin);
        sales = BlackBox.member(server, admin, "rp-sales", salesTeam);
        colleague = BlackBox.member(server, admin, "rp-colleague", salesTeam);
        outsider = BlackBox.member(server, admin, "rp-outsider", BlackBox.createTeam(admin));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aUserMayChooseAmongTheUsersTheyMayAssignTo() {
        String disabled = BlackBox.createUser(admin, BlackBox.unique("rp-gone"), salesTeam);
        long version = admin.get("users/" + disabled).expect(200).json().path("version").asLong();
        admin.patch("users/" + disabled, Map.of("enabled", false, "version", version)).expect(200);

        List<JsonNode> mine = BlackBox.all(sales.client(), "users/assignable?limit=100");
        assertTrue(BlackBox.anyHas(mine, "id", sales.id()) && BlackBox.anyHas(mine, "id", colleague.id()), mine.toString());
        assertFalse(BlackBox.anyHas(mine, "id", outsider.id()), "another team's user is not offered");
        assertFalse(BlackBox.anyHas(mine, "id", disabled), "a disabled user is not offered");
        assertTrue(mine.stream().allMatch(u -> salesTeam.equals(u.path("teamId").asText())));
        assertFalse(mine.get(0).has("roles"), "nothing beyond who they are");

        JsonNode found = sales.client().get("users/assignable?q=" + colleague.username().substring(3).toUpperCase()).expect(200).json();
        assertEquals(1, found.path("total").asInt(), "q matches part of the name, ignoring case");
        assertEquals(colleague.username(), found.path("items").path(0).path("username").asText());
        assertEquals(0, sales.client().get("users/assignable?q=%25").expect(200).json().path("total").asInt(), "% is no wildcard");
        assertEquals(1, sales.client().get("users/assignable?id=" + colleague.id()).expect(200).json().path("total").asInt());
        assertEquals(0, sales.client().get("users/assignable?id=" + outsider.id()).expect(200).json().path("total").asInt());
        assertTrue(BlackBox.anyHas(BlackBox.all(admin, "users/assignable?limit=100"), "id", outsider.id()), "an administrator assigns to anyone");
        new ApiClient(server).get("users/assignable").expectProblem(401);
        sales.client().get("users").expectProblem(403);
    }

    @Test
    void anAdministratorResetsAPasswordAndTheUsersSessionsEnd() {
        BlackBox.Member member = BlackBox.member(server, admin, "rp-reset", salesTeam);
        String fresh = "copper kettle by the sea 7";
        member.client().get("auth/me").expect(200);
        JsonNode user = admin.get("users/" + member.id()).expect(200).json();

        colleague.client().patch("users/" + member.id(), Map.of("password", fresh, "version", user.path("version").asLong()))
                .expectProblem(403);
        JsonNode refused = admin.patch("users/" + member.id(), Map.of("password", "short", "version", user.path("version").asLong()))
                .expectProblem(400);
        assertEquals("password", refused.path("errors").path(0).path("field").asText(), "the policy's reason names the field");
        var answer = admin.patch("users/" + member.id(), Map.of("password", fresh, "version", user.path("version").asLong())).expect(200);
        assertFalse(answer.body().contains(fresh), "the answer never carries the password");

        member.client().get("auth/me").expectProblem(401);
        BlackBox.login(server, member.username(), BlackBox.PASSWORD).expectProblem(401);
        BlackBox.login(server, member.username(), fresh).expect(200);

        List<JsonNode> audited = BlackBox.all(admin, "audit?target=user/" + member.id());
        JsonNode reset = audited.stream().filter(e -> "admin.user.updated".equals(e.path("action").asText())).findFirst().orElseThrow();
        assertTrue(reset.toString().contains("password"), reset.toString());
        assertFalse(audited.toString().contains(fresh), "the audit log never holds the password");
    }

    @Test
    void aTaskIsEditedWithAssigneeAndTime() {
        String person = sales.client().post("contacts/people", Map.of("firstName", "Tina", "lastName", BlackBox.unique("Task")))
                .expect(201).json().path("id").asText();
        JsonNode task = sales.client().post("contacts/tasks", Map.of("title", "Call back", "dueAt", "2031-03-04T09:00:00Z",
                "personId", person)).expect(201).json();
        String path = "contacts/tasks/" + task.path("id").asText();
        long version = task.path("version").asLong();

        JsonNode changed = sales.client().patch(path, Map.of("title", "Call back about the offer", "dueAt", "2031-03-05T14:45:00Z",
                "assigneeId", colleague.id(), "version", version)).expect(200).json();
        assertEquals("Call back about the offer", changed.path("title").asText());
        assertEquals("2031-03-05T14:45:00Z", changed.path("dueAt").asText(), "the time of day is kept");
        assertEquals(colleague.id(), changed.path("assigneeId").asText());

        JsonNode refused = sales.client().patch(path, Map.of("assigneeId", outsider.id(), "version", changed.path("version").asLong()))
                .expectProblem(400);
        assertEquals("assigneeId", refused.path("errors").path(0).path("field").asText());
        sales.client().patch(path, Map.of("title", "Stale", "version", version)).expectProblem(409);
        assertEquals(colleague.id(), sales.client().get(path).json().path("assigneeId").asText(), "refused changes changed nothing");
        assertTrue(BlackBox.listContains(colleague.client().get("contacts/tasks?assigneeId=me&personId=" + person), task.path("id").asText()));
    }

    @Test
    void aMergeTakesTheChosenFieldsFromEachSideInOneTransaction() {
        String last = BlackBox.unique("Merge");
        JsonNode survivor = sales.client().post("contacts/people", Map.of("firstName", "Marija", "lastName", last, "jobTitle", "Buyer",
                "lifecycleStage", "lead", "source", "fair")).expect(201).json();
        String survivorId = survivor.path("id").asText();
        String duplicate = sales.client().post("contacts/people", Map.of("firstName", "Maria", "lastName", last,
                "jobTitle", "Head of purchasing", "lifecycleStage", "customer", "source", "web")).expect(201).json().path("id").asText();
        String activity = sales.client().post("contacts/activities", Map.of("type", "meeting", "subject", "Kick-off", "personId", duplicate))
                .expect(201).json().path("id").asText();
        sales.client().patch("contacts/people/" + survivorId, Map.of("source", "fair 2026", "version", survivor.path("version").asLong()))
                .expect(200);

        // The survivor changed since the version the page showed: nothing moves, both stay as they were.
        sales.client().post("contacts/people/" + survivorId + "/merge", Map.of("duplicateId", duplicate,
                "take", List.of("jobTitle"), "version", survivor.path("version").asLong())).expectProblem(409);
        assertEquals("Head of purchasing", sales.client().get("contacts/people/" + duplicate).expect(200).json().path("jobTitle").asText());
        assertEquals(duplicate, sales.client().get("contacts/activities/" + activity).expect(200).json().path("personId").asText());
        assertEquals("Buyer", sales.client().get("contacts/people/" + survivorId).json().path("jobTitle").asText());

        long current = sales.client().get("contacts/people/" + survivorId).json().path("version").asLong();
        JsonNode merged = sales.client().post("contacts/people/" + survivorId + "/merge", Map.of("duplicateId", duplicate,
                "take", List.of("jobTitle", "lifecycleStage"), "version", current)).expect(200).json();
        assertEquals("Marija", merged.path("firstName").asText(), "a field not taken keeps the survivor's value");
        assertEquals("fair 2026", merged.path("source").asText());
        assertEquals("Head of purchasing", merged.path("jobTitle").asText(), "a taken field comes from the duplicate");
        assertEquals("customer", merged.path("lifecycleStage").asText());
        sales.client().get("contacts/people/" + duplicate).expectProblem(404);
        assertEquals(survivorId, sales.client().get("contacts/activities/" + activity).expect(200).json().path("personId").asText());
        assertEquals(1, admin.get("audit?action=contacts.person.merged&target=contacts/person/" + survivorId).json().path("total").asInt());
    }

    @Test
    void aDeleteRefusesAStaleVersionAndTakesTasksAndActivitiesAlong() {
        JsonNode person = sales.client().post("contacts/people", Map.of("firstName", "Ana", "lastName", BlackBox.unique("Delete")))
                .expect(201).json();
        String id = person.path("id").asText();
        String task = sales.client().post("contacts/tasks", Map.of("title", "Follow up", "dueAt", "2031-01-01T09:00:00Z", "personId", id))
                .expect(201).json().path("id").asText();
        String activity = sales.client().post("contacts/activities", Map.of("type", "note", "subject", "Met", "personId", id))
                .expect(201).json().path("id").asText();
        JsonNode changed = sales.client().patch("contacts/people/" + id, Map.of("jobTitle", "CFO", "version", person.path("version").asLong()))
                .expect(200).json();

        ApiClient stale = sales.client().withHeader("If-Match", "\"" + person.path("version").asLong() + "\"");
        assertEquals(409, stale.delete("contacts/people/" + id).status(), "a delete of a record changed since is refused");
        sales.client().get("contacts/people/" + id).expect(200);
        // Only a user with contacts.delete may delete (the role "user" here has it through Contacts.enable).
        outsider.client().delete("contacts/people/" + id).expectProblem(404);

        ApiClient current = sales.client().withHeader("If-Match", "\"" + changed.path("version").asLong() + "\"");
        current.delete("contacts/people/" + id).expect(204);
        sales.client().get("contacts/people/" + id).expectProblem(404);
        sales.client().get("contacts/tasks/" + task).expectProblem(404);
        sales.client().get("contacts/activities/" + activity).expectProblem(404);

        String org = sales.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Org with people")))
                .expect(201).json().path("id").asText();
        sales.client().post("contacts/people", Map.of("firstName", "Employee", "organizationId", org)).expect(201);
        JsonNode refused = sales.client().delete("contacts/organizations/" + org).expectProblem(409);
        assertTrue(refused.path("detail").asText().contains("1 people"), refused.toString());
    }

    @Test
    void aDueTasksNotificationOpensItsRecord() throws Exception {
        String person = sales.client().post("contacts/people", Map.of("firstName", "Nina", "lastName", BlackBox.unique("Note")))
                .expect(201).json().path("id").asText();
        String org = sales.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Notified"))).expect(201).json()
                .path("id").asText();
        String personTask = "Due now " + BlackBox.unique("p");
        String orgTask = "Due now " + BlackBox.unique("o");
        sales.client().post("contacts/tasks", Map.of("title", personTask, "dueAt", "2020-01-01T09:00:00Z", "personId", person,
                "assigneeId", colleague.id())).expect(201);
        sales.client().post("contacts/tasks", Map.of("title", orgTask, "dueAt", "2020-01-01T09:00:00Z", "organizationId", org,
                "assigneeId", colleague.id())).expect(201);

        assertEquals("/contacts/people/" + person, notification(colleague.client(), personTask).path("link").asText());
        assertEquals("/contacts/organizations/" + org, notification(colleague.client(), orgTask).path("link").asText());
    }

    /** The user's notification whose title names the task, once the reminder job has sent it. */
    private static JsonNode notification(ApiClient client, String title) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            for (JsonNode n : client.get("notifications?limit=100").expect(200).json().path("items")) {
                if (n.path("title").asText().contains(title)) {
                    return n;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no notification about " + title);
    }
}
