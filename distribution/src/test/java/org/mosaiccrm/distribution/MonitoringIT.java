package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * Watching Mosaic run (issue 22): {@code GET /api/v1/metrics} read by a strict Prometheus
 * text-format parser, who may read it, a module's metrics going with the module, the health
 * answer's parts and its 503 with the database down (PostgreSQL), forwarded headers believed
 * from a trusted proxy only, and logs rolling by size. One server: it trusts 127.0.0.2 as its
 * proxy (the tests reach it from there by binding the client's socket), so requests from
 * 127.0.0.1 come from an untrusted address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    /** What Prometheus sends. */
    private static final String SCRAPER_ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final String TRUSTED_PROXY = "127.0.0.2";

    private static MosaicServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh(Map.of("MOSAIC_TRUSTED_PROXIES", "10.0.0.0/8, " + TRUSTED_PROXY + ", 2001:db8::/32",
                "MOSAIC_LOG_MAX_SIZE", "32KB")).start();
        admin = BlackBox.admin(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static PrometheusText scrape(ApiClient client) {
        ApiResponse r = client.withHeader("Accept", SCRAPER_ACCEPT).get("metrics").expect(200);
        String type = r.contentType().toLowerCase(Locale.ROOT).replace(" ", "");
        assertTrue(type.startsWith("text/plain;") && type.contains("version=0.0.4") && type.contains("charset=utf-8"),
                "Content-Type of the text format 0.0.4: " + r.contentType());
        return PrometheusText.parse(r.body());
    }

    @Test
    @Order(1)
    void metricsAreTheTextFormatWithTheServersFigures() {
        PrometheusText m = scrape(admin);
        for (String family : List.of("mosaic_http_requests_total", "mosaic_http_request_duration_seconds", "jvm_memory_used_bytes",
                "jvm_memory_committed_bytes", "jvm_memory_max_bytes", "jvm_gc_collections_total", "jvm_gc_collection_seconds_total",
                "jvm_threads_current", "mosaic_db_pool_connections", "mosaic_db_pool_max_connections", "mosaic_jobs_scheduled",
                "mosaic_jobs_running", "mosaic_job_runs_total", "mosaic_search_index_lag", "mosaic_mail_outbox_messages")) {
            assertTrue(m.families().containsKey(family), "metrics have " + family);
            assertNotNull(m.families().get(family).help, family + " has its HELP");
        }
        assertEquals("histogram", m.families().get("mosaic_http_request_duration_seconds").type);
        assertEquals("counter", m.families().get("mosaic_http_requests_total").type);
        assertTrue(m.value("jvm_memory_used_bytes", "area", "heap") > 0);
        assertTrue(m.value("jvm_threads_current") > 0);
        assertEquals(20.0, m.value("mosaic_db_pool_max_connections"));
        double active = m.value("mosaic_db_pool_connections", "state", "active");
        double idle = m.value("mosaic_db_pool_connections", "state", "idle");
        assertTrue(active >= 0 && idle >= 0 && active + idle >= 1 && active + idle <= 20, active + " active, " + idle + " idle");
        assertTrue(m.value("mosaic_jobs_scheduled") >= 1, "the platform's own jobs (change log pruning, the outbox) are scheduled");
        assertNotNull(m.value("mosaic_mail_outbox_messages", "state", "queued"));
        assertTrue(m.value("mosaic_search_index_lag") >= 0);
        assertFalse(m.families().get("jvm_gc_collections_total").samples.isEmpty(), "one series per garbage collector");
        // Once a job has run on this node, how long its last run took (a job's first run comes within its interval).
        for (int i = 0; i < 120 && !m.families().containsKey("mosaic_job_last_run_seconds"); i++) {
            sleep(500);
            m = scrape(admin);
        }
        var durations = m.families().get("mosaic_job_last_run_seconds");
        assertNotNull(durations, "a job ran within a minute");
        assertEquals("gauge", durations.type);
        assertFalse(durations.samples.isEmpty());
    }

    @Test
    @Order(2)
    void aRequestCountsUnderItsRouteTemplateWithItsLatency() {
        String route = "/api/v1/contacts/people/{id}";
        PrometheusText before = scrape(admin);
        String missing = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            admin.get("contacts/people/" + missing).expectProblem(404);
        }
        admin.get("no-such-endpoint/" + missing).expect(404);
        String[] labels = {"route", route, "method", "GET", "status", "404"};
        String[] unmatched = {"route", "unmatched", "method", "GET", "status", "404"};
        // A request is counted as its answer completes, which may be just after the client has read
        // it: the scrape is taken again (a few seconds at most) until the last request is in.
        java.util.function.Predicate<PrometheusText> allIn = m -> count(m, "mosaic_http_requests_total", unmatched)
                - count(before, "mosaic_http_requests_total", unmatched) >= 1 && count(m, "mosaic_http_request_duration_seconds_count", labels)
                - count(before, "mosaic_http_request_duration_seconds_count", labels) >= 3;
        PrometheusText after = scrape(admin);
        for (int i = 0; i < 50 && !allIn.test(after); i++) {
            sleep(100);
            after = scrape(admin);
        }
        assertEquals(3.0, count(after, "mosaic_http_requests_total", labels) - count(before, "mosaic_http_requests_total", labels));
        assertEquals(3.0, count(after, "mosaic_http_request_duration_seconds_count", labels)
                - count(before, "mosaic_http_request_duration_seconds_count", labels));
        String[] inf = {"route", route, "method", "GET", "status", "404", "le", "+Inf"};
        assertEquals(count(after, "mosaic_http_request_duration_seconds_count", labels),
                count(after, "mosaic_http_request_duration_seconds_bucket", inf));
        assertTrue(count(after, "mosaic_http_request_duration_seconds_sum", labels) > 0);
        assertEquals(1.0, count(after, "mosaic_http_requests_total", unmatched) - count(before, "mosaic_http_requests_total", unmatched));
        assertTrue(after.samples("mosaic_http_requests_total").stream().noneMatch(s -> s.labels().get("route").contains(missing)),
                "a path's id never becomes a label");
        // The scrape itself is a route like any other.
        assertTrue(count(after, "mosaic_http_requests_total", "route", "/api/v1/metrics", "method", "GET", "status", "200") >= 1);
    }

    private static double count(PrometheusText m, String name, String... labels) {
        Double v = m.value(name, labels);
        return v == null ? 0 : v;
    }

    @Test
    @Order(3)
    void onlyARoleWithSystemMetricsReadsThem() {
        new ApiClient(server).withHeader("Accept", SCRAPER_ACCEPT).get("metrics").expectProblem(401);
        String team = BlackBox.createTeam(admin);
        BlackBox.Member plain = BlackBox.member(server, admin, "plain", team);
        JsonNode refused = plain.client().withHeader("Accept", SCRAPER_ACCEPT).get("metrics").expectProblem(403);
        assertEquals("system.metrics", refused.path("permission").asText());

        assertTrue(admin.get("permissions").expect(200).json().path("items").findValuesAsText("id").contains("system.metrics"),
                "administrators can grant it");
        String role = BlackBox.unique("monitoring");
        admin.post("roles", Map.of("name", role, "permissions", List.of("system.metrics"))).expect(201);
        String username = BlackBox.unique("prometheus");
        admin.post("users", Map.of("username", username, "password", BlackBox.PASSWORD, "roles", List.of(role), "teamId", team)).expect(201);
        ApiClient monitor = BlackBox.signIn(server, username, BlackBox.PASSWORD);
        String token = monitor.post("auth/tokens", Map.of("name", "prometheus")).expect(201).json().path("token").asText();
        PrometheusText m = scrape(new ApiClient(server).withToken(token));
        assertTrue(m.families().containsKey("jvm_memory_used_bytes"));
        // The permission lets it read metrics, nothing more.
        new ApiClient(server).withToken(token).get("users").expectProblem(403);
    }

    @Test
    @Order(4)
    void healthReportsTheDatabaseTheJobsAndTheSearchIndex() {
        JsonNode health = new ApiClient(server).get("health").expect(200).json();
        assertEquals("UP", health.path("status").asText(), health.toString());
        JsonNode parts = health.path("components");
        assertEquals("UP", parts.path("database").path("status").asText());
        assertEquals(health.path("database").asText(), parts.path("database").path("details").path("kind").asText());
        assertEquals("UP", parts.path("jobs").path("status").asText());
        assertTrue(parts.path("jobs").path("details").path("scheduled").asInt() >= 1);
        assertEquals("UP", parts.path("search").path("status").asText());
        assertTrue(parts.path("search").path("details").has("lag"));
        String text = health.toString();
        assertFalse(text.contains("jdbc:") || text.contains(server.dataFolder().toString()), "no addresses or paths: " + text);
    }

    @Test
    @Order(5)
    void aModulesMetricsAndHealthGoWithTheModule() {
        try {
            admin.post("modules/search/disable", Map.of()).expect(200);
            awaitMetrics(m -> !m.families().containsKey("mosaic_search_index_lag"));
            awaitHealth(h -> !h.path("components").has("search"));
            PrometheusText without = scrape(admin);
            assertTrue(without.families().containsKey("jvm_memory_used_bytes"), "the rest stays");
        } finally {
            admin.post("modules/search/enable", Map.of()).expect(200);
        }
        awaitMetrics(m -> m.families().containsKey("mosaic_search_index_lag"));
        awaitHealth(h -> h.path("components").has("search"));
    }

    private static void awaitMetrics(Predicate<PrometheusText> condition) {
        await(() -> condition.test(scrape(admin)), "metrics");
    }

    private static void awaitHealth(Predicate<JsonNode> condition) {
        await(() -> condition.test(new ApiClient(server).get("health").json()), "health");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not change within a minute");
            }
            sleep(250);
        }
    }

    @Test
    @Order(6)
    void forwardedHeadersAreBelievedFromTheTrustedProxyOnly() throws IOException {
        String stranger = BlackBox.unique("stranger");
        // From 127.0.0.1, not a trusted proxy: the headers are a client's claims and change nothing.
        Raw direct = Raw.send(null, server.port(), loginRequest(stranger, "203.0.113.7", "https", null));
        assertEquals(401, direct.status());
        assertEquals(List.of("127.0.0.1"), auditAddresses(stranger));
        Raw directAdmin = Raw.send(null, server.port(), loginRequest("admin", "203.0.113.7", "https", null));
        assertEquals(200, directAdmin.status());
        assertFalse(directAdmin.header("Set-Cookie").toLowerCase(Locale.ROOT).contains("secure"),
                "plain HTTP without a trusted proxy: no Secure cookie");

        // From the trusted proxy: the client's address and scheme are the ones it forwards.
        String forwarded = BlackBox.unique("forwarded");
        Raw proxied = Raw.send(TRUSTED_PROXY, server.port(), loginRequest(forwarded, "198.51.100.23, 10.1.2.3", "https", null));
        assertEquals(401, proxied.status());
        assertEquals(List.of("198.51.100.23"), auditAddresses(forwarded), "the first address that is not a trusted proxy");
        Raw proxiedAdmin = Raw.send(TRUSTED_PROXY, server.port(), loginRequest("admin", "198.51.100.23", "https", null));
        assertEquals(200, proxiedAdmin.status());
        assertTrue(proxiedAdmin.header("Set-Cookie").toLowerCase(Locale.ROOT).contains("secure"),
                "behind a TLS-terminating proxy the session cookie is Secure: " + proxiedAdmin.header("Set-Cookie"));

        // RFC 7239's Forwarded, IPv6 in brackets with a port.
        String rfc = BlackBox.unique("rfc7239");
        Raw standard = Raw.send(TRUSTED_PROXY, server.port(), loginRequest(rfc, null, null,
                "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=crm.example.com, for=10.9.8.7"));
        assertEquals(401, standard.status());
        assertEquals(List.of("2001:db8:cafe:0:0:0:0:17"), auditAddresses(rfc));
    }

    /**
     * One address trying many accounts (credential stuffing) waits after 50 failures, whatever the
     * accounts; another address does not. The address is a forwarded one, so that the test owns
     * it. On PostgreSQL the suite's classes share one database and the test servers raise the
     * limit (MosaicServer), so the default is tested where each class has a database of its own.
     */
    @Test
    @Order(7)
    void oneAddressTryingManyAccountsWaitsAfterFiftyFailures() throws IOException {
        Assumptions.assumeTrue(System.getenv("MOSAIC_TEST_DB_URL") == null, "the default limit: a database of the class's own");
        String stuffer = "192.0.2.77";
        for (int i = 0; i < 50; i++) {
            Raw r = Raw.send(TRUSTED_PROXY, server.port(), loginRequest(BlackBox.unique("stuffed"), stuffer, null, null));
            assertEquals(401, r.status(), "attempt " + i + " is checked");
        }
        Raw refused = Raw.send(TRUSTED_PROXY, server.port(), loginRequest("admin", stuffer, null, null));
        assertEquals(429, refused.status(), "the 51st attempt from the address is refused, even with the right password");
        assertTrue(Long.parseLong(refused.header("Retry-After").strip()) > 0, "it says when to try again");
        assertEquals(200, Raw.send(TRUSTED_PROXY, server.port(), loginRequest("admin", "192.0.2.78", null, null)).status(),
                "another address signs in");
        assertTrue(admin.get("audit?action=auth.login.throttled&limit=50").expect(200).json().path("items").findValuesAsText("address")
                .contains(stuffer), "the refusal is audited with the address");
    }

    private static String loginRequest(String username, String forwardedFor, String proto, String forwarded) {
        String body = ApiClient.json(Map.of("username", username, "password", "not the password " + UUID.randomUUID()
                .toString().substring(0, 4)));
        if ("admin".equals(username)) {
            body = ApiClient.json(Map.of("username", "admin", "password", MosaicServer.ADMIN_PASSWORD));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder r = new StringBuilder("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n");
        if (forwardedFor != null) {
            r.append("X-Forwarded-For: ").append(forwardedFor).append("\r\n");
        }
        if (proto != null) {
            r.append("X-Forwarded-Proto: ").append(proto).append("\r\n");
        }
        if (forwarded != null) {
            r.append("Forwarded: ").append(forwarded).append("\r\n");
        }
        return r.append("\r\n").append(body).toString();
    }

    private static List<String> auditAddresses(String username) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode e : admin.get("audit?actor=" + username + "&action=auth.login.failed").expect(200).json().path("items")) {
            addresses.add(e.path("address").asText());
        }
        return addresses;
    }

    /** One HTTP/1.1 exchange over a socket bound to a chosen local address (java.net.http cannot bind one on Java 17). */
    record Raw(int status, String head) {

        static Raw send(String localAddress, int port, String request) throws IOException {
            try (Socket socket = new Socket()) {
                if (localAddress != null) {
                    socket.bind(new InetSocketAddress(localAddress, 0));
                }
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
                return new Raw(Integer.parseInt(head.split(" ", 3)[1]), head);
            }
        }

        String header(String name) {
            StringBuilder values = new StringBuilder();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.append(line.substring(colon + 1).strip()).append('\n');
                }
            }
            return values.toString();
        }
    }

    @Test
    @Order(8)
    void logsRollOverBySize() throws IOException {
        // MOSAIC_LOG_MAX_SIZE=32KB: a start alone writes more than that.
        Path logs = server.dataFolder().resolve("log");
        await(() -> {
            try (Stream<Path> files = Files.list(logs)) {
                return files.anyMatch(f -> f.getFileName().toString().matches("karaf-\\d{4}-\\d{2}-\\d{2}-\\d+\\.log\\.gz"));
            } catch (IOException e) {
                return false;
            }
        }, "the log folder");
        assertTrue(Files.size(logs.resolve("karaf.log")) < 64 * 1024, "the current file stays near the size set");
    }

    /**
     * The database unreachable: on PostgreSQL the test's own connection closes the database to new
     * connections and ends the server's, as a failed or firewalled database server would. Embedded
     * Derby lives inside the server's process and has no such outside failure to provoke.
     */
    @Test
    @Order(9)
    void healthAnswers503WhileTheDatabaseIsUnreachable() throws Exception {
        String url = System.getenv("MOSAIC_TEST_DB_URL");
        Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "needs PostgreSQL (MOSAIC_TEST_DB_URL)");
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?", 2)[0];
        String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection c = DriverManager.getConnection(maintenance, System.getenv("MOSAIC_TEST_DB_USER"),
                System.getenv("MOSAIC_TEST_DB_PASSWORD"))) {
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    p.setString(1, database);
                    p.execute();
                }
                ApiResponse[] down = new ApiResponse[1];
                await(() -> (down[0] = new ApiClient(server).get("health")).status() == 503, "health");
                JsonNode health = down[0].json();
                assertEquals("DOWN", health.path("status").asText());
                assertEquals("DOWN", health.path("components").path("database").path("status").asText());
                assertFalse(down[0].body().contains("FATAL") || down[0].body().contains(database), "no error text: " + down[0].body());
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
                }
            }
        }
        await(() -> new ApiClient(server).get("health").status() == 200, "health");
        // The pool replaced the connections that were ended: the server works on, no restart.
        admin.get("auth/me").expect(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
