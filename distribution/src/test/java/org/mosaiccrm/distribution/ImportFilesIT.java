package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * Imports of the files people have (issue 17): headers as the pages name the fields in any
 * language, ; and tab files, choices by label, a mapping chosen by the user, the owner and team
 * of the new records, one tag rule in and out, and a refused file that says only why.
 */
class ImportFilesIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member rep;
    private static BlackBox.Member manager;
    private static String repsTeam;
    private static String otherTeam;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        repsTeam = BlackBox.createTeam(admin);
        otherTeam = BlackBox.createTeam(admin);
        rep = BlackBox.member(server, admin, "rep", repsTeam);
        manager = BlackBox.member(server, admin, "manager", repsTeam);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static List<JsonNode> people(ApiClient client, String q) {
        return BlackBox.all(client, "contacts/people?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private static JsonNode done(JsonNode job) {
        assertEquals("done", job.path("state").asText(), job.toString());
        return job;
    }

    @Test
    void aSemicolonFileWithTheLabelsAsHeadersAndABomImportsWithChoicesByLabel() throws Exception {
        String x = BlackBox.unique("semi");
        JsonNode job = done(Contacts.importCsv(rep.client(), "\uFEFFFirst Name;Last Name;E-mail;Lifecycle stage\r\n"
                + "Ana;Novak " + x + ";ana." + x + "@example.com;Lead\r\n"
                + "Bor;Kranjc " + x + ";bor." + x + "@example.com;customer\r\n"));
        assertEquals(2, job.path("created").asInt(), job.toString());
        List<JsonNode> found = people(rep.client(), x);
        assertEquals(2, found.size());
        for (JsonNode p : found) {
            assertEquals("Ana".equals(p.path("firstName").asText()) ? "lead" : "customer", p.path("lifecycleStage").asText(), p.toString());
            assertEquals(rep.id(), p.path("ownerId").asText(), "by default the importing user's");
        }
    }

    @Test
    void aTabFileWithSpanishHeadersAndLabelsImports() throws Exception {
        String x = BlackBox.unique("tab");
        JsonNode job = done(Contacts.importCsv(rep.client(), "Nombre\tApellidos\tCorreo electrónico\tEtapa del ciclo de vida\r\n"
                + "Lucía\tGarcía " + x + "\tlucia." + x + "@example.com\tProspecto\r\n"));
        assertEquals(1, job.path("created").asInt(), job.toString());
        JsonNode p = people(rep.client(), x).get(0);
        assertEquals("Lucía", p.path("firstName").asText());
        assertEquals("lead", p.path("lifecycleStage").asText());
        // Russian and Slovenian labels too; an unknown stage is refused by name.
        JsonNode more = Contacts.importCsv(rep.client(), "Имя,Фамилия,Этап жизненного цикла\r\nИван,Петров" + x + ",Лид\r\nMiha,Zupan" + x
                + ",Partner\r\n");
        assertEquals(1, more.path("created").asInt(), more.toString());
        assertEquals(1, more.path("failed").asInt(), more.toString());
        assertTrue(more.path("errors").path(0).path("reason").asText().startsWith("lifecycleStage"), more.toString());
        assertEquals(1, done(Contacts.importCsv(rep.client(), "Ime;Priimek\r\nŠpela;Čeh" + x + "\r\n")).path("created").asInt());
    }

    @Test
    void thePreviewProposesAFieldForEachColumnWithSamplesAndLabelsInTheLanguage() {
        JsonNode preview = rep.client().sendRaw("POST", "contacts/import/preview?type=people&lang=es",
                "\uFEFFFirst Name;Apellidos;Notiz;E-mail\r\nAna;Novak;call her;ana@example.com\r\nBor;Kranjc;;bor@exa", "text/csv")
                .expect(200).json();
        assertEquals(";", preview.path("delimiter").asText());
        JsonNode columns = preview.path("columns");
        assertEquals(4, columns.size());
        assertEquals("firstName", columns.path(0).path("field").asText());
        assertEquals("lastName", columns.path(1).path("field").asText());
        assertTrue(columns.path(2).path("field").isNull(), columns.toString());
        assertEquals("email", columns.path(3).path("field").asText());
        assertEquals(3, columns.path(2).path("position").asInt());
        assertEquals(List.of("Ana"), texts(columns.path(0).path("samples")), "the last line, cut short, is left out");
        JsonNode first = preview.path("fields").path(0);
        assertEquals("firstName", first.path("key").asText());
        assertEquals("Nombre", first.path("label").asText());
        rep.client().sendRaw("POST", "contacts/import/preview?type=people", "", "text/csv").expectProblem(400);
        rep.client().sendRaw("POST", "contacts/import/preview?type=widgets", "a\r\n", "text/csv").expectProblem(400);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void mappedAndSkippedColumnsImportAsChosenAndTheSkippedOnesAreNamed() throws Exception {
        String x = BlackBox.unique("map");
        String csv = "Vorname;Nachname;Notiz;Mail\r\nEva;Horvat" + x + ";call her;eva." + x + "@example.com\r\n";
        // Without a choice an unknown column refuses the file, as before.
        JsonNode refused = rep.client().sendRaw("POST", "contacts/import?type=people", csv, "text/csv").expectProblem(400);
        assertTrue(refused.path("detail").asText().contains("Notiz"), refused.toString());
        for (String bad : List.of("map=9:firstName&map=2:lastName&map=4:email&skip=3", "map=1:nickname&map=2:lastName&map=4:email&skip=3",
                "map=1:firstName&skip=1", "map=first")) {
            JsonNode problem = rep.client().sendRaw("POST", "contacts/import?type=people&" + bad, csv, "text/csv").expectProblem(400);
            assertTrue(problem.toString().contains("map") || problem.toString().contains("skip"), bad + ": " + problem);
        }
        JsonNode job = done(BlackBox.importCsv(rep.client(), "contacts/import?type=people&map=1:firstName&map=2:lastName&map=4:email&skip=3",
                csv));
        assertEquals(1, job.path("created").asInt(), job.toString());
        assertTrue(job.path("message").asText().contains("'Notiz'"), "the skipped column is named: " + job);
        JsonNode p = people(rep.client(), x).get(0);
        assertEquals("Eva", p.path("firstName").asText());
        assertEquals("eva." + x + "@example.com", p.path("emails").path(0).path("address").asText());
    }

    @Test
    void theImportGivesItsNewRecordsToTheOwnerAndTeamChosen() throws Exception {
        String x = BlackBox.unique("owned");
        String csv = "firstName,lastName,organization\r\nOla,Owned" + x + ",Owned Org " + x + "\r\n";
        JsonNode job = done(BlackBox.importCsv(admin, "contacts/import?type=people&ownerId=" + rep.id(), csv));
        assertEquals(1, job.path("created").asInt(), job.toString());
        JsonNode p = people(rep.client(), x).get(0);
        assertEquals(rep.id(), p.path("ownerId").asText(), "the rep sees and owns what the admin imported for them");
        assertEquals(repsTeam, p.path("teamId").asText(), "the owner's team by default");
        JsonNode org = BlackBox.all(rep.client(), "contacts/organizations?q=" + URLEncoder.encode("Owned Org " + x, StandardCharsets.UTF_8)).get(0);
        assertEquals(rep.id(), org.path("ownerId").asText(), "an organization the rows create goes to them too");

        // A team member may give records to a colleague, never to another team; bad ids are named.
        String y = BlackBox.unique("colleague");
        done(BlackBox.importCsv(manager.client(), "contacts/import?type=people&ownerId=" + rep.id(), "firstName,lastName\r\nCo,L" + y + "\r\n"));
        assertEquals(rep.id(), people(rep.client(), y).get(0).path("ownerId").asText());
        manager.client().sendRaw("POST", "contacts/import?type=people&teamId=" + otherTeam, csv, "text/csv").expectProblem(403);
        JsonNode badOwner = admin.sendRaw("POST", "contacts/import?type=people&ownerId=nobody", csv, "text/csv").expectProblem(400);
        assertEquals("ownerId", badOwner.path("errors").path(0).path("field").asText(), badOwner.toString());
        JsonNode badTeam = admin.sendRaw("POST", "contacts/import?type=people&teamId=01a00000-0000-7000-8000-000000000000", csv, "text/csv")
                .expectProblem(400);
        assertEquals("teamId", badTeam.path("errors").path(0).path("field").asText(), badTeam.toString());
    }

    @Test
    void oneTagRuleFormImportExportAndFiltersIgnoringCase() throws Exception {
        String x = BlackBox.unique("tags").toLowerCase(Locale.ROOT).replace("-", "");
        String vip = "vip" + x;
        String news = "news" + x;
        JsonNode job = done(Contacts.importCsv(rep.client(), "firstName;lastName;email;tags\r\nTia;Tagged;tia." + x + "@example.com;"
                + vip + "," + news + "\r\nTim;Tagged;tim." + x + "@example.com;\"" + vip.toUpperCase(Locale.ROOT) + "; " + news + "\"\r\n"));
        assertEquals(2, job.path("created").asInt(), job.toString());
        List<JsonNode> tagged = BlackBox.all(rep.client(), "contacts/people?tag=" + vip.toUpperCase(Locale.ROOT));
        assertEquals(2, tagged.size(), "the filter ignores case");
        for (JsonNode p : tagged) {
            assertEquals(2, p.path("tags").size(), "a comma or a semicolon separates tags: " + p);
        }
        // The form's JSON: tags that differ only in case are one.
        JsonNode formed = rep.client().post("contacts/people", Map.of("firstName", "Form", "lastName", "Tagged" + x, "tags", List.of(vip, vip.toUpperCase(Locale.ROOT), news)))
                .expect(201).json();
        assertEquals(List.of(vip, news), texts(formed.path("tags")));

        String export = rep.client().get("contacts/people/export?format=csv&tag=" + news).expect(200).body();
        assertTrue(export.startsWith("\uFEFF"), "exports keep their BOM");
        assertTrue(export.contains(vip + ", " + news), "lists join with a comma and a space: " + export);
        JsonNode back = Contacts.importCsv(rep.client(), export);
        assertEquals(0, back.path("created").asInt(), back.toString());
        assertEquals(3, back.path("skipped").asInt(), "the same tags come back: " + back);
    }

    @Test
    void aFileRefusedWhileItRunsSaysOnlyWhy() throws Exception {
        // A quoted line break in the header is left to the run, which refuses the column.
        JsonNode job = BlackBox.importCsv(rep.client(), "contacts/import?type=people", "\"nick\nname\",firstName\r\nA,B\r\n");
        assertEquals("failed", job.path("state").asText(), job.toString());
        assertTrue(job.path("message").asText().contains("Unknown columns"), job.toString());
        assertEquals(0, job.path("processed").asInt());
        assertEquals(0, job.path("errors").size());
    }
}
