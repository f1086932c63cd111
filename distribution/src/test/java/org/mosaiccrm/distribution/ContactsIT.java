package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/** The contacts module end to end: records, timeline, tasks and reminders, CSV in and out, access. */
class ContactsIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static ApiClient sales;
    private static ApiClient support;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", "-Dmosaic.contacts.reminderSeconds=2")).start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        String salesTeam = BlackBox.createTeam(admin);
        String supportTeam = BlackBox.createTeam(admin);
        String s = BlackBox.unique("sales");
        BlackBox.createUser(admin, s, salesTeam);
        String t = BlackBox.unique("support");
        BlackBox.createUser(admin, t, supportTeam);
        sales = BlackBox.signIn(server, s, BlackBox.PASSWORD);
        support = BlackBox.signIn(server, t, BlackBox.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void oneRelationshipCreatedEightTimesAtOnceIsStoredOnce() throws Exception {
        String org = sales.post("contacts/organizations", Map.of("name", BlackBox.unique("raced"))).expect(201).json().path("id").asText();
        String person = sales.post("contacts/people", Map.of("firstName", "Raced")).expect(201).json().path("id").asText();
        List<ApiResponse> answers = BlackBox.atOnce(8, i -> sales.post("contacts/relationships",
                Map.of("personId", person, "organizationId", org, "kind", "employee")));
        assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
        answers.stream().filter(a -> a.status() != 201).forEach(a -> a.expectProblem(409));
        assertEquals(1, sales.get("contacts/relationships?personId=" + person).expect(200).json().path("total").asInt());
    }

    @Test
    void theAuditShowsWhatWasTypedNotTheKeysDerivedFromIt() {
        String id = sales.post("contacts/people", Map.of("firstName", "Audited", "lastName", "Person")).expect(201).json().path("id")
                .asText();
        JsonNode entry = BlackBox.awaitFirstItem(admin, "audit?target=contacts/person/" + id);
        String detail = entry.path("detail").asText();
        assertTrue(detail.contains("lastName") && detail.contains("Person"), detail);
        for (String derived : List.of("searchText", "lastNameKey", "firstNameKey", "dedupeKey")) {
            assertFalse(detail.contains(derived), derived + " in " + detail);
        }
    }

    @Test
    void datesTheDatabaseCannotHoldAreRefusedNamingTheField() {
        String person = sales.post("contacts/people", Map.of("firstName", "Far")).expect(201).json().path("id").asText();
        for (String due : List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            JsonNode refused = sales.post("contacts/tasks", Map.of("title", "t", "dueAt", due, "personId", person)).expectProblem(400);
            assertEquals("dueAt", refused.path("errors").path(0).path("field").asText(), refused.toString());
        }
        sales.post("contacts/activities", Map.of("type", "call", "occurredAt", "-999999999-01-01T00:00:00Z", "personId", person))
                .expectProblem(400);
        sales.post("contacts/tasks", Map.of("title", "t", "dueAt", "9999-12-31T23:59:59Z", "personId", person)).expect(201);
    }

    @Test
    void aTaskCannotTieAnotherTeamsOrganizationToOnesOwnPerson() {
        String theirs = support.post("contacts/organizations", Map.of("name", BlackBox.unique("theirs"))).expect(201).json().path("id")
                .asText();
        String mine = sales.post("contacts/people", Map.of("firstName", "Mine")).expect(201).json().path("id").asText();
        JsonNode refused = sales.post("contacts/tasks", Map.of("title", "Call", "dueAt", "2030-01-01T09:00:00Z", "personId", mine,
                "organizationId", theirs)).expectProblem(400);
        assertEquals("organizationId", refused.path("errors").path(0).path("field").asText(), refused.toString());
        assertEquals(0, support.get("contacts/tasks?organizationId=" + theirs).expect(200).json().path("total").asInt(),
                "no task reached the other team's organization");
        sales.post("contacts/tasks", Map.of("title", "Call", "dueAt", "2030-01-01T09:00:00Z", "personId", mine)).expect(201);
    }

    @Test
    void peopleAndOrganizationsLiveThroughCrudWithOptimisticLocking() {
        String org = sales.post("contacts/organizations", Map.of("name", "Čebašek d.o.o.", "domain", "cebasek.si")).expect(201)
                .json().path("id").asText();
        JsonNode person = sales.post("contacts/people", Map.of("firstName", "Jože", "lastName", "Čebašek",
                "emails", List.of(Map.of("address", "joze@cebasek.si", "label", "work")), "phones", List.of("+386 1 234 5678"),
                "organizationId", org, "tags", List.of("vip"),
                "emailConsent", Map.of("granted", true, "at", "2026-11-01T10:00:00Z", "source", "web form"))).expect(201).json();
        String id = person.path("id").asText();
        assertEquals("work", person.path("emails").path(0).path("label").asText());
        assertTrue(person.path("emailConsent").path("granted").asBoolean());

        assertTrue(BlackBox.listContains(sales.get("contacts/people?q=joze@cebasek"), id), "q matches emails");
        assertTrue(BlackBox.listContains(sales.get("contacts/people?q=%C4%8Deba%C5%A1ek"), id), "q matches names");
        assertTrue(BlackBox.listContains(sales.get("contacts/people?tag=vip&organizationId=" + org), id));

        sales.patch("contacts/people/" + id, Map.of("jobTitle", "CEO", "version", 1)).expect(200);
        sales.patch("contacts/people/" + id, Map.of("jobTitle", "stale", "version", 1)).expectProblem(409);
        assertEquals("CEO", sales.get("contacts/people/" + id).json().path("jobTitle").asText(), "a stale update changes nothing");

        JsonNode bad = sales.post("contacts/people", Map.of("firstName", "x", "emails", List.of("not-an-email"),
                "lifecycleStage", "nonsense")).expectProblem(400);
        assertEquals(2, bad.path("errors").size(), "every bad field is named: " + bad);
        sales.post("contacts/people", Map.of("firstName", "x", "version", 3)).expectProblem(400);
        sales.delete("contacts/organizations/" + org).expectProblem(409);
    }

    @Test
    void theTimelineGathersEveryChannelAndTasksRemindTheirAssignee() throws Exception {
        String id = sales.post("contacts/people", Map.of("firstName", "Ana", "lastName", "Novak")).expect(201).json().path("id").asText();
        sales.post("contacts/activities", Map.of("type", "call", "direction", "outbound", "subject", "Intro",
                "personId", id, "occurredAt", "2026-11-20T09:00:00Z")).expect(201);
        sales.post("contacts/activities", Map.of("type", "email", "subject", "Offer", "personId", id,
                "occurredAt", "2026-11-21T09:00:00Z")).expect(201);
        sales.post("contacts/activities", Map.of("type", "fax", "personId", id)).expectProblem(400);
        JsonNode timeline = sales.get("contacts/people/" + id + "/timeline").expect(200).json();
        assertEquals(2, timeline.path("total").asInt());
        assertEquals("Offer", timeline.path("items").path(0).path("subject").asText(), "newest first");

        sales.post("contacts/people/" + id + "/remind", Map.of("days", 0)).expect(201);
        JsonNode notification = null;
        for (int i = 0; i < 60 && notification == null; i++) {
            for (JsonNode n : sales.get("notifications").expect(200).json().path("items")) {
                if (n.path("title").asText().contains("Re-contact Ana Novak")) {
                    notification = n;
                }
            }
            Thread.sleep(500);
        }
        assertTrue(notification != null, "the assignee is notified when the task falls due");
        support.get("contacts/people/" + id + "/timeline").expectProblem(404);
    }

    @Test
    void anotherTeamNeverSeesARecordInReadsListsOrExports() {
        String id = sales.post("contacts/people", Map.of("firstName", "Secret", "lastName", "Customer",
                "emails", List.of("secret@customer.example"))).expect(201).json().path("id").asText();
        support.get("contacts/people/" + id).expectProblem(404);
        support.patch("contacts/people/" + id, Map.of("firstName", "pwned", "version", 1)).expectProblem(404);
        support.delete("contacts/people/" + id).expectProblem(404);
        assertFalse(BlackBox.listContains(support.get("contacts/people?limit=500&q=secret"), id));
        assertEquals(0, support.get("contacts/people?q=secret@customer").json().path("total").asInt());
        assertFalse(support.get("contacts/people/export?format=csv&q=secret").expect(200).body().contains("Secret"));
        support.post("contacts/activities", Map.of("type", "note", "personId", id)).expectProblem(404);
        assertEquals("Secret", admin.get("contacts/people/" + id).json().path("firstName").asText());
    }

    @Test
    void tenThousandRowsWithAHundredBadOnesImportAndReimportCreatesNothing() throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFfirstName,lastName,email,phone,organization,tags\r\n");
        for (int i = 0; i < 10_000; i++) {
            if (i % 100 == 7) {
                csv.append("Bad").append(i).append(",Row,not-an-email-").append(i).append(",,Acme,\r\n");
            } else {
                csv.append("Иван").append(i).append(",Müller-").append(i).append(",bulk").append(i).append("@example.com,+386 1 ")
                        .append(i).append(",Org ").append(i % 40).append(",bulk; import\r\n");
            }
        }
        JsonNode first = Contacts.importCsv(sales, csv.toString());
        assertEquals("done", first.path("state").asText(), first.toString());
        assertEquals(10_000, first.path("processed").asInt());
        assertEquals(9_900, first.path("created").asInt());
        assertEquals(100, first.path("failed").asInt());
        assertEquals(100, first.path("errors").size());
        JsonNode error = first.path("errors").path(0);
        assertEquals(9, error.path("row").asInt(), "row numbers count the header as row 1");
        assertTrue(error.path("reason").asText().startsWith("email"), error.toString());

        JsonNode again = Contacts.importCsv(sales, csv.toString());
        assertEquals(0, again.path("created").asInt(), "re-importing creates nothing");
        assertEquals(9_900, again.path("skipped").asInt() + again.path("updated").asInt());
        assertEquals(9_900, sales.get("contacts/people?tag=bulk").json().path("total").asInt());
    }

    @Test
    void importMatchesByEmailThenByNameWithinTheOrganization() throws Exception {
        String twin = "Twin" + BlackBox.unique("").substring(1, 7);
        String nomail = "Nomail" + BlackBox.unique("").substring(1, 7);
        JsonNode first = Contacts.importCsv(sales, "firstName,lastName,email,organization\r\n"
                + "Eva," + twin + ",eva.one@" + twin + ".example,\r\n"
                + "Eva," + twin + ",eva.two@" + twin + ".example,\r\n"
                + "Eva," + twin + ",EVA.ONE@" + twin + ".example,\r\n"
                + "Rok," + nomail + ",,Twins Ltd\r\n"
                + "Rok," + nomail + ",,Twins Ltd\r\n"
                + "Rok," + nomail + ",rok@" + nomail + ".example,Twins Ltd\r\n");
        assertEquals(3, first.path("created").asInt(), "same name, other email, no organization: two people; " + first);
        assertEquals(3, first.path("updated").asInt() + first.path("skipped").asInt(), first.toString());
        assertEquals(2, sales.get("contacts/people?q=" + twin.toLowerCase(java.util.Locale.ROOT)).json().path("total").asInt());
        JsonNode rok = sales.get("contacts/people?q=" + nomail.toLowerCase(java.util.Locale.ROOT)).json();
        assertEquals(1, rok.path("total").asInt(), "name in the same organization is one person: " + rok);
        assertEquals("rok@" + nomail + ".example", rok.path("items").path(0).path("emails").path(0).path("address").asText());
    }

    @Test
    void exportIsFormulaSafeAndImportsBackLosslessly() throws Exception {
        sales.post("contacts/people", Map.of("firstName", "=HYPERLINK(\"http://evil.example\",\"click\")", "lastName", "Дмитриевич",
                "emails", List.of("roundtrip1@example.com"), "tags", List.of("roundtrip"))).expect(201);
        String org = sales.post("contacts/organizations", Map.of("name", "Roundtrip Ôrg d.o.o.")).expect(201).json().path("id").asText();
        sales.post("contacts/people", Map.of("firstName", "Željko", "lastName", "Ñúñez-Čebašek", "organizationId", org,
                "emails", List.of("roundtrip2@example.com"), "phones", List.of("+386 40 123 456"), "tags", List.of("roundtrip"))).expect(201);
        ApiResponse export = sales.get("contacts/people/export?format=csv&tag=roundtrip").expect(200);
        assertTrue(export.contentType().startsWith("text/csv"));
        String body = export.body();
        assertTrue(body.contains("\"'=HYPERLINK("), "formula neutralised: " + body);
        assertTrue(body.contains("'+386 40 123 456"), "a leading + is neutralised too");
        assertTrue(body.contains("Дмитриевич") && body.contains("Ñúñez-Čebašek"));
        assertTrue(body.contains(",Roundtrip Ôrg d.o.o.,"), "a person's organization by name: " + body);

        JsonNode reimport = Contacts.importCsv(sales, body);
        assertEquals(0, reimport.path("created").asInt());
        assertEquals(0, reimport.path("failed").asInt(), reimport.toString());
        assertEquals(2, reimport.path("skipped").asInt(), "nothing changed on the way out and back in: " + reimport);
        JsonNode formula = sales.get("contacts/people?q=roundtrip1@example.com").json().path("items").path(0);
        assertEquals("=HYPERLINK(\"http://evil.example\",\"click\")", formula.path("firstName").asText(), "stored as typed");
        assertEquals("Дмитриевич", formula.path("lastName").asText());
    }

    /** A spreadsheet that splits on semicolons or tabs must meet no formula either (issue 16). */
    @Test
    void aFormulaAfterASeparatorInsideACellIsNeutralisedAndImportsBack() throws Exception {
        String tag = "midcell" + BlackBox.unique("t").substring(2).replace("-", "");
        sales.post("contacts/people", Map.of("firstName", "x;=cmd|' /C calc'!A0", "lastName", "tab\t@SUM(A1)",
                "emails", List.of(tag + "@example.com"), "tags", List.of(tag))).expect(201);
        String body = sales.get("contacts/people/export?format=csv&tag=" + tag).expect(200).body();
        assertTrue(body.contains("\"x;'=cmd|' /C calc'!A0\""), "quoted, the formula after ; neutralised: " + body);
        assertTrue(body.contains("\"tab\t'@SUM(A1)\""), "quoted, the formula after a tab neutralised: " + body);
        assertFalse(body.contains(";=") || body.contains("\t@"), body);

        JsonNode back = Contacts.importCsv(sales, body);
        assertEquals(0, back.path("failed").asInt(), back.toString());
        assertEquals(1, back.path("skipped").asInt(), "the export imports back unchanged: " + back);
        JsonNode person = sales.get("contacts/people?tag=" + tag).json().path("items").path(0);
        assertEquals("x;=cmd|' /C calc'!A0", person.path("firstName").asText(), "stored as typed");
    }

    @Test
    void organizationsExportTheirFilteredListFormulaSafeWithinReachAndAudited() {
        String x = "_" + BlackBox.unique("k").substring(2, 8);
        String tag = "orgexport" + x;
        field("organization", "tier" + x, "text", Map.of());
        sales.post("contacts/organizations", Map.of("name", "=HYPERLINK(\"http://evil.example\",\"click\")", "tags", List.of(tag)))
                .expect(201);
        sales.post("contacts/organizations", Map.of("name", "Čebašek Трговина", "domain", "cebasek-trg.si", "industry", "Retail",
                "size", "11-50", "phones", List.of("+386 1 555 0101"), "tags", List.of(tag, "vip"),
                "customFields", Map.of("tier" + x, "gold"))).expect(201);
        support.post("contacts/organizations", Map.of("name", "Support's Own", "tags", List.of(tag))).expect(201);

        ApiResponse export = sales.get("contacts/organizations/export?format=csv&sort=-name&tag=" + tag).expect(200);
        assertTrue(export.contentType().startsWith("text/csv"));
        List<String> lines = export.body().lines().toList();
        assertTrue(lines.get(0).startsWith("\uFEFFname,domain,industry,size,phone,tags,") && lines.get(0).contains("cf.tier" + x),
                "a BOM for Excel, then the header: " + lines.get(0));
        assertEquals(3, lines.size(), "the header and the two organizations of sales' team, not support's: " + lines);
        assertTrue(lines.get(1).startsWith("Čebašek Трговина,cebasek-trg.si,Retail,11-50,'+386 1 555 0101,"), "sorted by -name: " + lines);
        assertTrue(lines.get(1).contains("gold"), lines.get(1));
        assertTrue(lines.get(2).startsWith("\"'=HYPERLINK("), "formula neutralised: " + lines.get(2));

        assertEquals(2, sales.get("contacts/organizations/export?format=csv&domain=cebasek-trg.si&tag=" + tag).body().lines().count(),
                "the list's filters apply");
        assertFalse(support.get("contacts/organizations/export?format=csv&tag=" + tag).expect(200).body().contains("Čebašek"));
        sales.get("contacts/organizations/export?format=xlsx").expectProblem(400);
        sales.get("contacts/organizations/export?sort=size").expectProblem(400);

        String roleName = BlackBox.unique("readers");
        admin.post("roles", Map.of("name", roleName, "permissions", List.of("contacts.read"))).expect(201);
        String reader = BlackBox.unique("reader");
        admin.post("users", Map.of("username", reader, "password", BlackBox.PASSWORD, "roles", List.of(roleName),
                "teamId", sales.get("auth/me").json().path("teamId").asText())).expect(201);
        ApiClient readOnly = BlackBox.signIn(server, reader, BlackBox.PASSWORD);
        readOnly.get("contacts/organizations?tag=" + tag).expect(200);
        readOnly.get("contacts/organizations/export?format=csv&tag=" + tag).expectProblem(403);

        List<JsonNode> audited = BlackBox.all(admin, "audit?action=contacts.export&target=contacts/organizations");
        assertTrue(audited.stream().anyMatch(e -> e.toString().contains(tag)), "every export is audited with its filters: " + audited);
    }

    @Test
    void organizationsImportMatchingByDomainThenNameAndTheirExportImportsBackUnchanged() throws Exception {
        String x = BlackBox.unique("o").substring(2, 8);
        String tag = "orgimport" + x;
        String theirs = support.post("contacts/organizations", Map.of("name", "Theirs " + x, "domain", "theirs-" + x + ".example"))
                .expect(201).json().path("id").asText();
        String csv = "name,domain,industry,size,phone,tags\r\n"
                + "Alpha " + x + ",alpha-" + x + ".example,Retail,11-50,+386 1 555 0102; 01 555 0103," + tag + "\r\n"
                + "Alpha Renamed " + x + ",https://ALPHA-" + x + ".example/about,,,," + tag + "\r\n" // the same domain: the same organization
                + "Alpha " + x + ",other-" + x + ".example,,,," + tag + "\r\n" // the same name on another domain: another company
                + "\"=cmd|' /C calc'!A0\",,,,," + tag + "\r\n"
                + "Too Big " + x + ",,,huge,," + tag + "\r\n"
                + "Short Row\r\n"
                + "Theirs " + x + ",theirs-" + x + ".example,,,," + tag + "\r\n"; // support's: out of reach, so a new one of sales'
        JsonNode job = Contacts.importCsv(sales, "organizations", csv);
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals(4, job.path("created").asInt(), job.toString());
        assertEquals(1, job.path("updated").asInt(), job.toString());
        assertEquals(2, job.path("failed").asInt(), job.toString());
        assertEquals(6, job.path("errors").path(0).path("row").asInt(), job.toString());
        assertTrue(job.path("errors").path(0).path("reason").asText().startsWith("size: "), job.toString());
        assertEquals(7, job.path("errors").path(1).path("row").asInt(), job.toString());

        JsonNode alpha = sales.get("contacts/organizations?domain=alpha-" + x + ".example").expect(200).json();
        assertEquals(1, alpha.path("total").asInt());
        JsonNode a = alpha.path("items").path(0);
        assertEquals("Alpha Renamed " + x, a.path("name").asText());
        assertEquals("Retail", a.path("industry").asText(), "an empty cell leaves a field as it was");
        assertEquals(2, a.path("phones").size());
        assertEquals(1, BlackBox.total(sales, "contacts/organizations?domain=other-" + x + ".example"));
        assertEquals("Theirs " + x, support.get("contacts/organizations/" + theirs).json().path("name").asText());
        assertEquals(1, BlackBox.total(support, "contacts/organizations?q=theirs%20" + x), "support's own is untouched, sales' new one unseen");
        assertEquals(1, BlackBox.total(sales, "contacts/organizations?q=theirs%20" + x));
        assertEquals("=cmd|' /C calc'!A0", BlackBox.all(sales, "contacts/organizations?q=" + "%3Dcmd").get(0).path("name").asText(),
                "stored as typed");

        String export = sales.get("contacts/organizations/export?format=csv&tag=" + tag).expect(200).body();
        assertTrue(export.lines().anyMatch(l -> l.startsWith("'=cmd|")), "formula neutralised: " + export);
        JsonNode back = Contacts.importCsv(sales, "organizations", export);
        assertEquals(0, back.path("created").asInt(), back.toString());
        assertEquals(0, back.path("failed").asInt(), back.toString());
        assertEquals(4, back.path("skipped").asInt(), "the export imports back unchanged: " + back);
        assertEquals(0, Contacts.importCsv(sales, "organizations", csv).path("created").asInt(), "importing a file again creates nothing");

        JsonNode refused = sales.sendRaw("POST", "contacts/import?type=organizations", "name,firstName\r\nX,Y\r\n", "text/csv")
                .expectProblem(400);
        assertTrue(refused.path("detail").asText().contains("firstName"), refused.toString());
    }

    @Test
    void importRefusesUnknownColumnsAndNeedsItsPermission() throws Exception {
        // Refused while it uploads (issue 16): nothing of the file is stored, no job is made.
        JsonNode refused = sales.sendRaw("POST", "contacts/import?type=people", "firstName,nickname\r\nAna,Ani\r\n", "text/csv")
                .expectProblem(400);
        assertTrue(refused.path("detail").asText().contains("nickname"), refused.toString());
        admin.sendRaw("POST", "contacts/import?type=widgets", "a\r\n", "text/csv").expectProblem(400);
    }

    @Test
    void customFieldsAreTypedValidatedFilterableExportedAndImported() throws Exception {
        // Keys carry a suffix: on PostgreSQL every test class of a run shares one database.
        String x = "_" + BlackBox.unique("k").substring(2, 8);
        sales.post("contacts/fields", Map.of("entity", "person", "key", "region" + x, "label", "Region", "type", "text"))
                .expectProblem(403);
        String region = field("person", "region" + x, "choice", Map.of("choices", List.of("EMEA", "APAC")));
        field("person", "score" + x, "number", Map.of());
        field("person", "since" + x, "date", Map.of());
        field("person", "vip" + x, "boolean", Map.of());
        field("person", "note" + x, "text", Map.of());
        field("organization", "tier" + x, "text", Map.of());
        admin.post("contacts/fields", Map.of("entity", "person", "key", "region" + x, "label", "Again", "type", "text")).expectProblem(409);
        admin.post("contacts/fields", Map.of("entity", "person", "key", "Bad Key", "label", "x", "type", "colour")).expectProblem(400);
        JsonNode blank = admin.post("contacts/fields", Map.of("entity", "person", "key", " ", "label", "", "type", "text")).expectProblem(400);
        assertTrue(blank.toString().contains("\"key\"") && blank.toString().contains("\"label\""), "blank is missing: " + blank);
        long ours = 0;
        for (JsonNode f : sales.get("contacts/fields?entity=person").expect(200).json().path("items")) {
            ours += f.path("key").asText().endsWith(x) ? 1 : 0;
        }
        assertEquals(5, ours, "every user who reads contacts sees the definitions");

        JsonNode person = sales.post("contacts/people", Map.of("firstName", "Custom", "lastName", "Fields",
                "emails", List.of("custom@fields.example"), "customFields",
                Map.of("region" + x, "EMEA", "score" + x, 12.50, "since" + x, "2024-01-31", "vip" + x, true, "note" + x, "Likes Tea"))).expect(201).json();
        String id = person.path("id").asText();
        JsonNode values = person.path("customFields");
        assertEquals("EMEA", values.path("region" + x).asText());
        assertEquals(12.5, values.path("score" + x).asDouble());
        assertEquals("2024-01-31", values.path("since" + x).asText());
        assertTrue(values.path("vip" + x).asBoolean());

        JsonNode bad = sales.post("contacts/people", Map.of("firstName", "Bad", "customFields",
                Map.of("region" + x, "Mars", "score" + x, "many", "since" + x, "31.1.2024", "vip" + x, "yes", "bogus" + x, 1))).expectProblem(400);
        assertEquals(5, bad.path("errors").size(), bad.toString());
        assertTrue(bad.toString().contains("customFields.bogus" + x), bad.toString());
        sales.get("contacts/people?cf.region" + x + "=Mars").expectProblem(400);
        assertEquals("cf.bogus" + x, sales.get("contacts/people?cf.bogus" + x + "=1").expectProblem(400).path("errors").path(0).path("field").asText());

        assertTrue(BlackBox.listContains(sales.get("contacts/people?cf.region" + x + "=EMEA"), id));
        assertTrue(BlackBox.listContains(sales.get("contacts/people?cf.score" + x + "=12.5&cf.vip" + x + "=true"), id));
        assertFalse(BlackBox.listContains(sales.get("contacts/people?cf.score" + x + "=12"), id), "12 is not 12.5");
        assertTrue(BlackBox.listContains(sales.get("contacts/people?cf.note" + x + "=likes%20tea"), id), "text ignores case");
        assertFalse(BlackBox.listContains(sales.get("contacts/people?cf.region" + x + "=APAC"), id));
        assertFalse(BlackBox.listContains(support.get("contacts/people?cf.region" + x + "=EMEA"), id), "filters keep visibility");

        JsonNode patched = sales.patch("contacts/people/" + id, Map.of("customFields", Collections.singletonMap("score" + x, null),
                "version", person.path("version").asLong())).expect(200).json();
        assertTrue(patched.path("customFields").path("score" + x).isMissingNode(), "null clears a value");
        assertEquals("EMEA", patched.path("customFields").path("region" + x).asText(), "values left out stay");

        String csv = sales.get("contacts/people/export?format=csv&cf.region" + x + "=EMEA").expect(200).body();
        assertTrue(csv.lines().findFirst().orElseThrow().contains(String.join(",", "cf.region" + x, "cf.score" + x, "cf.since" + x, "cf.vip" + x, "cf.note" + x)), csv);
        assertTrue(csv.contains("EMEA,,2024-01-31,true,Likes Tea"), csv);
        JsonNode back = Contacts.importCsv(sales, csv);
        assertEquals(1, back.path("skipped").asInt(), "the export imports back unchanged: " + back);
        JsonNode rows = Contacts.importCsv(sales, "firstName,lastName,email,cf.score" + x + ",cf.region" + x + "\r\n"
                + "Ok,Row,okrow@fields.example,3,APAC\r\nBad,Row,badrow@fields.example,lots,APAC\r\n");
        assertEquals(1, rows.path("created").asInt(), rows.toString());
        assertEquals("cf.score" + x + ": must be a number such as 12.5", rows.path("errors").path(0).path("reason").asText());

        admin.delete("contacts/fields/" + region).expect(204);
        assertTrue(sales.get("contacts/people/" + id).json().path("customFields").path("region" + x).isMissingNode(), "archived: hidden");
        admin.patch("contacts/fields/" + region, Map.of("archived", false, "version", 2)).expect(200);
        assertEquals("EMEA", sales.get("contacts/people/" + id).json().path("customFields").path("region" + x).asText(), "and back");

        String required = field("person", "segment" + x, "text", Map.of("required", true));
        try {
            JsonNode missing = sales.post("contacts/people", Map.of("firstName", "No", "lastName", "Segment")).expectProblem(400);
            assertEquals("customFields.segment" + x, missing.path("errors").path(0).path("field").asText());
        } finally {
            admin.delete("contacts/fields/" + required).expect(204);
        }
        JsonNode org = sales.post("contacts/organizations", Map.of("name", "Tiered", "customFields", Map.of("tier" + x, "gold"))).expect(201).json();
        assertEquals("gold", org.path("customFields").path("tier" + x).asText());
        assertTrue(BlackBox.listContains(sales.get("contacts/organizations?cf.tier" + x + "=GOLD"), org.path("id").asText()));
    }

    private static String field(String entity, String key, String type, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.putAll(Map.of("entity", entity, "key", key, "label", key.toUpperCase(java.util.Locale.ROOT), "type", type));
        return admin.post("contacts/fields", body).expect(201).json().path("id").asText();
    }

    @Test
    void relationshipsTiePeopleToOrganizationsWithinReach() {
        String org = sales.post("contacts/organizations", Map.of("name", "Related Ltd")).expect(201).json().path("id").asText();
        String person = sales.post("contacts/people", Map.of("firstName", "Rel", "lastName", "Ated")).expect(201).json().path("id").asText();
        JsonNode rel = sales.post("contacts/relationships", Map.of("personId", person, "organizationId", org, "kind", "employee",
                "title", "CTO")).expect(201).json();
        String id = rel.path("id").asText();
        sales.post("contacts/relationships", Map.of("personId", person, "organizationId", org, "kind", "employee")).expectProblem(409);
        sales.post("contacts/relationships", Map.of("personId", person, "organizationId", org, "kind", "friend")).expectProblem(400);
        assertEquals(1, sales.get("contacts/relationships?personId=" + person).json().path("total").asInt());
        assertTrue(BlackBox.listContains(sales.get("contacts/relationships?organizationId=" + org), id));

        support.get("contacts/relationships/" + id).expectProblem(404);
        assertEquals(0, support.get("contacts/relationships?personId=" + person).json().path("total").asInt());
        String theirs = support.post("contacts/organizations", Map.of("name", "Elsewhere")).expect(201).json().path("id").asText();
        JsonNode refused = support.post("contacts/relationships", Map.of("personId", person, "organizationId", theirs,
                "kind", "partner")).expectProblem(400);
        assertEquals("personId", refused.path("errors").path(0).path("field").asText());

        sales.patch("contacts/relationships/" + id, Map.of("kind", "former_employee", "version", 1)).expect(200);
        sales.patch("contacts/relationships/" + id, Map.of("kind", "partner", "version", 1)).expectProblem(409);
        assertEquals("former_employee", sales.get("contacts/relationships/" + id).json().path("kind").asText());
        sales.delete("contacts/relationships/" + id).expect(204);
        sales.get("contacts/relationships/" + id).expectProblem(404);
    }

    @Test
    void mergingMovesEverythingToTheSurvivorAndKeepsChosenValues() {
        String survivor = sales.post("contacts/people", Map.of("firstName", "Marta", "lastName", "Horvat",
                "emails", List.of("marta@horvat.example"), "jobTitle", "Buyer")).expect(201).json().path("id").asText();
        String duplicate = sales.post("contacts/people", Map.of("firstName", "Marta", "lastName", "Horvat",
                "emails", List.of("m.horvat@work.example"), "jobTitle", "Head of purchasing")).expect(201).json().path("id").asText();
        sales.post("contacts/activities", Map.of("type", "meeting", "subject", "Kick-off", "personId", duplicate)).expect(201);
        sales.post("contacts/tasks", Map.of("title", "Send offer", "dueAt", "2030-01-01T09:00:00Z", "personId", duplicate)).expect(201);

        sales.post("contacts/people/" + survivor + "/merge", Map.of("duplicateId", duplicate, "take", List.of("password")))
                .expectProblem(400);
        JsonNode merged = sales.post("contacts/people/" + survivor + "/merge",
                Map.of("duplicateId", duplicate, "take", List.of("jobTitle"))).expect(200).json();
        assertEquals("Head of purchasing", merged.path("jobTitle").asText());
        assertEquals(2, merged.path("emails").size(), "no address is lost");
        sales.get("contacts/people/" + duplicate).expectProblem(404);
        assertEquals("Kick-off", sales.get("contacts/people/" + survivor + "/timeline").json().path("items").path(0)
                .path("subject").asText());
        assertEquals(1, sales.get("contacts/tasks?personId=" + survivor).json().path("total").asInt());
        assertEquals(1, admin.get("audit?action=contacts.person.merged&target=contacts/person/" + survivor).json().path("total").asInt());
    }
}
