package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.Folders;
import org.mosaiccrm.platform.testing.LightHttpClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;
import org.mosaiccrm.search.api.SearchDocument;

/**
 * Search benchmark over the people set (not a test; CI does not run it). In one run, on one
 * machine and the same generated data: the built distribution fed through the public CSV import
 * until searchable, an administrator's rebuild from the database, and query latency over HTTP for
 * term, prefix, fuzzy and two-word queries as a user restricted to their team, with the HTTP floor
 * (an authenticated request that does nothing) beside them; then, while the server idles, the same
 * analyzer, documents and queries on a bare Lucene index in this JVM (index, search with the team
 * filter, type counts and snippets, without HTTP, JSON, sessions and the database); then
 * throughput with the machine saturated, HTTP and raw Lucene taking turns. The server runs with
 * this JVM's maximum heap.
 *
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl bundles/search/lucene test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx4g -cp bundles/search/lucene/target/test-classes:bundles/search/lucene/target/classes:$(cat bundles/search/lucene/target/cp.txt) \
 *      -Dmosaic.home=distribution/target/assembly -Dbench.people=100000 org.mosaiccrm.search.lucene.internal.SearchBenchmark
 * </pre>
 */
public final class SearchBenchmark {

    private static final String PASSWORD = "violet tram at dawn 42";
    private static final int ROWS_PER_IMPORT = 10_000;
    private static final Map<String, List<String>> QUERIES = Map.of(
            "term", List.of("novak", "müller", "garcía", "смирнов", "santos", "kovačič"),
            "prefix", List.of("kov", "mül", "sant", "сми", "zup", "bau"),
            "fuzzy", List.of("kovacik", "zupamcic", "martines", "смирнав", "bautisra", "mendosa"),
            "two-word", List.of("jože novak", "maría garcía", "иван смирнов", "hans müller", "jose santos", "ольга попова"));
    private static final List<String> KINDS = List.of("term", "prefix", "fuzzy", "two-word");
    /** Clients at once for the throughput figures: twice the cores, so that none sits idle while another waits. */
    private static final int CLIENTS = Integer.getInteger("bench.clients", 2 * Runtime.getRuntime().availableProcessors());
    /** The raw sides: Lucene on the index it wrote itself, and on a copy of the server's. */
    private static final List<String> RAW_SIDES = List.of("/own", "/copy");
    /** Turns of HTTP and raw throughput per kind; odd, so that the median is one of them. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int people = Integer.getInteger("bench.people", 10_000);
        int iterations = Integer.getInteger("bench.iterations", 2000);
        int warmUp = Integer.getInteger("bench.warmUp", 2000);
        Workload workload = Workload.ofPeople(Long.getLong("bench.seed", Workload.DEFAULT_SEED), people);
        StringBuilder report = new StringBuilder();
        Consumer<String> out = line -> {
            System.out.println(line);
            report.append(line).append('\n');
        };
        out.accept("Search benchmark: " + people + " people, " + iterations + " queries per kind, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));

        Map<String, long[]> http = new LinkedHashMap<>();
        Map<String, long[]> raw = new LinkedHashMap<>();
        Map<String, double[][]> rounds = new LinkedHashMap<>();
        String[] teams = new String[Workload.TEAMS];
        String[] users = new String[Workload.USERS];
        String sample;
        // The server gets the heap of this JVM, where raw Lucene runs: the garbage of a query is
        // the same on both sides, and collecting it in a smaller heap would be measured as the
        // server's overhead.
        String heap = System.getProperty("bench.heap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + "M");
        out.accept("Heap of the server and of raw Lucene's JVM: " + heap);
        try (MosaicServer server = MosaicServer.fresh(Map.of("JAVA_MAX_MEM", heap)).start()) {
            ApiClient admin = signIn(server, "admin", MosaicServer.ADMIN_PASSWORD);
            admin.post("modules/contacts/enable", Map.of()).expect(200);
            String userRole = null;
            for (JsonNode role : admin.get("roles").expect(200).json().path("items")) {
                if ("user".equals(role.path("name").asText())) {
                    userRole = role.path("id").asText();
                }
            }
            admin.patch("roles/" + userRole, Map.of("permissions", List.of("contacts.read", "contacts.write", "contacts.import"))).expect(200);
            for (int t = 0; t < teams.length; t++) {
                teams[t] = admin.post("teams", Map.of("name", "bench-team-" + t)).expect(201).json().path("id").asText();
            }
            ApiClient[] clients = new ApiClient[users.length];
            for (int u = 0; u < users.length; u++) {
                users[u] = admin.post("users", Map.of("username", "bench" + u, "password", PASSWORD, "roles", List.of("user"),
                        "teamId", teams[Workload.team(u)])).expect(201).json().path("id").asText();
                clients[u] = signIn(server, "bench" + u, PASSWORD);
            }

            long importStart = System.nanoTime();
            for (int u = 0; u < users.length; u++) {
                List<String> rows = new ArrayList<>();
                for (int n = 0; n < people; n++) {
                    if (workload.owner(n) == u) {
                        Workload.Person p = workload.person(n);
                        rows.add(Workload.csvRow(p, workload.organization(p.organization())));
                    }
                }
                for (int from = 0; from < rows.size(); from += ROWS_PER_IMPORT) {
                    importRows(clients[u], rows.subList(from, Math.min(rows.size(), from + ROWS_PER_IMPORT)));
                }
            }
            long imported = count(admin);
            JsonNode status = awaitDocuments(admin, imported);
            double importSeconds = seconds(importStart);
            out.accept(String.format("HTTP  CSV import until searchable: %d people in %.1f s = %.0f rows/s (index holds %d)",
                    imported, importSeconds, imported / importSeconds, status.path("documents").asLong()));

            long rebuildStart = System.nanoTime();
            admin.post("search/rebuild", Map.of()).expect(202);
            JsonNode rebuilt = awaitReady(admin);
            double rebuildSeconds = seconds(rebuildStart);
            out.accept(String.format("HTTP  rebuild from the database: %d documents in %.1f s = %.0f docs/s",
                    rebuilt.path("lastRebuild").path("documents").asLong(), rebuildSeconds,
                    rebuilt.path("lastRebuild").path("documents").asLong() / rebuildSeconds));

            // Queries are measured once the rebuilt index is merged into one segment, as it is on
            // a server whose rebuild has finished, and so that the merge does not share the cores.
            long compactStart = System.nanoTime();
            while (admin.get("search/status").expect(200).json().path("compacting").asBoolean()) {
                Thread.sleep(200);
            }
            out.accept(String.format("HTTP  merge into one segment after the rebuild: %.1f s more", seconds(compactStart)));

            // Signed in again: a long import may outlast the idle timeout of the first session.
            LightHttpClient restricted = new LightHttpClient(server, token(server, "bench0", PASSWORD));
            for (String kind : KINDS) {
                List<String> qs = QUERIES.get(kind);
                long[] inIndex = new long[warmUp + iterations];
                http.put(kind, measure(warmUp, iterations, i -> inIndex[i] = serverTiming(restricted.getOk(searchPath(qs.get(i % qs.size()))))));
                http.put(kind + "/index", Arrays.copyOfRange(inIndex, warmUp, inIndex.length));
            }
            // The HTTP floor: an authenticated request that does next to nothing, same client and server.
            http.put("floor", measure(warmUp, iterations, i -> restricted.getOk("auth/me")));

            // Raw Lucene in this JVM while the server idles, on two indexes: one it writes itself
            // with the same analyzer and documents (people, and the organizations the import
            // created: one per team that names it, since an import only links to organizations its
            // user can see, owned by the user whose row created it), and a copy of the server's
            // own index as of its last commit. Both through the same index class and queries,
            // without HTTP, JSON, sessions and the database. The copy tells the cost of serving a
            // query from the layout of the index it is served from (a rebuilt index's segments and
            // document order differ from those of one written in a single pass).
            SearchAnalyzer analyzer = new SearchAnalyzer();
            QueryBuilder builder = new QueryBuilder(analyzer);
            Path ownFolder = Files.createTempDirectory("search-bench-");
            Path copy = copyLastCommit(server.dataFolder().resolve("search").resolve("index"), Files.createTempDirectory("search-bench-copy-"));
            try (SearchIndex own = SearchIndex.open(ownFolder, analyzer); SearchIndex served = SearchIndex.open(copy, analyzer)) {
                long indexStart = System.nanoTime();
                Set<Long> organizations = new HashSet<>();
                for (int u = 0; u < users.length; u++) {
                    for (int n = 0; n < people; n++) {
                        if (workload.owner(n) != u) {
                            continue;
                        }
                        Workload.Person p = workload.person(n);
                        String owner = users[u];
                        String team = teams[Workload.team(u)];
                        own.put("person", new SearchDocument(Integer.toString(n), p.firstName() + " " + p.lastName(),
                                String.join("\n", p.tags()), p.emails(), p.phones(), List.of(), Map.of(), owner, team), "0");
                        if (organizations.add((long) Workload.team(u) << 32 | p.organization())) {
                            own.put("organization", new SearchDocument("o" + Workload.team(u) + "-" + p.organization(),
                                    workload.organization(p.organization()).name(), "", List.of(), List.of(), List.of(), Map.of(), owner, team), "0");
                        }
                    }
                }
                own.commit(Map.of(SearchIndex.SEQUENCE, "0"));
                own.refresh();
                double indexSeconds = seconds(indexStart);
                int documents = own.documents();
                out.accept(String.format("Raw   Lucene IndexWriter, same analyzer and documents: %d in %.1f s = %.0f docs/s",
                        documents, indexSeconds, documents / indexSeconds));
                out.accept(String.format("Raw   copy of the server's index: %d documents", served.documents()));
                QueryBuilder.Reach reach = new QueryBuilder.Reach(users[0], teams[0]);
                List<RawSearch> sides = List.of(new RawSearch(own, builder, reach), new RawSearch(served, builder, reach));
                IdleServer idle = new IdleServer(server);
                for (String kind : KINDS) {
                    List<String> qs = QUERIES.get(kind);
                    for (int side = 0; side < RAW_SIDES.size(); side++) {
                        RawSearch search = sides.get(side);
                        raw.put(kind + RAW_SIDES.get(side), idle.during(() -> measure(warmUp, iterations, i -> search.run(qs.get(i % qs.size())))));
                    }
                }

                // Throughput with the machine saturated: CLIENTS clients at once, each signed in on
                // its own, against as many raw threads. HTTP and raw take turns, round after round,
                // because this machine's speed drifts by up to a quarter within minutes (same code,
                // same index): a ratio of two figures taken minutes apart measured the drift.
                LightHttpClient[] parallel = new LightHttpClient[CLIENTS];
                for (int c = 0; c < CLIENTS; c++) {
                    parallel[c] = new LightHttpClient(server, token(server, "bench0", PASSWORD));
                }
                for (String kind : KINDS) {
                    List<String> qs = QUERIES.get(kind);
                    double[][] perRound = new double[ROUNDS][1 + RAW_SIDES.size()];
                    for (int r = 0; r < ROUNDS; r++) {
                        perRound[r][0] = throughput(iterations, (c, i) -> parallel[c].getOk(searchPath(qs.get(i % qs.size()))));
                        for (int side = 0; side < RAW_SIDES.size(); side++) {
                            RawSearch search = sides.get(side);
                            perRound[r][1 + side] = idle.during(() -> throughput(iterations, (c, i) -> search.run(qs.get(i % qs.size()))));
                        }
                    }
                    rounds.put(kind, perRound);
                }
                out.accept(String.format("(the idle server used %.1f%% of one core while raw Lucene ran its latency and throughput loops)",
                        idle.percentOfOneCore()));
            } finally {
                Folders.deleteTree(ownFolder);
                Folders.deleteTree(copy);
            }
            sample = signIn(server, "bench0", PASSWORD).get("search?q=novak&limit=1").expect(200).body();
        }
        out.accept("");
        out.accept("Queries as bench0 (team 0 of 8), limit 20, one client, closed loop, " + iterations + " per kind after "
                + warmUp + " to warm up; raw: on its own index | on the copy of the server's:");
        out.accept(String.format("%-9s %12s %12s %10s | %12s %12s | %12s %12s %10s | %12s %12s %10s | %s", "kind", "HTTP p50 ms", "HTTP p99 ms",
                "HTTP q/s", "index p50 ms", "index p99 ms", "raw p50 ms", "raw p99 ms", "raw q/s", "copy p50 ms", "copy p99 ms", "copy q/s",
                "HTTP/raw q/s, own | copy"));
        for (String kind : KINDS) {
            long[] h = http.get(kind);
            long[] x = http.get(kind + "/index");
            long[] r = raw.get(kind + RAW_SIDES.get(0));
            long[] y = raw.get(kind + RAW_SIDES.get(1));
            out.accept(String.format("%-9s %12.2f %12.2f %10.0f | %12.2f %12.2f | %12.2f %12.2f %10.0f | %12.2f %12.2f %10.0f | %.2f | %.2f", kind,
                    pct(h, 50), pct(h, 99), qps(h), pct(x, 50), pct(x, 99), pct(r, 50), pct(r, 99), qps(r), pct(y, 50), pct(y, 99), qps(y),
                    qps(h) / qps(r), qps(h) / qps(y)));
        }
        long[] floor = http.get("floor");
        out.accept(String.format("%-9s %12.2f %12.2f %10.0f | (GET /api/v1/auth/me: the HTTP floor)", "floor", pct(floor, 50), pct(floor, 99),
                qps(floor)));
        out.accept("(index: the time the server's index took for the query, from its Server-Timing header)");
        out.accept("");
        out.accept("Throughput with " + CLIENTS + " clients (threads for raw) at once, " + iterations + " queries each, "
                + ROUNDS + " rounds of HTTP, raw on its own index, raw on the copy; q/s per round, and the median of the rounds' ratios:");
        out.accept(String.format("%-9s %-30s %-30s %-30s %-22s %s", "kind", "HTTP q/s", "raw q/s (own index)", "raw q/s (copy)",
                "HTTP/raw own: median", "HTTP/raw copy: median (min-max)"));
        for (String kind : KINDS) {
            double[][] perRound = rounds.get(kind);
            out.accept(String.format("%-9s %-30s %-30s %-30s %-22s %s", kind, roundFigures(perRound, 0), roundFigures(perRound, 1),
                    roundFigures(perRound, 2), medianRatio(perRound, 1), medianRatio(perRound, 2)));
        }
        out.accept("sample answer: " + sample);
        Path file = Path.of("target", "search-benchmark.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }

    /** The API path of a search for the text. */
    private static String searchPath(String text) {
        return "search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Raw Lucene's side of a query: the plan for the text as bench0, on one index, limit 20 as over HTTP. */
    private record RawSearch(SearchIndex index, QueryBuilder builder, QueryBuilder.Reach reach) {

        /** What bench0 may read, as the server searches it: the three record types of contacts. */
        private static final Set<String> TYPES = Set.of("person", "organization", "activity");

        void run(String text) throws IOException {
            index.search(builder.plan(text, TYPES, reach), SearchResource.DEFAULT_LIMIT);
        }
    }

    /**
     * What the idle server uses while raw Lucene runs in this JVM, to show that it takes no
     * share of the cores from it: wall time and the server's CPU time over every raw loop.
     */
    private static final class IdleServer {

        private final MosaicServer server;
        private long wallNanos;
        private long cpuNanos;

        IdleServer(MosaicServer server) {
            this.server = server;
        }

        <T> T during(Callable<T> rawLoop) throws Exception {
            long start = System.nanoTime();
            long cpu = cpuNanos(server);
            try {
                return rawLoop.call();
            } finally {
                wallNanos += System.nanoTime() - start;
                cpuNanos += cpuNanos(server) - cpu;
            }
        }

        double percentOfOneCore() {
            return 100.0 * cpuNanos / wallNanos;
        }
    }

    /** CPU time the server's processes have used so far (Linux: from /proc), in nanoseconds. */
    private static long cpuNanos(MosaicServer server) throws IOException {
        long ticks = 0;
        for (ProcessHandle p : server.processes()) {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** The median of the rounds' ratios of HTTP to one raw side, with the lowest and highest. */
    private static String medianRatio(double[][] perRound, int side) {
        double[] ratios = Arrays.stream(perRound).mapToDouble(r -> r[0] / r[side]).sorted().toArray();
        return String.format("%.2f (%.2f-%.2f)", ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
    }

    /**
     * Copies the files of a live index's last commit (the server is idle and has committed):
     * those files never change once written, and the commit keeps them until a newer one.
     */
    private static Path copyLastCommit(Path from, Path to) throws IOException {
        try (Directory source = FSDirectory.open(from)) {
            for (String file : SegmentInfos.readLatestCommit(source).files(true)) {
                Files.copy(from.resolve(file), to.resolve(file));
            }
        }
        return to;
    }

    private static String roundFigures(double[][] perRound, int side) {
        return Arrays.stream(perRound).map(r -> String.format("%.0f", r[side])).collect(Collectors.joining(" "));
    }

    /** Nanoseconds of each of {@code iterations} runs of the query, after {@code warmUp} runs that are not kept. */
    private static long[] measure(int warmUp, int iterations, Query query) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            query.run(i);
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            query.run(warmUp + i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    /** Nanoseconds the server says its index took (the {@code Server-Timing} header). */
    private static long serverTiming(String timing) {
        return (long) (Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4)) * 1e6);
    }

    /** Queries a second with {@link #CLIENTS} threads each running {@code each} queries (already warm). */
    private static double throughput(int each, ParallelQuery query) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                tasks.add(() -> {
                    for (int i = 0; i < each; i++) {
                        query.run(client, client + i);
                    }
                    return null;
                });
            }
            long t0 = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            return (double) CLIENTS * each / seconds(t0);
        } finally {
            pool.shutdown();
        }
    }

