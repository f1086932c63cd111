package org.mosaiccrm.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;

/**
 * What the benchmarks of {@code bench/WORKLOAD.md} share: importing the workload's people through
 * the public endpoint and waiting until the server has digested it (job, search index, audit),
 * the database the server used (for raw JDBC beside it), and the machine a figure was measured on.
 */
final class Bench {

    static final Path OUT = Path.of("target", "bench");

    private Bench() {
    }

    /** The people CSV of the workload through {@code POST contacts/import?type=people}; returns the job id. */
    static String startImport(ApiClient client, Workload workload) {
        return startImport(client, workload::peopleCsv);
    }

    static String startImport(ApiClient client, java.util.function.Supplier<java.io.InputStream> csv) {
        ApiResponse started = client.sendStream("POST", "contacts/import?type=people", csv, "text/csv", Duration.ofHours(1));
        return started.expect(202).json().path("jobId").asText();
    }

    /**
     * Polls the job until it ends; gives up (with what it reached, also written to {@code report})
     * when it makes no progress for {@code bench.stallSeconds} (300), as when the server runs out
     * of memory.
     */
    static JsonNode awaitJob(ApiClient admin, String jobId, long start, Path report) throws InterruptedException, IOException {
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
                Files.writeString(report, stalled + System.lineSeparator());
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

    /** Seconds until the search module's index holds {@code documents} documents, or -1 without a search module. */
    static double awaitSearchable(ApiClient admin, long documents, long start) throws InterruptedException {
        ApiResponse status = admin.get("search/status");
        if (status.status() == 404) {
            log("no search module (GET search/status answers 404): skipping until-searchable");
            return -1;
        }
        while (status.status() == 200 && status.json().path("documents").asLong() < documents) {
            Thread.sleep(250);
            status = admin.get("search/status");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The audit log records every created person after the commit, from an event queue of its
     * own: how long until it holds {@code created} such entries (what a stop would lose before
     * then), waiting at most {@code bench.auditWait} seconds (600).
     */
    static String awaitAudited(ApiClient admin, long created, long start) throws InterruptedException {
        long deadline = System.nanoTime() + Long.getLong("bench.auditWait", 600) * 1_000_000_000L;
        long audited = auditedPeople(admin);
        long atDone = audited;
        while (audited < created && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            audited = auditedPeople(admin);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%,d of %,d created people audited when the job was done; %,d after %.1f s%s", atDone, created,
                audited, seconds, audited < created ? " (gave up waiting)" : String.format(Locale.ROOT, " (%,.0f rows/s)", created / seconds));
    }

    /**
     * How many "person created" entries the audit log holds: its total while that is exact, and
     * beyond the lists' count cap (totalExact false) by walking its keyset pages.
     */
    private static long auditedPeople(ApiClient admin) {
        String path = "audit?action=contacts.person.created&limit=500";
        com.fasterxml.jackson.databind.JsonNode page = admin.get(path).expect(200).json();
        if (page.path("totalExact").asBoolean(true)) {
            return page.path("total").asLong();
        }
        long counted = page.path("items").size();
        while (!page.path("next").isNull() && !page.path("next").isMissingNode()) {
            page = admin.get(path + "&cursor=" + page.path("next").asText()).expect(200).json();
            counted += page.path("items").size();
        }
        return counted;
    }

    /**
     * Waits until the server's processes use under a tenth of a core over two seconds (background
     * work such as index merges has ended), at most {@code maxSeconds}; returns how long it took.
     * Linux only (reads /proc); elsewhere it returns at once.
     */
    static double awaitIdleCpu(MosaicServer server, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                long cpu = cpuNanos(server);
                long t0 = System.nanoTime();
                Thread.sleep(2_000);
                double share = (double) (cpuNanos(server) - cpu) / (System.nanoTime() - t0);
                if (share < 0.10) {
                    break;
                }
                log("server still busy: %.0f%% of a core", 100 * share);
            }
        } catch (IOException notLinux) {
            log("server CPU unknown (%s): not waiting for it to go idle", notLinux.getMessage());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** CPU time the server's processes have used so far (Linux: from /proc), in nanoseconds. */
    static long cpuNanos(MosaicServer server) throws IOException {
        long ticks = 0;
        for (ProcessHandle p : server.processes()) {
            Path stat = Path.of("/proc/" + p.pid() + "/stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /**
     * The database the server uses, for raw JDBC beside it: the PostgreSQL of
     * {@code MOSAIC_TEST_DB_URL} (reachable while the server runs), else the embedded Derby in the
     * server's data folder, which only one JVM may open: the server must have stopped first.
     */
    record Database(String url, String user, String password, boolean derby) {

        static Database of(MosaicServer server) {
            String url = System.getenv("MOSAIC_TEST_DB_URL");
            if (url != null && !url.isBlank()) {
                return new Database(url, System.getenv("MOSAIC_TEST_DB_USER"), System.getenv("MOSAIC_TEST_DB_PASSWORD"), false);
            }
            System.setProperty("derby.stream.error.file", OUT.resolve("derby.log").toString());
            return new Database("jdbc:derby:" + server.dataFolder().resolve("db").toAbsolutePath(), null, null, true);
        }

        java.sql.Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /** Closes an embedded Derby, so that its data folder can go; nothing for PostgreSQL. */
        void shutdown() {
            if (derby) {
                try {
                    DriverManager.getConnection(url + ";shutdown=true");
                } catch (SQLException expected) {
                    // Derby answers a clean shutdown with an exception.
                }
            }
        }
    }

    /** Cores, OS and JVM of this machine, for a result's heading. */
    static String machine() {
        return String.format(Locale.ROOT, "%d cores, %s %s (%s)", Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    /** A percentile (100: the maximum) of durations in nanoseconds, in milliseconds. */
    static double millis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int index = percentile >= 100 ? sorted.length - 1 : (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The machine's load average (1, 5, 15 minutes), for the figures beside it on a shared machine. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The commit the benchmark was built from, marked when the tree had uncommitted changes; "unknown" outside git. */
    static String gitCommit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return head + (changes == null || changes.isEmpty() ? "" : " + uncommitted changes");
    }

    private static String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
