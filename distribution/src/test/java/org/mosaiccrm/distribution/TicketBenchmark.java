package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The tickets benchmark of issue 20, on PostgreSQL: 1,000,000 tickets in 20 queues of one team,
 * 100,000 of them open with running SLA clocks. Measures the queue list ({@code GET /tickets?queueId=}
 * as an agent of the team, first page, 1 client) beside the same page read by hand-written SQL,
 * and the SLA warning job's runs over the 100,000 open tickets ({@code mosaic_job_last_run_seconds})
 * beside a hand-written query reading the same candidate rows. A benchmark, not a test.
 *
 * <p>The tickets are not made through the API (a million would take hours): one ticket is made
 * through it, and the database copies its row a million times with generated ids, numbers,
 * queues, statuses and due times, in transactions of 100,000 (the search index and the timeline
 * do not hear of them; neither is measured). Hence PostgreSQL only: the embedded Derby cannot be
 * opened beside the server. Run by the {@code bench} profile with {@code MOSAIC_TEST_DB_*} set:
 * {@code mvn -B -pl distribution verify -Pbench -Dit.test=TicketBenchmark}. Properties:
 * {@code bench.tickets}, {@code bench.openTickets}, {@code bench.queues}, {@code bench.requests}.
 */
class TicketBenchmark {

    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "tickets.read", "tickets.write");

    @Test
    void queueListAndSlaJobOverAMillionTickets() throws Exception {
        String url = System.getenv("MOSAIC_TEST_DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "the tickets benchmark copies rows inside PostgreSQL (MOSAIC_TEST_DB_URL)");
        int tickets = Integer.getInteger("bench.tickets", 1_000_000);
        int open = Integer.getInteger("bench.openTickets", 100_000);
        int queues = Integer.getInteger("bench.queues", 20);
        int requests = Integer.getInteger("bench.requests", 500);
        Files.createDirectories(Bench.OUT);
        StringBuilder report = new StringBuilder();
        // The SLA job every 5 s, so that several runs are seen in a minute.
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", "-Dmosaic.tickets.slaSeconds=5 "
                + System.getProperty("bench.serverOpts", ""))).start()) {
            ApiClient admin = BlackBox.admin(server);
            Contacts.enable(admin);
            admin.post("modules/tickets/enable", Map.of()).expect(200);
            BlackBox.await(() -> admin.get("tickets/queues"), 200);
            admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
            String team = BlackBox.createTeam(admin);
            BlackBox.Member agent = BlackBox.member(server, admin, "agent", team);
            String calendar = admin.post("tickets/calendars", Map.of("name", BlackBox.unique("Bench 24/7"), "timeZone", "UTC",
                    "hours", allDay())).expect(201).json().path("id").asText();
            admin.post("tickets/sla-policies", Map.of("name", BlackBox.unique("Bench"), "calendarId", calendar, "targets",
                    Map.of("normal", Map.of("firstResponse", 60, "nextResponse", 120, "resolution", 480)))).expect(201);
            List<String> queueIds = new ArrayList<>();
            for (int q = 0; q < queues; q++) {
                queueIds.add(admin.post("tickets/queues", Map.of("name", BlackBox.unique("Bench queue " + q), "teamId", team)).expect(201)
                        .json().path("id").asText());
            }
            String person = agent.client().post("contacts/people", Map.of("firstName", "Bench", "lastName", "Requester")).expect(201)
                    .json().path("id").asText();
            JsonNode template = agent.client().post("tickets", Map.of("subject", "Bench template", "requesterId", person,
                    "queueId", queueIds.get(0))).expect(201).json();

            Bench.Database db = Bench.Database.of(server);
            long seedStart = System.nanoTime();
            try (Connection c = db.connect()) {
                copyTicket(c, template.path("id").asText(), tickets, open, queueIds);
            }
            Bench.log("seeded %,d tickets (%,d open) in %.0f s", tickets, open, (System.nanoTime() - seedStart) / 1e9);
            Bench.awaitIdleCpu(server, 300);

            // The queue list: the first page of one queue, as the agent sees it (default sort: newest number first).
            String queue = queueIds.get(1);
            long total = agent.client().get("tickets?queueId=" + queue + "&limit=50").expect(200).json().path("total").asLong();
            long[] api = new long[requests];
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                JsonNode page = agent.client().get("tickets?queueId=" + queue + "&limit=50").expect(200).json();
                api[i] = System.nanoTime() - t0;
                assertEquals(50, page.path("items").size());
            }
            long[] sql = new long[requests];
            try (Connection c = db.connect();
                    PreparedStatement s = c.prepareStatement("SELECT * FROM TK_TICKET WHERE QUEUE_ID = ? AND TEAM_ID = ?"
                            + " ORDER BY NUMBER DESC, ID DESC LIMIT 51")) {
                s.setString(1, queue);
                s.setString(2, team);
                for (int i = 0; i < requests; i++) {
                    long t0 = System.nanoTime();
                    int rows = 0;
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            r.getString("SLA_STATE");
                            rows++;
                        }
                    }
                    sql[i] = System.nanoTime() - t0;
                    assertEquals(51, rows);
                }
            }

            // The SLA job: its runs over the open tickets, none of which owes a warning yet.
            List<Double> runs = slaRuns(admin, 6);
            // Beside it, the rows the job reads (those whose next warning time has come) and, for
            // scale, every open ticket due within four days, which the job read before it kept that time.
            java.sql.Timestamp nowTs = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
            java.sql.Timestamp horizon = java.sql.Timestamp.valueOf(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(4));
            String columns = "SELECT ID, POLICY_ID, QUEUE_ID, TEAM_ID, ASSIGNEE_ID, SLA_STATE, SLA_WARNED, FIRST_RESPONSE_DUE,"
                    + " NEXT_RESPONSE_DUE, RESOLUTION_DUE FROM TK_TICKET WHERE STATUS IN ('new', 'open') AND ";
            double[] candidates = new double[3];
            int candidateRows = readTimed(db, columns + "NEXT_WARNING_AT <= ?", candidates, nowTs);
            double[] wide = new double[3];
            int wideRows = readTimed(db, columns + "(FIRST_RESPONSE_DUE <= ? OR NEXT_RESPONSE_DUE <= ? OR RESOLUTION_DUE <= ?)", wide,
                    horizon, horizon, horizon);

            report.append(String.format(Locale.ROOT, "machine   %s%njvm       %s%ndatabase  postgresql%ncommit    %s%n%n", Bench.machine(), Bench.jvm(),
                    Bench.gitCommit()));
            report.append(String.format(Locale.ROOT, "tickets   %,d in %d queues of one team, %,d open (running SLA clocks, due within the job's horizon)%n",
                    tickets + 1, queues, open));
            report.append(String.format(Locale.ROOT, "queue list  GET /tickets?queueId=…&limit=50 as an agent, %,d requests, 1 client,"
                    + " a queue of %,d tickets: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", requests, total,
                    Bench.millis(api, 50), Bench.millis(api, 90), Bench.millis(api, 99), Bench.millis(api, 100)));
            report.append(String.format(Locale.ROOT, "  beside    the same page by hand-written SQL (JDBC, 51 rows):"
                    + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", Bench.millis(sql, 50), Bench.millis(sql, 90), Bench.millis(sql, 99), Bench.millis(sql, 100)));
            report.append(String.format(Locale.ROOT, "sla job   tickets.sla-warnings, last runs: %s s%n", runs));
            report.append(String.format(Locale.ROOT, "  beside    reading the %,d rows due for a look (NEXT_WARNING_AT) by hand-written SQL: %s s%n",
                    candidateRows, Arrays.toString(Arrays.stream(candidates).map(d -> Math.round(d * 1000) / 1000.0).toArray())));
            report.append(String.format(Locale.ROOT, "  and       reading the %,d open rows due within 4 days (what the job read before): %s s%n",
                    wideRows, Arrays.toString(Arrays.stream(wide).map(d -> Math.round(d * 1000) / 1000.0).toArray())));
        }
        Files.writeString(Bench.OUT.resolve("tickets.txt"), report.toString());
        System.out.println(report);
    }

    /**
     * Copies the template ticket's row {@code count} times inside the database: new ids and numbers,
     * the queues in turn, every {@code count / open}-th one open with its due times spread over
     * the next two days, the others closed a while ago.
     */
    private static void copyTicket(Connection c, String templateId, int count, int open, List<String> queueIds) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getColumns(null, null, "tk_ticket", null)) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        int every = Math.max(1, count / Math.max(1, open));
        StringJoiner queues = new StringJoiner("','", "ARRAY['", "']");
        queueIds.forEach(queues::add);
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        String isOpen = "(g % " + every + " = 0)";
        for (String col : columns) {
            names.add(col);
            values.add(switch (col) {
                case "id" -> "gen_random_uuid()::text";
                case "number" -> "t.number + g";
                case "subject" -> "'Bench ticket ' || g";
                case "queue_id" -> "(" + queues + ")[1 + g % " + queueIds.size() + "]";
                case "status" -> "CASE WHEN " + isOpen + " THEN 'open' ELSE 'closed' END";
                case "created_at", "updated_at" -> "t." + col + " - g * INTERVAL '1 second'";
                case "first_response_due", "resolution_due", "next_response_due", "next_warning_at" ->
                        "CASE WHEN " + isOpen + " THEN t." + col + " + (g % 2880) * INTERVAL '1 minute' ELSE NULL END";
                case "solved_at" -> "CASE WHEN " + isOpen + " THEN NULL ELSE t.created_at - g * INTERVAL '1 second' END";
                case "sla_warned" -> "NULL";
                default -> "t." + col;
            });
        }
        String insert = "INSERT INTO tk_ticket (" + names + ") SELECT " + values + " FROM tk_ticket t, generate_series(?, ?) g WHERE t.id = ?";
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement(insert)) {
            for (int from = 1; from <= count; from += 100_000) {
                s.setInt(1, from);
                s.setInt(2, Math.min(count, from + 99_999));
                s.setString(3, templateId);
                s.executeUpdate();
                c.commit();
            }
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE tk_ticket");
        }
    }

    /** Reads the query's rows {@code times.length} times, each time into {@code times} (seconds); the rows read. */
    private static int readTimed(Bench.Database db, String sql, double[] times, java.sql.Timestamp... params) throws Exception {
        int rows = 0;
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int p = 0; p < params.length; p++) {
                s.setTimestamp(p + 1, params[p]);
            }
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                rows = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        r.getString("SLA_STATE");
                        rows++;
                    }
                }
                times[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return rows;
    }

    /** The durations of the SLA job's next {@code count} runs on the server, as its metrics tell them. */
    private static List<Double> slaRuns(ApiClient admin, int count) throws InterruptedException {
        List<Double> runs = new ArrayList<>();
        double last = -1;
        long ranBefore = -1;
        for (int i = 0; i < 600 && runs.size() < count; i++) {
            PrometheusText m = PrometheusText.parse(admin.withHeader("Accept", "text/plain;version=0.0.4").get("metrics").expect(200).body());
            Double seconds = m.value("mosaic_job_last_run_seconds", "job", "tickets.sla-warnings");
            Double ran = m.value("mosaic_job_runs_total", "job", "tickets.sla-warnings", "outcome", "ok");
            long ranNow = ran == null ? -1 : ran.longValue();
            if (seconds != null && ranNow != ranBefore) {
                if (ranBefore >= 0) {
                    runs.add(Math.round(seconds * 1000) / 1000.0);
                }
                ranBefore = ranNow;
                last = seconds;
            }
            Thread.sleep(1000);
        }
        Bench.log("sla job runs: %s (last %.3f s)", runs, last);
        return runs;
    }

    private static Map<String, Object> allDay() {
        Map<String, Object> hours = new java.util.HashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            hours.put(day, List.of(Map.of("from", "00:00", "to", "00:00")));
        }
        return hours;
    }
}
