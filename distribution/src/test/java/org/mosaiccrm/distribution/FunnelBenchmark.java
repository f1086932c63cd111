package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.mosaiccrm.platform.testing.Workload;

/**
 * The funnel benchmark of issue 18 ({@code docs/bench/funnel.md}): deals over three pipelines
 * with their stage history, and order lines imported through the public CSV endpoint; then the
 * sales board and the forecast over a year in a closed loop ({@link ClosedLoop}), each beside
 * the same answer from hand-written SQL ({@link FunnelSql}) on the same database in the same
 * run, the API's answer checked equal to the SQL's (counts, amounts, cards) so that both did the
 * same work; and the orders import beside a raw JDBC batch insert of the same rows. A benchmark,
 * not a test: it measures and asserts nothing about time. Run by the {@code bench} profile only.
 *
 * <p>How the data gets in: the customers (the workload's people) and the orders through the
 * public CSV imports; the deals and their moves by JDBC straight into {@code FN_DEAL} and
 * {@code FN_STAGE_MOVE} while the server is stopped ({@link FunnelData#loadDeals}: the columns
 * the server writes, ids from {@code RecordIds}, owner and team of members of four teams, the
 * stages of pipelines made through the API), then the server is started again so that nothing
 * it cached predates them. Deals loaded so are not in the search index (search is not measured).
 *
 * <p>Properties: {@code bench.deals} (30,000), {@code bench.moves} (10 × a third of the deals
 * plus…: 100,000 by default), {@code bench.orderLines} (50,000), {@code bench.warmupLines} (0: order lines of other numbers imported first, untimed), {@code bench.customers}
 * (a fifteenth of the deals, at least 1,000), {@code bench.skus} (1,000), {@code bench.seed},
 * {@code bench.warmup} and {@code bench.seconds} (3 and 10 seconds a row), {@code bench.minRequests}
 * (5), {@code bench.timeout} (60 seconds), {@code bench.idleWait} (300 seconds at most),
 * {@code bench.serverOpts}.
 */
class FunnelBenchmark {

    private static final int TEAMS = 4;
    private static final int MEMBERS = 2;

    private final int deals = Integer.getInteger("bench.deals", 30_000);
    private final long moves = Long.getLong("bench.moves", deals * 10L / 3);
    private final int orderLines = Integer.getInteger("bench.orderLines", 50_000);
    /** Order lines of other order numbers imported first, untimed, so that the measured import meets a warmed-up server. */
    private final int warmupLines = Integer.getInteger("bench.warmupLines", 0);
    private final int customers = Integer.getInteger("bench.customers", Math.max(1_000, deals / 15));
    private final int skus = Integer.getInteger("bench.skus", 1_000);
    private final long seed = Long.getLong("bench.seed", Workload.DEFAULT_SEED);
    private final ClosedLoop loop = new ClosedLoop(Duration.ofSeconds(Long.getLong("bench.warmup", 3)),
            Duration.ofSeconds(Long.getLong("bench.seconds", 10)), Long.getLong("bench.minRequests", 5),
            Duration.ofSeconds(Long.getLong("bench.timeout", 60)));

    /** A measured row: what, its result, the load average when it ended. */
    record Row(String label, ClosedLoop.Result result, String load) {
    }

    private final Map<String, Row> api = new LinkedHashMap<>();
    private final Map<String, Row> sql = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, String> apiAnswers = new LinkedHashMap<>();
    private final Map<String, String> sqlAnswers = new LinkedHashMap<>();

