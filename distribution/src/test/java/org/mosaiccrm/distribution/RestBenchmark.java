package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The REST benchmark of issue 15 ({@code bench/WORKLOAD.md}): the workload's people imported
 * through the public CSV endpoint by members of the workload's eight teams (each team's share of
 * the rows, so that a restricted user's lists carry the owner/team rule over realistic data); once
 * the server is quiet, every request of the table in a closed loop (see
 * {@link ClosedLoop}) with the admin's bearer token, then the same lists as a restricted user
 * (a member of one team); each row beside the floor that bounds it, measured in the same run: the
 * shell's static page for HTTP, raw JDBC ({@link RawJdbcFloors}) for the database. A benchmark,
 * not a test: it measures and asserts nothing about time. Run by the {@code bench} profile only;
 * see {@code docs/bench/rest.md}.
 *
 * <p>Properties: {@code bench.people} (100,000), {@code bench.organizations} (a tenth of the
 * people), {@code bench.seed}, {@code bench.warmup} and {@code bench.seconds} (5 and 10 seconds a
 * row), {@code bench.minRequests} (5: a row slower than its period runs on until it has measured
 * that many), {@code bench.deepPages} (50 {@code next} cursors followed to the deep page),
 * {@code bench.idPool} (1,000 ids of imported people for the reads by id), {@code bench.q}
 * (novak) and {@code bench.tag} (vip: the third most frequent tag of the workload; the issue's
 * "t3" is no tag of it), {@code bench.restrictedTeam} (2: the workload's third team, about a ninth
 * of the rows), {@code bench.timeout} (60 seconds: a request not answered by then is an error),
 * {@code bench.idleWait} (at most 600 seconds waiting for the server's CPU to go idle before
 * measuring), {@code bench.serverOpts} (the server JVM's extra options).
 */
class RestBenchmark {

    private static final int PAGE = RawJdbcFloors.PAGE;
    private static final String LIST = "contacts/people?limit=" + PAGE;

    /** One measured request: what it is, what it measured, and the floors (keys of {@link Floors}) that bound it. */
    record Row(String label, ClosedLoop.Result result, List<String> floors) {
    }

    /** A floor as measured, or why it could not be (the build lacks the columns its query needs). */
    record Floor(String label, ClosedLoop.Result result, String missing) {
    }

    /** Where the floors' figures are once measured; a key names a floor row of the table. */
    static final class Floors {
        final Map<String, Floor> measured = new LinkedHashMap<>();
        /** Raw JDBC floors still to measure: query name and clients, by key. */
        final Map<String, Map.Entry<String, Integer>> rawJdbc = new LinkedHashMap<>();

        String jdbc(String query, int clients) {
            String key = "jdbc " + query + " ×" + clients;
            rawJdbc.putIfAbsent(key, Map.entry(query, clients));
            return key;
        }
    }

    private final int people = Integer.getInteger("bench.people", 100_000);
    private final int organizations = Integer.getInteger("bench.organizations", Math.max(1, people / 10));
    private final Workload workload = Workload.of(Long.getLong("bench.seed", Workload.DEFAULT_SEED), organizations, people);
    private final ClosedLoop loop = new ClosedLoop(Duration.ofSeconds(Long.getLong("bench.warmup", 5)),
            Duration.ofSeconds(Long.getLong("bench.seconds", 10)), Long.getLong("bench.minRequests", 5),
            Duration.ofSeconds(Long.getLong("bench.timeout", 60)));
    private final int deepPages = Integer.getInteger("bench.deepPages", 50);
    private final int idPool = Integer.getInteger("bench.idPool", 1_000);
    private final String q = System.getProperty("bench.q", "novak");
    private final String tag = System.getProperty("bench.tag", "vip");
    private final int restrictedTeam = Integer.getInteger("bench.restrictedTeam", 2);

    /** People the import created: the search index and the audit must hold as many before measuring. */
    private long created;
    private final List<Row> rows = new ArrayList<>();
    private final Floors floors = new Floors();
    private final List<String> notes = new ArrayList<>();

    @Test
    void rest() throws Exception {
        Files.createDirectories(Bench.OUT);
        String db;
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", System.getProperty("bench.serverOpts", ""))).start()) {
            ApiClient admin = BlackBox.admin(server);
            Contacts.enable(admin);
            db = admin.get("health").expect(200).json().path("database").asText();
            long before = BlackBox.total(admin, LIST);
            if (before > 0) {
                notes.add(String.format(Locale.ROOT, "the database held %,d people before the import (a shared PostgreSQL?)", before));
            }

            List<String> teams = importAsTeams(server, admin);
            BlackBox.Member reader = BlackBox.member(server, admin, "bench-reader", teams.get(restrictedTeam));
            awaitQuiet(server, admin);
            describeData(admin, reader);
            List<String> ids = idPool(admin);

            String adminToken = BlackBox.login(server, "admin", MosaicServer.ADMIN_PASSWORD).expect(200).json().path("token").asText();
            measureAdmin(server, admin, adminToken, ids);
            String readerToken = BlackBox.login(server, reader.username(), BlackBox.PASSWORD).expect(200).json().path("token").asText();
            measureLists(server, reader.client(), readerToken, "[restricted] ", "team.");
            // Last: creates change the data the reads above ran over.
            measureCreates(server, adminToken);

            RawJdbcFloors.Params params = new RawJdbcFloors.Params(q, tag, reader.id(), teams.get(restrictedTeam), ids,
                    deepPages * PAGE - 1);
            Bench.Database database = Bench.Database.of(server);
            if (!database.derby()) {
                // PostgreSQL: beside the running (idle) server, as a client of the same database.
                measureJdbcFloors(database, params);
            }
            server.stop();
            if (database.derby()) {
                // Embedded Derby: only one JVM may open it, so after the server has stopped.
                try {
                    measureJdbcFloors(database, params);
                } finally {
                    database.shutdown();
                }
            }
        }
        RestReport report = new RestReport(rows, floors.measured, notes);
        String heading = String.format(Locale.ROOT, "%s, %,d people, %s", db, people, Bench.machine());
        String text = report.text(db, people, loop);
        System.out.println(text);
        Files.writeString(Bench.OUT.resolve("rest.txt"), text);
        String markdown = report.markdown(heading, db, people, loop);
        System.out.println(markdown);
        Files.writeString(Bench.OUT.resolve("rest.md"), markdown);
    }

    /**
     * The workload's people, each team's share imported by a member of that team, so that they
     * own it as the workload says (the CSV has no owner column). One job at a time: the import
     * worker runs them one after the other anyway.
     */
    private List<String> importAsTeams(MosaicServer server, ApiClient admin) throws Exception {
        log("importing %,d people (%,d organizations, seed %d) as members of %d teams", people, organizations, workload.seed(),
                Workload.TEAMS);
        List<String> teams = new ArrayList<>();
        long created = 0;
        long updated = 0;
        long skipped = 0;
        long failed = 0;
        long start = System.nanoTime();
        for (int t = 0; t < Workload.TEAMS; t++) {
            int team = t;
            String teamId = BlackBox.createTeam(admin);
            teams.add(teamId);
            BlackBox.Member importer = BlackBox.member(server, admin, "bench-import" + t, teamId);
            long teamStart = System.nanoTime();
            String job = Bench.startImport(importer.client(), () -> workload.peopleCsv(i -> Workload.team(workload.owner(i)) == team));
            JsonNode done = Bench.awaitJob(importer.client(), job, teamStart, Bench.OUT.resolve("rest.txt"));
            assertEquals("done", done.path("state").asText(), done.toString());
            created += done.path("created").asLong();
            updated += done.path("updated").asLong();
            skipped += done.path("skipped").asLong();
            failed += done.path("failed").asLong();
            log("team %d: %,d people created in %.1f s", t, done.path("created").asLong(), (System.nanoTime() - teamStart) / 1e9);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        notes.add(String.format(Locale.ROOT, "import: %,d people in %.0f s (%,.0f rows/s) by %d members of %d teams: created %,d, updated %,d,"
                + " skipped %,d, failed %,d (near-duplicates are matched within a team's share only)", people, seconds, people / seconds,
                Workload.TEAMS, Workload.TEAMS, created, updated, skipped, failed));
        this.created = created;
        return teams;
    }

    /** Until the search index holds every created person, the audit has caught up, and the server's CPU is idle. */
    private void awaitQuiet(MosaicServer server, ApiClient admin) throws Exception {
        long start = System.nanoTime();
        double searchable = Bench.awaitSearchable(admin, created, start);
        // A merge or compaction after the indexing takes the cores from the requests.
        for (var status = admin.get("search/status"); status.status() == 200 && status.json().path("compacting").asBoolean();
                status = admin.get("search/status")) {
            Thread.sleep(500);
        }
        String audited = Bench.awaitAudited(admin, created, start);
        double idle = Bench.awaitIdleCpu(server, Integer.getInteger("bench.idleWait", 600));
        notes.add(String.format(Locale.ROOT, "quiet: searchable %s after the import; %s; server CPU idle after %.0f s",
                searchable < 0 ? "n/a (no search module)" : String.format(Locale.ROOT, "%.0f s", searchable), audited, idle));
    }

    /** What the lists hold, as the API counts them, so that each row's work is known. */
    private void describeData(ApiClient admin, BlackBox.Member reader) {
        notes.add(String.format(Locale.ROOT, "people: admin sees %,d; the restricted user (team %d of %d, owning none) sees %,d",
                BlackBox.total(admin, LIST), restrictedTeam, Workload.TEAMS, BlackBox.total(reader.client(), LIST)));
        notes.add(String.format(Locale.ROOT, "filters: q=%s matches %,d people, tag=%s %,d (admin); restricted: %,d and %,d", q,
                BlackBox.total(admin, LIST + "&q=" + encode(q)), tag, BlackBox.total(admin, LIST + "&tag=" + encode(tag)),
                BlackBox.total(reader.client(), LIST + "&q=" + encode(q)), BlackBox.total(reader.client(), LIST + "&tag=" + encode(tag))));
    }

    /**
     * Ids of imported people spread over the whole set, for the reads by id: the people whose
     * emails hold a random number (every generated email carries its row's index), sorted by name,
     * so that neither the first nor the newest rows are favoured.
     */
    private List<String> idPool(ApiClient admin) {
        int digits = Math.max(2, (int) Math.round(Math.log10(Math.max(1, people))) - 2);
        Random random = new Random(workload.seed());
        Set<String> ids = new LinkedHashSet<>();
        long start = System.nanoTime();
        for (int attempt = 0; attempt < 200 && ids.size() < idPool; attempt++) {
            String number = String.format(Locale.ROOT, "%0" + digits + "d", random.nextInt((int) Math.pow(10, digits)));
            for (JsonNode p : admin.get("contacts/people?sort=lastName&limit=100&q=" + number).expect(200).json().path("items")) {
                ids.add(p.path("id").asText());
            }
        }
        log("%,d ids of imported people in %.1f s", ids.size(), (System.nanoTime() - start) / 1e9);
        if (ids.isEmpty()) {
            throw new IllegalStateException("no imported people found for the reads by id");
        }
        return List.copyOf(ids).subList(0, Math.min(ids.size(), idPool));
    }

    private void measureAdmin(MosaicServer server, ApiClient admin, String token, List<String> ids) throws Exception {
        String staticAt8 = "static ×8";
        String staticAt32 = "static ×32";
        measure("GET /contacts/people?sort=lastName&limit=" + PAGE, 1, server, token, LIST + "&sort=lastName", floors.jdbc("lastName", 1));
        measure("GET /contacts/people?sort=lastName&limit=" + PAGE, 8, server, token, LIST + "&sort=lastName", staticAt8);
        measureLists(server, admin, token, "", "");
        row("GET /contacts/people/{id}", 1, loop.http(server, token, (http, c, i) -> http.get("contacts/people/" + any(ids))),
                floors.jdbc("byId", 1));
        row("GET /contacts/people/{id}", 32, loop.http(server, token, (http, c, i) -> http.get("contacts/people/" + any(ids))),
                floors.jdbc("byId", 32), staticAt32);
        measure("GET /health", 32, server, token, "health", staticAt32);
        measure("GET /auth/me", 32, server, token, "auth/me", staticAt32);
        // The shell's page at / (index.html from its bundle): the cheapest answer the server gives, the HTTP floor.
        floors.measured.put(staticAt8, new Floor("static page GET /", measure("GET / (the shell's static page)", 8, server, token, "/"), null));
        floors.measured.put(staticAt32, new Floor("static page GET /", measure("GET / (the shell's static page)", 32, server, token, "/"),
                null));
    }

    /** The list rows after the first: other sorts, no sort, q, tag and the deep page, 1 client each. */
    private void measureLists(MosaicServer server, ApiClient client, String token, String prefix, String floorPrefix) throws Exception {
        if (!prefix.isEmpty()) {
            measure(prefix + "GET /contacts/people?sort=lastName&limit=" + PAGE, 1, server, token, LIST + "&sort=lastName",
                    floors.jdbc(floorPrefix + "lastName", 1));
        }
        measure(prefix + "GET /contacts/people?sort=-updatedAt&limit=" + PAGE, 1, server, token, LIST + "&sort=-updatedAt",
                floors.jdbc(floorPrefix + "-updatedAt", 1));
        measure(prefix + "GET /contacts/people?limit=" + PAGE + " (no sort)", 1, server, token, LIST, floors.jdbc(floorPrefix + "default", 1));
        measure(prefix + "GET /contacts/people?q=" + q + "&limit=" + PAGE, 1, server, token, LIST + "&q=" + encode(q),
                floors.jdbc(floorPrefix + "q", 1));
        measure(prefix + "GET /contacts/people?tag=" + tag + "&limit=" + PAGE, 1, server, token, LIST + "&tag=" + encode(tag),
                floors.jdbc(floorPrefix + "tag", 1));
        String deep = deepPage(client, prefix);
        measure(prefix + "GET /contacts/people?sort=lastName&limit=" + PAGE + "&cursor=… (page " + (deepPages + 1) + ")", 1, server, token,
                deep, floors.jdbc(floorPrefix + "lastName.after", 1));
    }

    /** The path of the page after {@code deepPages} pages, reached by following the list's {@code next} cursors. */
    private String deepPage(ApiClient client, String prefix) {
        String first = LIST + "&sort=lastName";
        String path = first;
        long start = System.nanoTime();
        int followed = 0;
        while (followed < deepPages) {
            JsonNode page = client.get(path).expect(200).json();
            if (!page.hasNonNull("next")) {
                break;
            }
            path = first + "&cursor=" + encode(page.path("next").asText());
            followed++;
        }
        notes.add(String.format(Locale.ROOT, "%sdeep page: %d next cursors followed in %.1f s (%s)", prefix, followed,
                (System.nanoTime() - start) / 1e9, followed < deepPages ? "the list ended before page " + (deepPages + 1) : "to page "
                        + (deepPages + 1)));
        return path;
    }

    private void measureCreates(MosaicServer server, String token) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        row("POST /contacts/people (a new person each time)", 8, loop.http(server, token, (http, c, i) -> http.send("POST",
                "contacts/people", ApiClient.json(Map.of("firstName", "Bench", "lastName", "Writer " + c + "-" + i, "emails",
                        List.of(Map.of("address", "bench-" + run + "-" + c + "-" + i + "@example.com")), "tags", List.of("bench")))
                        .getBytes(StandardCharsets.UTF_8), "application/json")), "static ×8");
    }

    private ClosedLoop.Result measure(String label, int clients, MosaicServer server, String token, String path, String... floorKeys)
            throws Exception {
        return row(label, clients, loop.http(server, token, (http, c, i) -> http.get(path)), floorKeys);
    }

    private ClosedLoop.Result row(String label, int clients, ClosedLoop.Workers workers, String... floorKeys) throws Exception {
        ClosedLoop.Result r = loop.run(clients, workers);
        log("%-70s ×%-2d %,8.1f req/s  p50 %9.2f ms  p99 %9.2f ms  errors %d", label, clients, r.perSecond(), r.millis(50), r.millis(99),
                r.errors());
        rows.add(new Row(label, r, List.of(floorKeys)));
        return r;
    }

    /** Every raw JDBC floor a row named, each in the same closed loop as the rows; "n/a" with the database's message when its query cannot run. */
    private void measureJdbcFloors(Bench.Database database, RawJdbcFloors.Params params) throws Exception {
        for (Map.Entry<String, Map.Entry<String, Integer>> f : floors.rawJdbc.entrySet()) {
            String query = f.getValue().getKey();
            int clients = f.getValue().getValue();
            String label = "raw JDBC " + query;
            try {
                ClosedLoop.Result r = loop.run(clients, RawJdbcFloors.workers(database, query, params));
                log("%-70s ×%-2d %,8.1f q/s    p50 %9.3f ms  p99 %9.3f ms  errors %d", label, clients, r.perSecond(), r.millis(50),
                        r.millis(99), r.errors());
                floors.measured.put(f.getKey(), new Floor(label, r, null));
            } catch (java.sql.SQLException e) {
                log("%-70s n/a: %s", label, e.getMessage());
                floors.measured.put(f.getKey(), new Floor(label, null, e.getMessage()));
            }
        }
    }

    private static String any(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void log(String format, Object... args) {
        Bench.log(format, args);
    }
}
