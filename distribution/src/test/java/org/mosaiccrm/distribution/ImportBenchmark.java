package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
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

    private static final Path OUT = Bench.OUT;

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
            String jobId = Bench.startImport(admin, workload);
            log("uploaded in %.1f s; job %s", (System.nanoTime() - start) / 1e9, jobId);
            job = Bench.awaitJob(admin, jobId, start, OUT.resolve("import.txt"));
            importSeconds = (System.nanoTime() - start) / 1e9;
            if (dumps != null) {
                dumps.shutdownNow();
            }
            assertEquals("done", job.path("state").asText(), job.toString());
            searchableSeconds = Bench.awaitSearchable(admin, job.path("created").asLong(), start);
            audited = Bench.awaitAudited(admin, job.path("created").asLong(), start);

            server.stop();
            Bench.Database database = Bench.Database.of(server);
            log("raw JDBC baseline: %,d people into copies of the contacts tables", workload.people());
            try {
                raw = RawJdbcBaseline.run(database.url(), database.user(), database.password(), workload);
            } finally {
                database.shutdown();
            }
        }

        String result = String.format(Locale.ROOT, String.join("%n",
                "== Mosaic import benchmark ==",
                "machine        %s",
                "jvm            %s",
                "database       %s",
                "rows           %,d people (%,d organizations, seed %d): created %,d, updated %,d, skipped %,d, failed %,d",
                "import         %.1f s, %,.0f rows/s (upload, parse, dedup, commit; job done)",
                "searchable     %s",
                "audited        %s",
                "raw JDBC       %.1f s, %,.0f rows/s (%,d people + %,d organizations, batches of %,d rows a commit)",
                "ratio          import / raw JDBC = %.3f (%.1f%%)", ""),
                Bench.machine(), Bench.jvm(), db,
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

    private static void log(String format, Object... args) {
        Bench.log(format, args);
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
}