    @FunctionalInterface
    private interface ParallelQuery {
        void run(int client, int i) throws Exception;
    }

    @FunctionalInterface
    private interface Query {
        void run(int i) throws Exception;
    }

    private static ApiClient signIn(MosaicServer server, String username, String password) {
        return new ApiClient(server).withToken(token(server, username, password));
    }

    private static String token(MosaicServer server, String username, String password) {
        return new ApiClient(server).post("auth/login", Map.of("username", username, "password", password))
                .expect(200).json().path("token").asText();
    }

    private static void importRows(ApiClient client, List<String> rows) throws InterruptedException {
        String csv = Workload.PEOPLE_HEADER + "\n" + String.join("\n", rows) + "\n";
        String job = client.sendRaw("POST", "contacts/import?type=people", csv, "text/csv").expect(202).json().path("jobId").asText();
        while (true) {
            String state = client.get("jobs/" + job).expect(200).json().path("state").asText();
            if ("done".equals(state) || "failed".equals(state)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static long count(ApiClient admin) {
        return admin.get("contacts/people?limit=1").expect(200).json().path("total").asLong();
    }

    private static JsonNode awaitDocuments(ApiClient admin, long documents) throws InterruptedException {
        while (true) {
            JsonNode status = admin.get("search/status").expect(200).json();
            if (status.path("documents").asLong() >= documents) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode awaitReady(ApiClient admin) throws InterruptedException {
        while (true) {
            JsonNode status = admin.get("search/status").expect(200).json();
            if ("ready".equals(status.path("state").asText())) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static double qps(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }
}
