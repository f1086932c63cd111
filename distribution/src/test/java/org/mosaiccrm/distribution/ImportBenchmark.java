package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The CSV import benchmark of {@code docs/bench/WORKLOAD.md}: the workload's people through
 * {@code POST /api/v1/contacts/import?type=people} into a fresh distribution, until the job is
 * done (and, with a search module, until searchable), beside raw JDBC batch inserts of the same
 * rows into the same database in the same run. A benchmark, not a test: it measures and
 * asserts nothing about time. Run by the {@code bench} profile only:
 * {@code mvn -B -pl distribution verify -Pbench -Dbench.people=100000}.
 *
 * <p>Properties: {@code bench.people} (10,000), {@code bench.organizations} (a tenth of the
 * people), {@code bench.seed}, {@code bench.threadDumps} (seconds between {@code jstack} dumps
 * of the server during the import into {@code target/bench/}, 0 for none).
 */
class ImportBenchmark {

    private static final Path OUT = Path.of("target", "bench");

    @Test
    void importPeople() throws Exception {
        int people = Integer.getInteger("bench.people", 10_000);
        int organizations = Integer.getInteger("bench.organizations", Math.max(1, people / 10));
        Workload workload = Workload.of(Long.getLong("bench.seed", Workload.DEFAULT_SEED), organizations, people);
        int dumpEvery = Integer.getInteger("bench.threadDumps", 0);
        Files.createDirectories(OUT);

        String db;
        double importSeconds;
        double searchableSeconds = -1;
        String audited;
        JsonNode job;
        RawJdbcBaseline.Result raw;
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", System.getProperty("bench.serverOpts", ""))).start()) {
            ApiClient admin = BlackBox.admin(server);
            Contacts.enable(admin);
            // To see what a module that follows imports (search) costs the import: -Dbench.disableModules=search
            for (String module : System.getProperty("bench.disableModules", "").split(",")) {
                if (!module.isBlank()) {
                    admin.post("modules/" + module.strip() + "/disable", Map.of()).expect(200);
                    log("module %s disabled", module.strip());
                }
            }
            db = admin.get("health").expect(200).json().path("database").asText();
            log("importing %,d people (%,d organizations, seed %d) into %s", people, organizations, workload.seed(), db);

            ScheduledExecutorService dumps = threadDumps(server, dumpEvery);
            long start = System.nanoTime();
            ApiResponse started = admin.sendStream("POST", "contacts/import?type=people", workload::peopleCsv, "text/csv", Duration.ofHours(1));
            String jobId = started.expect(202).json().path("jobId").asText();
            log("uploaded in %.1f s; job %s", (System.nanoTime() - start) / 1e9, jobId);
            job = awaitJob(admin, jobId, start);
            importSeconds = (System.nanoTime() - start) / 1e9;
            if (dumps != null) {
                dumps.shutdownNow();
            }
            assertEquals("done", job.path("state").asText(), job.toString());
            searchableSeconds = awaitSearchable(admin, job.path("created").asLong(), start);
            audited = awaitAudited(admin, job.path("created").asLong(), start);

            server.stop();
            raw = baseline(server, workload);
        }

