package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/** What several black-box tests need: signing in, teams and users, the notes module switched on. */
final class BlackBox {

    static final String PASSWORD = "violet tram at dawn 42";
    static final List<String> NOTES_PERMISSIONS = List.of("notes.read", "notes.write", "notes.delete");

    private BlackBox() {
    }

    /** A name no other test (or earlier run on a shared PostgreSQL) has used. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs in (ApiClient.login: it tries again while the whiteboard rebuilds the application). */
    static ApiResponse login(MosaicServer server, String username, String password) {
        return ApiClient.login(server, username, password);
    }

    static ApiClient signIn(MosaicServer server, String username, String password) {
        return ApiClient.signIn(server, username, password);
    }

    static ApiClient admin(MosaicServer server) {
        return signIn(server, "admin", MosaicServer.ADMIN_PASSWORD);
    }

    /**
     * Forgets mail settings saved by an earlier test class (on PostgreSQL every class shares the
     * database, and so the one settings row): the environment's apply again. Returns their version.
     */
    static long forgetMailSettings(ApiClient admin) {
        JsonNode s = admin.get("mail/settings").expect(200).json();
        if (!"database".equals(s.path("source").asText())) {
            return s.path("version").asLong();
        }
        return admin.delete("mail/settings?version=" + s.path("version").asLong()).expect(200).json().path("version").asLong();
    }

    static String createTeam(ApiClient admin) {
        return admin.post("teams", Map.of("name", unique("team"))).expect(201).json().path("id").asText();
    }

    /** Creates a user with the role "user" in the team; returns its id. */
    static String createUser(ApiClient admin, String username, String teamId) {
        return admin.post("users", Map.of("username", username, "password", PASSWORD, "roles", List.of("user"), "teamId", teamId))
                .expect(201).json().path("id").asText();
    }

    /** Enables notes and grants its permissions to the role "user"; waits until its endpoints answer. */
    static void enableNotes(ApiClient admin) {
        admin.post("modules/notes/enable", Map.of()).expect(200);
        await(() -> admin.get("notes"), 200);
        admin.patch("roles/" + roleId(admin, "user"), Map.of("permissions", NOTES_PERMISSIONS)).expect(200);
    }

    /** Starts an import at the path (202 with the job) and waits up to three minutes for it to end; returns the final progress. */
    static JsonNode importCsv(ApiClient client, String path, String csv) throws InterruptedException {
        return awaitJob(client, client.sendRaw("POST", path, csv, "text/csv").expect(202).json().path("jobId").asText());
    }

    /** Waits up to three minutes for the job to leave "queued" and "running"; returns its final progress. */
    static JsonNode awaitJob(ApiClient client, String job) throws InterruptedException {
        for (int i = 0; i < 720; i++) {
            JsonNode progress = client.get("jobs/" + job).expect(200).json();
            String state = progress.path("state").asText();
            if (!"queued".equals(state) && !"running".equals(state)) {
                return progress;
            }
            Thread.sleep(250);
        }
        fail("the job " + job + " did not end within three minutes");
        return null;
    }

    /** Disables notes and waits until its endpoints answer 404. */
    static void disableNotes(ApiClient admin) {
        admin.post("modules/notes/disable", Map.of()).expect(200);
        await(() -> admin.get("notes"), 404);
    }

    /** The module as GET modules lists it. */
    static JsonNode module(ApiClient client, String id) {
        for (JsonNode m : client.get("modules").expect(200).json().path("items")) {
            if (id.equals(m.path("id").asText())) {
                return m;
            }
        }
        throw new AssertionError("GET modules does not list " + id);
    }

