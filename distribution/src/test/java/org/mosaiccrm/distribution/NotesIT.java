package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The notes module as the template of a module on the platform's record kit: custom fields
 * served by the platform for a module that declared its entity customizable, their values in
 * the notes' forms, filters and CSV both ways, the import job, the search, and what happens to
 * all of it when the module is switched off and on again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotesIT {

    private static final List<String> PERMISSIONS = List.of("notes.read", "notes.write", "notes.delete", "notes.import",
            "notes.export");

    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static String priorityField;
    /** Keys carry a suffix: on PostgreSQL every test class of a run shares one database (WebShellIT adds a notes field too). */
    private static final String X = "_" + BlackBox.unique("k").substring(2, 8).replace('-', '0');
    private static final String PRIORITY = "priority" + X;
    private static final String HOURS = "hours" + X;

    /** This class's fields among the notes' fields the API lists. */
    private static long ours(JsonNode items) {
        return SearchIT.list(items).stream().filter(f -> f.path("key").asText().endsWith(X)).count();
    }

    /** The cell of a column in a line of a CSV export whose cells hold no quotes or commas. */
    private static String cell(String headerLine, String line, String column) {
        List<String> header = List.of(headerLine.replace("\uFEFF", "").split(",", -1));
        return line.split(",", -1)[header.indexOf(column)];
    }

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        alice = BlackBox.member(server, admin, "alice", BlackBox.createTeam(admin));
        mallory = BlackBox.member(server, admin, "mallory", BlackBox.createTeam(admin));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theModulesCustomizableEntityGetsFieldsFromThePlatform() {
        JsonNode entities = admin.get("fields").expect(200).json().path("items");
        assertTrue(BlackBox.anyHas(SearchIT.list(entities), "module", "notes"), entities.toString());
        for (JsonNode e : entities) {
            if (e.path("module").asText().equals("notes")) {
                assertEquals("note", e.path("entity").asText());
                assertTrue(e.path("mayCustomize").asBoolean());
            }
        }
        for (JsonNode e : alice.client().get("fields").expect(200).json().path("items")) {
            assertFalse(e.path("mayCustomize").asBoolean(), "a user without notes.customize may read, not change: " + e);
        }

        priorityField = admin.post("notes/fields", Map.of("entity", "note", "key", PRIORITY, "label", "Priority", "type", "choice",
                "choices", List.of("low", "high"))).expect(201).header("Location");
        assertTrue(priorityField.contains("/api/v1/notes/fields/"), priorityField);
        admin.post("notes/fields", Map.of("entity", "note", "key", HOURS, "label", "Hours", "type", "number")).expect(201);
        alice.client().post("notes/fields", Map.of("entity", "note", "key", "x", "label", "X", "type", "text")).expectProblem(403);
        admin.post("notes/fields", Map.of("entity", "person", "key", "x", "label", "X", "type", "text")).expectProblem(400);
        admin.post("nosuchmodule/fields", Map.of("entity", "x", "key", "x", "label", "X", "type", "text")).expectProblem(404);
        assertEquals(2, ours(alice.client().get("notes/fields?entity=note").expect(200).json().path("items")));
    }

    @Test
    @Order(2)
    void customValuesAreCheckedStoredShownAndFiltered() {
        ApiClient a = alice.client();
        JsonNode bad = a.post("notes", Map.of("title", "Call back", "customFields", Map.of(PRIORITY, "urgent", "colour", "red")))
                .expectProblem(400);
        List<String> named = SearchIT.list(bad.path("errors")).stream().map(e -> e.path("field").asText()).sorted().toList();
        assertEquals(List.of("customFields.colour", "customFields." + PRIORITY), named);

        String high = a.post("notes", Map.of("title", "Renewal", "body", "Talk to finance", "customFields",
                Map.of(PRIORITY, "high", HOURS, 2.5))).expect(201).json().path("id").asText();
        a.post("notes", Map.of("title", "Lunch", "customFields", Map.of(PRIORITY, "low"))).expect(201);
        JsonNode note = a.get("notes/" + high).expect(200).json();
        assertEquals("high", note.path("customFields").path(PRIORITY).asText());
        assertEquals("2.5", note.path("customFields").path(HOURS).asText(), "a decimal, not a float");

        JsonNode filtered = a.get("notes?cf." + PRIORITY + "=high").expect(200).json();
        assertEquals(1, filtered.path("total").asInt());
        assertEquals(high, filtered.path("items").get(0).path("id").asText());
        a.get("notes?cf.colour=red").expectProblem(400);
        assertEquals(0, mallory.client().get("notes?cf." + PRIORITY + "=high").expect(200).json().path("total").asInt(),
                "filters stay within the user's reach");

        JsonNode patched = a.patch("notes/" + high, Map.of("customFields", Map.of(HOURS, 3), "version", note.path("version").asLong()))
                .expect(200).json();
        assertEquals("high", patched.path("customFields").path(PRIORITY).asText(), "values not sent stay");
        assertEquals(3, patched.path("customFields").path(HOURS).asInt());
    }

    @Test
    @Order(3)
    void csvGoesOutFormulaSafeWithCustomColumnsAndComesBackThroughTheImportJob() throws Exception {
        ApiClient a = alice.client();
        a.post("notes", Map.of("title", "=HYPERLINK(\"http://evil\")", "customFields", Map.of(PRIORITY, "low"))).expect(201);
        String csv = a.get("notes/export?sort=title").expect(200).body();
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("\uFEFFtitle,body,") && lines[0].contains("cf." + PRIORITY + ",cf." + HOURS), "a BOM, then the header: "
                + lines[0]);
        assertTrue(csv.contains("'=HYPERLINK"), "a formula is neutralised: " + csv);
        String renewal = java.util.Arrays.stream(lines).filter(l -> l.startsWith("Renewal,Talk to finance,")).findFirst().orElseThrow();
        assertEquals("high", cell(lines[0], renewal, "cf." + PRIORITY), csv);
        assertEquals("3", cell(lines[0], renewal, "cf." + HOURS), csv);
        mallory.client().get("notes/export").expect(200).body().lines().skip(1).forEach(line -> {
            throw new AssertionError("another team's notes were exported: " + line);
        });
        alice.client().get("notes/export?cf.nope=1").expectProblem(400);

        JsonNode done = BlackBox.importCsv(a, "imports/notes/notes",
                "title,body,cf." + PRIORITY + ",cf." + HOURS + "\r\nImported one,\"two\r\nlines\",high,1.25\r\n,no title,low,\r\nImported three,,medium,\r\n");
        assertEquals("done", done.path("state").asText(), done.toString());
        assertEquals(1, done.path("created").asInt(), done.toString());
        assertEquals(2, done.path("failed").asInt(), done.toString());
        JsonNode imported = a.get("notes?q=Imported%20one").expect(200).json().path("items").get(0);
        assertTrue(imported.path("body").asText().matches("two\r?\nlines"), "a quoted line break stays: " + imported);
        assertEquals("1.25", imported.path("customFields").path(HOURS).asText());
        // A spreadsheet's file: semicolons, a BOM, headers by label in any case, a choice as the page shows it.
        JsonNode excel = BlackBox.importCsv(a, "imports/notes/notes", "\uFEFFTitle;Priority;HOURS\r\nFrom Excel;High;2.5\r\n");
        assertEquals(1, excel.path("created").asInt(), excel.toString());
        JsonNode fromExcel = a.get("notes?q=From%20Excel").expect(200).json().path("items").get(0);
        assertEquals("high", fromExcel.path("customFields").path(PRIORITY).asText(), fromExcel.toString());
        a.sendRaw("POST", "imports/notes/notes", "title,Title\r\nx,y\r\n", "text/csv").expectProblem(400);

        JsonNode refused = a.sendRaw("POST", "imports/notes/notes", "title,colour\r\nx,red\r\n", "text/csv").expectProblem(400);
        assertTrue(refused.path("detail").asText().contains("colour"), "the unknown column is named: " + refused);
        assertEquals(List.of(), uploads(), "a refused file is not kept");
        assertEquals(0, mallory.client().get("notes?q=Imported").expect(200).json().path("total").asInt());
    }

    /** What waits in the server's upload folder. */
    private static List<String> uploads() throws java.io.IOException {
        java.nio.file.Path folder = server.dataFolder().resolve("imports");
        if (!java.nio.file.Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Order(4)
    void aHugeSingleRowFailsTheJobWithItsRowNumberAndNothingStaysOnDisk() throws Exception {
        // 300 MB in one row of short fields, generated as it is sent: the reader refuses the row
        // long before it could fill the heap, and the job ends failed rather than running for ever.
        long size = 300L * 1024 * 1024;
        byte[] header = "title\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.InputStream huge = new java.io.InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent < header.length ? header[(int) sent++] : sent++ < size ? (sent % 2 == 0 ? 'a' : ',') : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        break;
                    }
                    b[off + n++] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
        String job = alice.client().sendStream("POST", "imports/notes/notes", () -> huge, "text/csv", java.time.Duration.ofMinutes(5))
                .expect(202).json().path("jobId").asText();
        JsonNode progress = BlackBox.await(() -> alice.client().get("jobs/" + job), 200).json();
        for (int i = 0; i < 600 && !progress.path("state").asText().equals("failed"); i++) {
            Thread.sleep(200);
            progress = alice.client().get("jobs/" + job).expect(200).json();
        }
        assertEquals("failed", progress.path("state").asText(), progress.toString());
        assertTrue(progress.path("message").asText().contains("record 2"), "the row is named: " + progress);
        assertEquals(List.of(), uploads(), "the failed job's upload is deleted");
    }

    @Test
    @Order(5)
    void anImportCanBeCancelledByItsOwnerAndItsUploadGoes() throws Exception {
        StringBuilder csv = new StringBuilder("title\r\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("Bulk ").append(i).append("\r\n");
        }
        String job = alice.client().sendRaw("POST", "imports/notes/notes", csv.toString(), "text/csv").expect(202).json().path("jobId")
                .asText();
        mallory.client().post("jobs/" + job + "/cancel", Map.of()).expectProblem(404);
        var answer = alice.client().post("jobs/" + job + "/cancel", Map.of());
        if (answer.status() == 200) {
            assertEquals("cancelled", answer.json().path("state").asText());
            JsonNode after = alice.client().get("jobs/" + job).expect(200).json();
            for (int i = 0; i < 50 && !uploads().isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals("cancelled", alice.client().get("jobs/" + job).expect(200).json().path("state").asText(), after.toString());
            assertTrue(alice.client().get("notes?q=Bulk").expect(200).json().path("total").asLong() < 20_000,
                    "the batches after the cancel were not imported");
        } else {
            // It finished first: an ended job cannot be cancelled.
            answer.expectProblem(409);
            assertEquals("done", alice.client().get("jobs/" + job).expect(200).json().path("state").asText());
        }
        assertEquals(List.of(), uploads());
        alice.client().post("jobs/" + job + "/cancel", Map.of()).expectProblem(409);
    }

    @Test
    @Order(6)
    void notesAreFoundBySearchWithinReach() {
        JsonNode hit = SearchIT.awaitSearch(alice.client(), "Renewal", answer -> answer.path("items").size() > 0);
        assertEquals("note", hit.path("items").get(0).path("type").asText());
        assertEquals(0, SearchIT.search(mallory.client(), "Renewal").path("items").size());
    }

    @Test
    @Order(7)
    void switchedOffTheFieldsGoWithTheModuleAndComeBackWithIt() {
        BlackBox.disableNotes(admin);
        admin.get("notes/fields").expectProblem(404);
        assertFalse(BlackBox.anyHas(SearchIT.list(admin.get("fields").expect(200).json().path("items")), "module", "notes"));
        assertTrue(admin.get("contacts/fields?entity=person").status() != 500, "other modules keep working");

        BlackBox.enableNotes(admin);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        JsonNode fields = BlackBox.await(() -> admin.get("notes/fields?entity=note"), 200).json().path("items");
        assertEquals(2, ours(fields), "the definitions stayed in the database");
        assertEquals(3, alice.client().get("notes?cf." + PRIORITY + "=high").expect(200).json().path("total").asInt(),
                "and so did the values (the note made by hand and the two imported ones)");
    }
}
