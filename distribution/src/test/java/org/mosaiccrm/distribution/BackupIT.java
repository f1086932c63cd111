package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * {@code bin/mosaic backup} while writers create people and notes through the API, then the
 * data folder wiped, {@code bin/mosaic restore}, a start: every record that existed when the
 * backup began is back with the same content, a record written during the backup is back whole
 * or not at all, none written after it is, and the search answers as before. On PostgreSQL the
 * database is pg_dump's business: the test checks the command printed and the rest of the backup.
 */
class BackupIT {

    private static final String TAG = BlackBox.unique("bk");
    private static final boolean POSTGRESQL = System.getenv("MOSAIC_TEST_DB_URL") != null
            && !System.getenv("MOSAIC_TEST_DB_URL").isBlank();

    private static MosaicServer server;

    /** A record created through the API: what it is, and when its creation was answered. */
    record Created(String path, String id, Map<String, String> fields, Instant started, Instant answered) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        BlackBox.enableNotes(BlackBox.admin(server));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBackupUnderWriteLoadRestoresEveryRecordItHeldAndTheSearch() throws Exception {
        ApiClient admin = BlackBox.admin(server);
        List<Created> before = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            before.add(create(admin, "contacts/people", Map.of("firstName", "Seed" + i, "lastName", TAG + " seed")));
            before.add(create(admin, "notes", Map.of("title", TAG + " seed note " + i, "body", "body " + i)));
        }
        // The index follows commits a moment later: what the search answers once it holds every seed record.
        Set<String> seeds = new TreeSet<>(before.stream().map(Created::id).toList());
        Set<String> searchBefore = awaitSearch(admin, "seed " + TAG, seeds);