        String result = String.format(Locale.ROOT, String.join("%n",
                "== Mosaic import benchmark ==",
                "machine        %d cores, %s %s (%s)",
                "jvm            %s %s",
                "database       %s",
                "rows           %,d people (%,d organizations, seed %d): created %,d, updated %,d, skipped %,d, failed %,d",
                "import         %.1f s, %,.0f rows/s (upload, parse, dedup, commit; job done)",
                "searchable     %s",
                "audited        %s",
                "raw JDBC       %.1f s, %,.0f rows/s (%,d people + %,d organizations, batches of %,d rows a commit)",
                "ratio          import / raw JDBC = %.3f (%.1f%%)", ""),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), db,
                people, organizations, workload.seed(), job.path("created").asLong(), job.path("updated").asLong(),
                job.path("skipped").asLong(), job.path("failed").asLong(), importSeconds, people / importSeconds,
                searchableSeconds < 0 ? "n/a (no search module)" : String.format(Locale.ROOT, "%.1f s, %,.0f rows/s", searchableSeconds,
                        people / searchableSeconds),
                audited,
                raw.seconds(), raw.rowsPerSecond(), raw.people(), raw.organizations(), RawJdbcBaseline.COMMIT_ROWS,
                (people / importSeconds) / raw.rowsPerSecond(), 100 * (people / importSeconds) / raw.rowsPerSecond());
        System.out.println(result);
        Files.writeString(OUT.resolve("import.txt"), result);
    }

    /**
     * Polls the job until it ends; gives up (with what it reached) when it makes no progress for
     * {@code bench.stallSeconds} (300), as when the server runs out of memory.
     */
    private static JsonNode awaitJob(ApiClient admin, String jobId, long start) throws InterruptedException, IOException {
        long lastLog = System.nanoTime();
        long lastProgress = System.nanoTime();
        long lastProcessed = -1;
        long stall = Long.getLong("bench.stallSeconds", 300) * 1_000_000_000L;
        while (true) {
            JsonNode progress = admin.get("jobs/" + jobId).expect(200).json();
            String state = progress.path("state").asText();
            if ("done".equals(state) || "failed".equals(state)) {
                return progress;
            }
            if (progress.path("processed").asLong() != lastProcessed) {
                lastProcessed = progress.path("processed").asLong();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall) {
                double s = (lastProgress - start) / 1e9;
                String stalled = String.format(Locale.ROOT, "import stalled: %,d rows processed in %.1f s (%,.0f rows/s), then no progress for %d s; "
                        + "job %s", lastProcessed, s, lastProcessed / s, stall / 1_000_000_000L, progress);
                Files.writeString(OUT.resolve("import.txt"), stalled + System.lineSeparator());
                throw new AssertionError(stalled);
            }
            if (System.nanoTime() - lastLog > 10e9) {
                lastLog = System.nanoTime();
                double s = (lastLog - start) / 1e9;
                long processed = progress.path("processed").asLong();
                log("%6.0f s  %,d rows processed, %,.0f rows/s", s, processed, processed / s);
            }
            Thread.sleep(250);
        }
    }

    /** Seconds until the search module's index holds the created people, or -1 without a search module. */
    private static double awaitSearchable(ApiClient admin, long created, long start) throws InterruptedException {
        ApiResponse status = admin.get("search/status");
        if (status.status() == 404) {
            log("no search module (GET search/status answers 404): skipping until-searchable");
            return -1;
        }
        while (status.status() == 200 && status.json().path("documents").asLong() < created) {
            Thread.sleep(250);
            status = admin.get("search/status");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The audit log records every created person after the commit, from an event queue of its
     * own: how long until it holds an entry for each created person (what a stop would lose
     * before then), waiting at most {@code bench.auditWait} seconds (600) after the import.
     */
    private static String awaitAudited(ApiClient admin, long created, long start) throws InterruptedException {
        String path = "audit?action=contacts.person.created&limit=1";
        long deadline = System.nanoTime() + Long.getLong("bench.auditWait", 600) * 1_000_000_000L;
        long audited = admin.get(path).expect(200).json().path("total").asLong();
        long atDone = audited;
        while (audited < created && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            audited = admin.get(path).expect(200).json().path("total").asLong();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%,d of %,d created people audited when the job was done; %,d after %.1f s%s", atDone, created,
                audited, seconds, audited < created ? " (gave up waiting)" : String.format(Locale.ROOT, " (%,.0f rows/s)", created / seconds));
    }

    /** Raw JDBC into the database the server used: its Derby folder once stopped, or the same PostgreSQL. */
    private static RawJdbcBaseline.Result baseline(MosaicServer server, Workload workload) throws Exception {
        String url = System.getenv("MOSAIC_TEST_DB_URL");
        String user = System.getenv("MOSAIC_TEST_DB_USER");
        String password = System.getenv("MOSAIC_TEST_DB_PASSWORD");
        boolean derby = url == null || url.isBlank();
        if (derby) {
            System.setProperty("derby.stream.error.file", OUT.resolve("derby.log").toString());
            url = "jdbc:derby:" + server.dataFolder().resolve("db").toAbsolutePath();
        }
        log("raw JDBC baseline: %,d people into copies of the contacts tables", workload.people());
        try {
            return RawJdbcBaseline.run(url, user, password, workload);
        } finally {
            if (derby) {
                try {
                    java.sql.DriverManager.getConnection(url + ";shutdown=true");
                } catch (java.sql.SQLException expected) {
                    // Derby answers a clean shutdown with an exception.
                }
            }
        }
    }

    /** {@code jstack} of the server's JVM every few seconds while the import runs, for where its time goes. */
    private static ScheduledExecutorService threadDumps(MosaicServer server, int seconds) {
        if (seconds <= 0) {
            return null;
        }
        String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor();
        s.scheduleAtFixedRate(() -> server.processes().stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(p -> {
                    try {
                        new ProcessBuilder(jstack, Long.toString(p.pid()))
                                .redirectOutput(OUT.resolve(String.format("jstack-%03d.txt", n.incrementAndGet())).toFile())
                                .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException | InterruptedException e) {
                        log("jstack failed: %s", e);
                    }
                }), seconds, seconds, TimeUnit.SECONDS);
        return s;
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
