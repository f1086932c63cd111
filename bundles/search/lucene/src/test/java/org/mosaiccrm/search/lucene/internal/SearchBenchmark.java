package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;
import org.mosaiccrm.search.api.SearchDocument;

/**
 * Search benchmark over the people set (not a test; CI does not run it). In one run, on one
 * machine and the same generated data: the built distribution fed through the public CSV import
 * until searchable, an administrator's rebuild from the database, and query latency over HTTP for
 * term, prefix, fuzzy and two-word queries as a user restricted to their team, with the HTTP floor
 * (an authenticated request that does nothing) beside them; then, once the server has stopped,
 * the same analyzer, documents and queries on a bare Lucene index in this JVM (index, search with
 * the team filter, type counts and highlights, without HTTP, JSON, sessions and the database).
 *
 * <pre>
 * mvn -q install -DskipTests
 * mvn -q -pl bundles/search/lucene test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp bundles/search/lucene/target/test-classes:bundles/search/lucene/target/classes:$(cat bundles/search/lucene/target/cp.txt) \
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
        Map<String, Double> saturated = new LinkedHashMap<>();
        String[] teams = new String[Workload.TEAMS];
        String[] users = new String[Workload.USERS];
        String sample;
        try (MosaicServer server = MosaicServer.fresh().start()) {
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

            // Queries are measured once the documents the rebuild replaced are merged away, as on
            // a server that has run for a while, and so that the merge does not share the cores.
            long compactStart = System.nanoTime();
            while (admin.get("search/status").expect(200).json().path("compacting").asBoolean()) {
                Thread.sleep(200);
            }
            out.accept(String.format("HTTP  compaction after the rebuild: %.1f s more", seconds(compactStart)));

            // Signed in again: a long import may outlast the idle timeout of the first session.
            LightClient restricted = new LightClient(server, token(server, "bench0", PASSWORD));
            for (String kind : KINDS) {
                List<String> qs = QUERIES.get(kind);
                long[] inIndex = new long[warmUp + iterations];
                http.put(kind, measure(warmUp, iterations, i -> inIndex[i] = serverTiming(restricted.get("search?q="
                        + URLEncoder.encode(qs.get(i % qs.size()), StandardCharsets.UTF_8)))));
                http.put(kind + "/index", Arrays.copyOfRange(inIndex, warmUp, inIndex.length));
            }
            // The HTTP floor: an authenticated request that does next to nothing, same client and server.
            http.put("floor", measure(warmUp, iterations, i -> restricted.get("auth/me")));
            // Throughput with the machine saturated: CLIENTS clients at once, each signed in on its own.
            LightClient[] parallel = new LightClient[CLIENTS];
            for (int c = 0; c < CLIENTS; c++) {
                parallel[c] = new LightClient(server, token(server, "bench0", PASSWORD));
            }
            for (String kind : KINDS) {
                List<String> qs = QUERIES.get(kind);
                saturated.put("HTTP " + kind, throughput(iterations, (c, i) -> parallel[c].get("search?q="
                        + URLEncoder.encode(qs.get(i % qs.size()), StandardCharsets.UTF_8))));
            }
            sample = signIn(server, "bench0", PASSWORD).get("search?q=novak&limit=1").expect(200).body();
        }

        // Raw Lucene once the server has stopped, so that neither disturbs the other: the same
        // analyzer, documents (people, and the organizations the import created: one per team
        // that names it, since an import only links to organizations its user can see, owned by
        // the user whose row created it) and queries, through the same index class without HTTP,
        // JSON, sessions and the database.
        Path dir = Files.createTempDirectory("search-bench-");
        SearchAnalyzer analyzer = new SearchAnalyzer();
        QueryBuilder builder = new QueryBuilder(analyzer);
        Map<String, long[]> raw = new LinkedHashMap<>();
        try (SearchIndex index = SearchIndex.open(dir, analyzer)) {
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
                    index.put("person", new SearchDocument(Integer.toString(n), p.firstName() + " " + p.lastName(),
                            String.join("\n", p.tags()), p.emails(), p.phones(), List.of(), Map.of(), owner, team), "0");
                    if (organizations.add((long) Workload.team(u) << 32 | p.organization())) {
                        index.put("organization", new SearchDocument("o" + Workload.team(u) + "-" + p.organization(), workload.organization(p.organization()).name(),
                                "", List.of(), List.of(), List.of(), Map.of(), owner, team), "0");
                    }
                }
            }
            index.commit(Map.of(SearchIndex.SEQUENCE, "0"));
            index.refresh();
            double indexSeconds = seconds(indexStart);
            int documents = index.documents();
            out.accept(String.format("Raw   Lucene IndexWriter, same analyzer and documents: %d in %.1f s = %.0f docs/s",
                    documents, indexSeconds, documents / indexSeconds));
            QueryBuilder.Reach reach = new QueryBuilder.Reach(users[0], teams[0]);
            Set<String> types = Set.of("person", "organization");
            for (String kind : KINDS) {
                List<String> qs = QUERIES.get(kind);
                raw.put(kind, measure(warmUp, iterations, i -> index.search(builder.plan(qs.get(i % qs.size()), types, reach), 20)));
            }
            for (String kind : KINDS) {
                List<String> qs = QUERIES.get(kind);
                saturated.put("raw " + kind, throughput(iterations, (c, i) -> index.search(builder.plan(qs.get(i % qs.size()), types, reach), 20)));
            }
        }
        out.accept("");
        out.accept("Queries as bench0 (team 0 of 8), limit 20, one client, closed loop, " + iterations + " per kind after "
                + warmUp + " to warm up:");
        out.accept(String.format("%-9s %12s %12s %10s | %12s %12s | %12s %12s %10s | %s", "kind", "HTTP p50 ms", "HTTP p99 ms", "HTTP q/s",
                "index p50 ms", "index p99 ms", "raw p50 ms", "raw p99 ms", "raw q/s", "HTTP/raw q/s"));
        for (String kind : KINDS) {
            long[] h = http.get(kind);
            long[] x = http.get(kind + "/index");
            long[] r = raw.get(kind);
            out.accept(String.format("%-9s %12.2f %12.2f %10.0f | %12.2f %12.2f | %12.2f %12.2f %10.0f | %.2f", kind, pct(h, 50), pct(h, 99),
                    qps(h), pct(x, 50), pct(x, 99), pct(r, 50), pct(r, 99), qps(r), qps(h) / qps(r)));
        }
        long[] floor = http.get("floor");
        out.accept(String.format("%-9s %12.2f %12.2f %10.0f | (GET /api/v1/auth/me: the HTTP floor)", "floor", pct(floor, 50), pct(floor, 99),
                qps(floor)));
        out.accept("(index: the time the server's index took for the query, from its Server-Timing header)");
        out.accept("");
        out.accept("Throughput with " + CLIENTS + " clients (threads for raw) at once, " + iterations + " queries each:");
        out.accept(String.format("%-9s %10s %10s %s", "kind", "HTTP q/s", "raw q/s", "HTTP/raw"));
        for (String kind : KINDS) {
            double h = saturated.get("HTTP " + kind);
            double r = saturated.get("raw " + kind);
            out.accept(String.format("%-9s %10.0f %10.0f %.2f", kind, h, r, h / r));
        }
        out.accept("sample answer: " + sample);
        Path file = Path.of("target", "search-benchmark.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
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

    /**
     * The client of the timed loops: the JDK's blocking HttpURLConnection, which keeps
     * connections alive and costs a few tens of microseconds a request. The asynchronous
     * java.net.http client of the tests costs several hundred, on the same two cores as the
     * server, and so measured itself as much as the server.
     */
    private record LightClient(MosaicServer server, String token) {

        /** GETs an API path, reads the whole answer, insists on 200; returns the Server-Timing header (or null). */
        String get(String path) throws IOException {
            HttpURLConnection c = (HttpURLConnection) server.uri("/api/v1/" + path).toURL().openConnection();
            c.setRequestProperty("Authorization", "Bearer " + token);
            c.setRequestProperty("Accept", "application/json");
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                byte[] body = in == null ? new byte[0] : in.readAllBytes();
                if (status != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
                }
            }
            return c.getHeaderField("Server-Timing");
        }
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