        ConcurrentLinkedQueue<Created> during = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int n = 0; writing.get(); n++) {
                    during.add(n % 2 == 0
                            ? create(admin, "contacts/people", Map.of("firstName", "W" + writer + "n" + n, "lastName", TAG + " load"))
                            : create(admin, "notes", Map.of("title", TAG + " load " + writer + "-" + n, "body", "written under load")));
                }
            });
            t.start();
            writers.add(t);
        }
        Thread.sleep(500);
        Path backup = server.dataFolder().resolveSibling(server.dataFolder().getFileName() + "-backup");
        Instant backupStarted = Instant.now();
        Result result = mosaic("backup", backup.toString());
        Instant backupDone = Instant.now();
        Thread.sleep(300);
        writing.set(false);
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(0, result.status(), result.output());
        assertTrue(Files.isRegularFile(backup.resolve("backup.properties")), result.output());
        assertTrue(Files.readString(backup.resolve("backup.properties")).contains("complete=true"));
        assertTrue(Files.isRegularFile(backup.resolve("etc/mosaic-version.properties")), "the installation's etc/ is in it");
        assertFalse(Files.exists(backup.resolve("search")), "the index is rebuilt from the database, not restored");
        assertEquals(1, mosaic("restore", backup.toString()).status(), "no restore onto a running server");

        if (POSTGRESQL) {
            // The command for the configured database, whole; the password stays out of it (PGPASSWORD or ~/.pgpass).
            java.net.URI db = java.net.URI.create(System.getenv("MOSAIC_TEST_DB_URL").substring("jdbc:".length()));
            String expected = "pg_dump --format=custom --host=" + db.getHost() + " --port=" + (db.getPort() < 0 ? 5432 : db.getPort())
                    + (System.getenv("MOSAIC_TEST_DB_USER") == null ? "" : " --username=" + System.getenv("MOSAIC_TEST_DB_USER"))
                    + " --file=" + backup.resolve("mosaic.pgdump") + " " + db.getPath().substring(1);
            assertTrue(result.output().lines().anyMatch(l -> l.strip().equals(expected)), expected + "\n" + result.output());
            assertTrue(Files.readString(backup.resolve("backup.properties")).contains("kind=postgresql"));
            return;
        }
        assertTrue(result.output().contains("backup complete"), result.output());
        assertTrue(Files.isDirectory(backup.resolve("db")), "Derby's online backup");

        server.stop();
        wipe(server.dataFolder());
        Result restored = mosaic("restore", backup.toString());
        assertEquals(0, restored.status(), restored.output());
        server.start();
        ApiClient after = BlackBox.admin(server);
        // The wiped data folder's Karaf starts with its boot features; notes comes back from the database's module state.
        BlackBox.await(() -> after.get("notes"), 200);

        for (Created c : before) {
            assertSame(c, after.get(c.path() + "/" + c.id()).expect(200).json());
        }
        int heldDuring = 0;
        for (Created c : during) {
            ApiResponse r = after.get(c.path() + "/" + c.id());
            if (c.answered().isBefore(backupStarted)) {
                assertEquals(200, r.status(), "written before the backup began: " + c);
            }
            if (c.started().isAfter(backupDone)) {
                assertEquals(404, r.status(), "written after the backup ended: " + c);
            }
            if (r.status() == 200) {
                assertSame(c, r.json());
                heldDuring++;
            } else {
                assertEquals(404, r.status());
            }
        }
        assertNotEquals(0, heldDuring, "writes went on while the backup ran, and some are in it");
        long people = BlackBox.total(after, "contacts/people?q=" + TAG);
        long notes = BlackBox.total(after, "notes?q=" + TAG);
        long expected = Stream.concat(before.stream(), during.stream())
                .filter(c -> after.get(c.path() + "/" + c.id()).status() == 200).count();
        assertEquals(expected, people + notes, "the restored database holds those records and nothing else of this test");
        awaitSearch(after, "seed " + TAG, searchBefore);

        Files.writeString(backup.resolve("etc/mosaic-version.properties"), "damaged\n", java.nio.file.StandardOpenOption.APPEND);
        server.stop();
        Result damaged = mosaic("restore", backup.toString());
        assertEquals(1, damaged.status(), damaged.output());
        assertTrue(damaged.output().contains("damaged or incomplete"), damaged.output());
    }

    private static void assertSame(Created c, JsonNode record) {
        c.fields().forEach((k, v) -> assertEquals(v, record.path(k).asText(), k + " of " + c));
    }

    private static Created create(ApiClient client, String path, Map<String, String> fields) {
        Instant started = Instant.now();
        String id = client.post(path, fields).expect(201).json().path("id").asText();
        return new Created(path, id, fields, started, Instant.now());
    }

    private static JsonNode search(ApiClient client, String q) {
        return client.get("search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8) + "&limit=50")
                .expect(200).json();
    }

    private static Set<String> ids(JsonNode answer) {
        return new TreeSet<>(answer.path("items").findValuesAsText("id"));
    }

    /**
     * Polls the search until it answers the ids expected (the index follows commits a moment
     * later, and after a restore it is rebuilt from the database as the server starts).
     */
    private static Set<String> awaitSearch(ApiClient client, String q, Set<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Set<String> now = Set.of();
        while (Instant.now().isBefore(deadline)) {
            now = ids(search(client, q));
            if (now.equals(expected)) {
                return now;
            }
            Thread.sleep(250);
        }
        assertEquals(expected, now, "search for '" + q + "'");
        return now;
    }

    private static void wipe(Path data) throws IOException {
        try (Stream<Path> children = Files.list(data)) {
            for (Path p : children.toList()) {
                org.mosaiccrm.platform.testing.Folders.deleteTree(p);
            }
        }
    }

    record Result(int status, String output) {
    }

    private static Result mosaic(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server.home().resolve("bin/mosaic").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("MOSAIC_DATA", server.dataFolder().toString());
        if (POSTGRESQL) {
            pb.environment().put("MOSAIC_DB_URL", System.getenv("MOSAIC_TEST_DB_URL"));
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        return new Result(p.waitFor(), out);
    }
}