    /** The role of this name as GET roles lists it (administrators only). */
    static JsonNode role(ApiClient admin, String name) {
        for (JsonNode r : admin.get("roles").expect(200).json().path("items")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        throw new AssertionError("GET roles does not list " + name);
    }

    static String roleId(ApiClient admin, String name) {
        return role(admin, name).path("id").asText();
    }

    /** A user of the role "user", created by the administrator and signed in. */
    record Member(String id, String username, ApiClient client) {
    }

    static Member member(MosaicServer server, ApiClient admin, String prefix, String teamId) {
        String username = unique(prefix);
        String id = createUser(admin, username, teamId);
        return new Member(id, username, signIn(server, username, PASSWORD));
    }

    /** The "total" of a list: with a unique {@code q}, a count of what one test created, whatever else the database holds. */
    static long total(ApiClient client, String listPath) {
        return client.get(listPath).expect(200).json().path("total").asLong();
    }

    /** Every item of a list, following its "next" cursors. */
    static List<JsonNode> all(ApiClient client, String listPath) {
        List<JsonNode> items = new ArrayList<>();
        String separator = listPath.contains("?") ? "&" : "?";
        String next = null;
        do {
            JsonNode page = client.get(listPath + (next == null ? "" : separator + "cursor=" + next)).expect(200).json();
            page.path("items").forEach(items::add);
            next = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (next != null && items.size() < 100_000);
        return items;
    }

    static boolean anyHas(List<JsonNode> items, String field, String value) {
        return items.stream().anyMatch(i -> value.equals(i.path(field).asText()));
    }

    /** The {@code mosaic_session=…} pair of a sign-in's Set-Cookie, as a browser sends it back. */
    static String sessionCookie(ApiResponse login) {
        for (String setCookie : login.headers().allValues("Set-Cookie")) {
            if (setCookie.startsWith("mosaic_session=")) {
                return setCookie.split(";", 2)[0];
            }
        }
        throw new AssertionError("No mosaic_session cookie in " + login.headers().allValues("Set-Cookie"));
    }

    static String createNote(ApiClient client, String title) {
        return client.post("notes", Map.of("title", title, "body", "body of " + title)).expect(201).json().path("id").asText();
    }

    /** Polls until the request answers the status: module switches take effect within seconds. */
    static ApiResponse await(Supplier<ApiResponse> request, int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ApiResponse last = null;
        while (Instant.now().isBefore(deadline)) {
            last = request.get();
            if (last.status() == status) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("Expected HTTP " + status + " within 30 s, last answer: " + (last == null ? "none" : last.status() + " " + last.body()));
        return last;
    }

    /** The first item of a list once it has one (record audits are written just after the commit). */
    static JsonNode awaitFirstItem(ApiClient client, String listPath) {
        return awaitJson(() -> client.get(listPath), page -> !page.path("items").path(0).isMissingNode(), Duration.ofSeconds(30),
                "an item in " + listPath).path("items").path(0);
    }

    /**
     * GETs until a 200 answer's JSON passes the test (what a server does next, it does moments
     * later); returns that answer. Other answers are waited out too: while a module's resources
     * come or go, the whiteboard rebuilds the application and answers a plain 404 for a moment.
     */
    static JsonNode awaitJson(Supplier<ApiResponse> request, java.util.function.Predicate<JsonNode> test, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            ApiResponse r = request.get();
            last = r.status() == 200 ? r.json() : r.status() + " " + r.body();
            if (r.status() == 200 && test.test(r.json())) {
                return r.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("waited " + timeout.toSeconds() + " s for " + what + "; last answer: " + last);
        return null;
    }

    /**
     * Sends n requests at once, each from its own thread, all released together; the answers
     * in the order of their index.
     */
    static List<ApiResponse> atOnce(int n, java.util.function.IntFunction<ApiResponse> request) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ApiResponse>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                answers.add(threads.submit(() -> {
                    go.await();
                    return request.apply(index);
                }));
            }
            go.countDown();
            List<ApiResponse> out = new ArrayList<>();
            for (java.util.concurrent.Future<ApiResponse> answer : answers) {
                out.add(answer.get());
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    static boolean listContains(ApiResponse list, String id) {
        for (JsonNode item : list.json().path("items")) {
            if (id.equals(item.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