    @Test
    void funnel() throws Exception {
        Files.createDirectories(Bench.OUT);
        Workload people = Workload.of(seed, Math.max(1, customers / 10), customers);
        List<String> emails = FunnelData.customerEmails(people);
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate from = today.withDayOfYear(1);
        LocalDate to = from.plusYears(1).minusDays(1);
        String db;
        double importSeconds;
        JsonNode job;
        FunnelData.RawOrders raw;
        FunnelData.Loaded loaded;
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", System.getProperty("bench.serverOpts", ""))).start()) {
            ApiClient admin = BlackBox.admin(server);
            Contacts.enable(admin);
            admin.post("modules/funnel/enable", Map.of()).expect(200);
            BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
            db = admin.get("health").expect(200).json().path("database").asText();

            List<FunnelData.Owner> owners = new ArrayList<>();
            List<BlackBox.Member> members = new ArrayList<>();
            for (int t = 0; t < TEAMS; t++) {
                String team = BlackBox.createTeam(admin);
                for (int m = 0; m < MEMBERS; m++) {
                    BlackBox.Member member = BlackBox.member(server, admin, "fb-" + t + "-" + m, team);
                    members.add(member);
                    owners.add(new FunnelData.Owner(member.id(), team));
                }
            }
            List<String> pipelineIds = new ArrayList<>();
            List<List<FunnelData.Stage>> pipelines = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                JsonNode pipeline = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Bench " + (p + 1)), "stages", List.of(
                        stage("Lead", 10, "open"), stage("Qualified", 25, "open"), stage("Proposal", 50, "open"),
                        stage("Negotiation", 75, "open"), stage("Won", 100, "won"), stage("Lost", 0, "lost")))).expect(201).json();
                pipelineIds.add(pipeline.path("id").asText());
                List<FunnelData.Stage> stages = new ArrayList<>();
                pipeline.path("stages").forEach(s -> stages.add(new FunnelData.Stage(s.path("id").asText(), s.path("probability").asInt(),
                        s.path("kind").asText())));
                pipelines.add(stages);
            }

            log("customers: %,d people (%,d organizations) through contacts/import", customers, people.organizations());
            long start = System.nanoTime();
            JsonNode customersJob = Bench.awaitJob(admin, Bench.startImport(admin, people), start, Bench.OUT.resolve("funnel.txt"));
            assertEquals("done", customersJob.path("state").asText(), customersJob.toString());
            notes.add(String.format(Locale.ROOT, "customers: %,d people imported in %.0f s (created %,d); the orders name %,d of their emails",
                    customers, (System.nanoTime() - start) / 1e9, customersJob.path("created").asLong(), emails.size()));
            Bench.awaitIdleCpu(server, Integer.getInteger("bench.idleWait", 300));

            if (warmupLines > 0) {
                // The same generator with numbers of their own (FW- rather than FB-): new orders, the same customers and SKUs.
                Path warm = FunnelData.ordersCsv(Bench.OUT.resolve("funnel-orders-warmup.csv"), seed + 1, warmupLines, emails, skus, today);
                Files.writeString(warm, Files.readString(warm).replace("\nFB-", "\nFW-"));
                log("warm-up: %,d order lines of other numbers through funnel/import?type=orders", warmupLines);
                start = System.nanoTime();
                JsonNode warmJob = importOrders(admin, warm, start);
                assertEquals("done", warmJob.path("state").asText(), warmJob.toString());
                double warmSeconds = (System.nanoTime() - start) / 1e9;
                notes.add(String.format(Locale.ROOT, "warm-up: %,d order lines of other order numbers (and the %,d SKUs) imported first, untimed, in"
                        + " %.1f s (%,.0f lines/s)", warmupLines, skus, warmSeconds, warmupLines / warmSeconds));
                Bench.awaitIdleCpu(server, Integer.getInteger("bench.idleWait", 300));
            }
            Path csv = FunnelData.ordersCsv(Bench.OUT.resolve("funnel-orders.csv"), seed, orderLines, emails, skus, today);
            log("orders: %,d lines through funnel/import?type=orders (%,d bytes)", orderLines, Files.size(csv));
            String loadBefore = Bench.load();
            start = System.nanoTime();
            job = importOrders(admin, csv, start);
            importSeconds = (System.nanoTime() - start) / 1e9;
            assertEquals("done", job.path("state").asText(), job.toString());
            notes.add(String.format(Locale.ROOT, "orders import: job %s; load average before %s, after %s", job, loadBefore, Bench.load()));
            Bench.awaitIdleCpu(server, Integer.getInteger("bench.idleWait", 300));

            server.stop();
            Bench.Database database = Bench.Database.of(server);
            try (Connection c = database.connect()) {
                notes.add("after the orders import: " + counts(c));
                FunnelData.Owner importer = importer(c);
                log("raw JDBC baseline: %,d order lines into copies of the order tables", orderLines);
                raw = FunnelData.rawOrders(c, seed, orderLines, emails, skus, today, importer);
                log("deals: %,d with %,d moves by JDBC into FN_DEAL and FN_STAGE_MOVE", deals, moves);
                LocalDateTime now = FunnelData.now();
                loaded = FunnelData.loadDeals(c, seed, deals, moves, pipelines, pipelineIds, owners, FunnelData.organizationIds(c), now);
                notes.add(String.format(Locale.ROOT, "bulk load (setup, not measured against anything): %,d deals and %,d moves in %.0f s; %s",
                        loaded.deals(), loaded.moves(), loaded.seconds(), counts(c)));
                analyze(c);
            } finally {
                database.shutdown();
            }
            server.start();
            ApiClient restarted = BlackBox.admin(server);
            double idle = Bench.awaitIdleCpu(server, Integer.getInteger("bench.idleWait", 300));
            notes.add(String.format(Locale.ROOT, "server restarted after the bulk load; CPU idle after %.0f s", idle));

            BlackBox.Member reader = members.get(0);
            FunnelSql.Reach readerReach = new FunnelSql.Reach(reader.id(), owners.get(0).teamId());
            String adminToken = BlackBox.login(server, "admin", MosaicServer.ADMIN_PASSWORD).expect(200).json().path("token").asText();
            String readerToken = BlackBox.login(server, reader.username(), BlackBox.PASSWORD).expect(200).json().path("token").asText();
            String range = "&from=" + from + "&to=" + to + "&period=month";

            for (String p : pipelineIds) {
                apiAnswers.put("board " + p, FunnelSql.board(restarted.get("funnel/board?pipelineId=" + p).expect(200).json()));
            }
            ApiClient readerClient = BlackBox.signIn(server, reader.username(), BlackBox.PASSWORD);
            apiAnswers.put("board reader", FunnelSql.board(readerClient.get("funnel/board?pipelineId=" + pipelineIds.get(0)).expect(200)
                    .json()));
            apiAnswers.put("forecast owner", FunnelSql.forecast(restarted.get("funnel/forecast?pipelineId=" + pipelineIds.get(0) + range
                    + "&groupBy=owner").expect(200).json()));
            apiAnswers.put("forecast stage", FunnelSql.forecast(restarted.get("funnel/forecast?pipelineId=" + pipelineIds.get(0) + range
                    + "&groupBy=stage").expect(200).json()));

            measure(api, "board", 1, loop.http(server, adminToken, (http, c, i) -> http.get("funnel/board?pipelineId="
                    + pipelineIds.get((int) (i % 3)))));
            measure(api, "board", 8, loop.http(server, adminToken, (http, c, i) -> http.get("funnel/board?pipelineId="
                    + pipelineIds.get((int) ((i + c) % 3)))));
            measure(api, "board (team member)", 1, loop.http(server, readerToken, (http, c, i) -> http.get("funnel/board?pipelineId="
                    + pipelineIds.get((int) (i % 3)))));
            measure(api, "forecast groupBy=owner", 1, loop.http(server, adminToken, (http, c, i) -> http.get("funnel/forecast?pipelineId="
                    + pipelineIds.get((int) (i % 3)) + range + "&groupBy=owner")));
            measure(api, "forecast groupBy=stage", 1, loop.http(server, adminToken, (http, c, i) -> http.get("funnel/forecast?pipelineId="
                    + pipelineIds.get((int) (i % 3)) + range + "&groupBy=stage")));
            measure(api, "forecast groupBy=owner (team member)", 1, loop.http(server, readerToken, (http, c, i) -> http.get(
                    "funnel/forecast?pipelineId=" + pipelineIds.get((int) (i % 3)) + range + "&groupBy=owner")));

            if (!database.derby()) {
                // PostgreSQL: beside the running (idle) server, as a client of the same database.
                handSql(database, pipelineIds, readerReach, from, to);
            }
            server.stop();
            if (database.derby()) {
                // Embedded Derby: only one JVM may open it, so after the server has stopped.
                try {
                    handSql(database, pipelineIds, readerReach, from, to);
                } finally {
                    database.shutdown();
                }
            }
        }
        String text = report(db, importSeconds, job, raw, loaded);
        System.out.println(text);
        Files.writeString(Bench.OUT.resolve("funnel.txt"), text);
        for (String k : apiAnswers.keySet()) {
            assertEquals(sqlAnswers.get(k), apiAnswers.get(k), "the API's " + k + " is the hand-written SQL's");
        }
    }

    private void handSql(Bench.Database database, List<String> pipelineIds, FunnelSql.Reach reader, LocalDate from, LocalDate to)
            throws Exception {
        try (Connection c = database.connect()) {
            for (String p : pipelineIds) {
                sqlAnswers.put("board " + p, FunnelSql.board(c, p, FunnelSql.Reach.ALL));
            }
            sqlAnswers.put("board reader", FunnelSql.board(c, pipelineIds.get(0), reader));
            sqlAnswers.put("forecast owner", FunnelSql.forecast(c, pipelineIds.get(0), from, to, "OWNER_ID", FunnelSql.Reach.ALL));
            sqlAnswers.put("forecast stage", FunnelSql.forecast(c, pipelineIds.get(0), from, to, "STAGE_ID", FunnelSql.Reach.ALL));
        }
        int[] turn = new int[1];
        measure(sql, "board", 1, FunnelSql.workers(database, c -> FunnelSql.board(c, pipelineIds.get(turn[0]++ % 3), FunnelSql.Reach.ALL)));
        measure(sql, "board", 8, client -> {
            int[] own = {client};
            return FunnelSql.workers(database, c -> FunnelSql.board(c, pipelineIds.get(own[0]++ % 3), FunnelSql.Reach.ALL)).open(client);
        });
        measure(sql, "board (team member)", 1, FunnelSql.workers(database, c -> FunnelSql.board(c, pipelineIds.get(turn[0]++ % 3), reader)));
        measure(sql, "forecast groupBy=owner", 1, FunnelSql.workers(database, c -> FunnelSql.forecast(c, pipelineIds.get(turn[0]++ % 3),
                from, to, "OWNER_ID", FunnelSql.Reach.ALL)));
        measure(sql, "forecast groupBy=stage", 1, FunnelSql.workers(database, c -> FunnelSql.forecast(c, pipelineIds.get(turn[0]++ % 3),
                from, to, "STAGE_ID", FunnelSql.Reach.ALL)));
        measure(sql, "forecast groupBy=owner (team member)", 1, FunnelSql.workers(database, c -> FunnelSql.forecast(c,
                pipelineIds.get(turn[0]++ % 3), from, to, "OWNER_ID", reader)));
    }

    private void measure(Map<String, Row> into, String label, int clients, ClosedLoop.Workers workers) throws Exception {
        ClosedLoop.Result r = loop.run(clients, workers);
        String load = Bench.load();
        log("%-8s %-40s ×%d %,8.1f/s  p50 %8.2f ms  p99 %8.2f ms  errors %d  load %s", into == api ? "API" : "SQL", label, clients,
                r.perSecond(), r.millis(50), r.millis(99), r.errors(), load);
        if (r.firstError() != null) {
            log("first error: %s", r.firstError());
        }
        into.put(label + " ×" + clients, new Row(label, r, load));
    }

    private String report(String db, double importSeconds, JsonNode job, FunnelData.RawOrders raw, FunnelData.Loaded loaded) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "== Mosaic funnel benchmark ==%nmachine   %s%njvm       %s%ndatabase  %s%ncommit    %s%n"
                + "sizes     %,d deals over 3 pipelines, %,d stage moves, %,d order lines (%,d orders), %,d customers%n"
                + "loop      %s%n%n", Bench.machine(), Bench.jvm(), db, Bench.gitCommit(), loaded.deals(), loaded.moves(), orderLines,
                raw.orders(), customers, loop.describe()));
        out.append("| request | clients | API p50 ms | API p99 ms | API req/s | SQL p50 ms | SQL p99 ms | API p50 / SQL p50 | load (API; SQL) |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        api.forEach((k, a) -> {
            Row s = sql.get(k);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s | %s | %s; %s |%n", a.label(), a.result().clients(),
                    a.result().millis(50), a.result().millis(99), a.result().perSecond(),
                    s == null ? "n/a" : String.format(Locale.ROOT, "%.1f", s.result().millis(50)),
                    s == null ? "n/a" : String.format(Locale.ROOT, "%.1f", s.result().millis(99)),
                    s == null ? "n/a" : String.format(Locale.ROOT, "%.1f×", a.result().millis(50) / s.result().millis(50)),
                    a.load(), s == null ? "n/a" : s.load()));
        });
        double importRate = orderLines / importSeconds;
        out.append(String.format(Locale.ROOT, "%norders import  %.1f s, %,.0f lines/s (upload, parse, link customers, commit; job done):"
                + " created %,d, skipped %,d, failed %,d%nraw JDBC       %.1f s, %,.0f lines/s (%,d lines, %,d orders, %,d products,"
                + " batches of about %,d lines a commit)%nratio          import / raw JDBC = %.3f%n%n", importSeconds, importRate,
                job.path("created").asLong(), job.path("skipped").asLong(), job.path("failed").asLong(), raw.seconds(),
                raw.linesPerSecond(), raw.lines(), raw.orders(), raw.products(), RawJdbcBaseline.COMMIT_ROWS,
                importRate / raw.linesPerSecond()));
        apiAnswers.forEach((k, v) -> out.append(String.format(Locale.ROOT, "same answer  %-16s %s (%d lines)%n", k,
                v.equals(sqlAnswers.get(k)) ? "API = SQL" : "DIFFERENT", v.lines().count())));
        notes.forEach(n -> out.append("note  ").append(n).append('\n'));
        return out.toString();
    }

    /** Uploads an orders CSV and waits for its job's end. */
    private static JsonNode importOrders(ApiClient admin, Path csv, long start) throws Exception {
        var started = admin.sendStream("POST", "funnel/import?type=orders", () -> {
            try {
                return Files.newInputStream(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "text/csv", Duration.ofHours(1));
        return Bench.awaitJob(admin, started.expect(202).json().path("jobId").asText(), start, Bench.OUT.resolve("funnel.txt"));
    }

    private static Map<String, Object> stage(String name, int probability, String kind) {
        return Map.of("name", name, "probability", probability, "kind", kind);
    }

    /** Who the orders import made the orders for (the admin and their team), for the raw baseline's rows. */
    private static FunnelData.Owner importer(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT OWNER_ID, TEAM_ID FROM FN_ORDER")) {
            if (!rs.next()) {
                throw new IllegalStateException("the orders import made no order");
            }
            return new FunnelData.Owner(rs.getString(1), rs.getString(2));
        }
    }

    private static String counts(Connection c) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : List.of("CT_PERSON", "CT_ORGANIZATION", "FN_PRODUCT", "FN_ORDER", "FN_ORDER_LINE", "FN_DEAL", "FN_STAGE_MOVE")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                out.append(String.format(Locale.ROOT, "%s%s %,d", out.length() == 0 ? "" : ", ", table, rs.getLong(1)));
            }
        }
        return out.toString();
    }

    /** Fresh statistics after the bulk load, as the database's own maintenance would have them after that many rows. */
    private static void analyze(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (RawJdbcBaseline.isPostgres(c)) {
                // What autovacuum does after that many inserts, at once: statistics, and the visibility map index-only scans need.
                c.setAutoCommit(true);
                s.execute("VACUUM (ANALYZE) FN_DEAL");
                s.execute("VACUUM (ANALYZE) FN_STAGE_MOVE");
                s.execute("VACUUM (ANALYZE) FN_STAGE");
            } else {
                for (String table : List.of("FN_DEAL", "FN_STAGE_MOVE")) {
                    s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
                }
                c.commit();
            }
        }
    }

    private static void log(String format, Object... args) {
        Bench.log(format, args);
    }
}
