package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The web shell over HTTP, without a browser: the page and its headers, the files it serves
 * (and refuses), what {@code /api/v1/ui} tells whom, settings and preferences, the system
 * endpoint and the upload of module archives.
 */
class ShellIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static ApiClient user;
    private static String adminToken;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        adminToken = BlackBox.login(server, "admin", MosaicServer.ADMIN_PASSWORD).expect(200).json().path("token").asText();
        admin = new ApiClient(server).withToken(adminToken);
        String team = BlackBox.createTeam(admin);
        String name = BlackBox.unique("clerk");
        BlackBox.createUser(admin, name, team);
        user = BlackBox.signIn(server, name, BlackBox.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theShellPageIsServedForEveryRouteWithItsOwnPolicy() throws Exception {
        for (String path : List.of("/", "/admin/modules", "/greetings")) {
            HttpResponse<String> page = get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("/ui/shell/shell.js"));
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        }
        // The API keeps its own answers, the shell does not swallow them.
        assertEquals(200, get("/api/v1/health").statusCode());
        assertTrue(get("/api/v1/nothing-here").headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void filesComeFromTheirBundlesAndNothingElseIsServed() throws Exception {
        HttpResponse<String> lit = get("/ui/lib/lit-html/lit-html.js");
        assertEquals(200, lit.statusCode());
        assertTrue(lit.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(200, get("/ui/shell/shell.js").statusCode());
        assertEquals(200, get("/ui/modules/console/console.js").statusCode());
        assertEquals(200, get("/ui/themes/dark/theme.css").statusCode());
        assertEquals(200, get("/ui/themes/light/logo.svg").statusCode());
        for (String path : List.of("/ui/lib/lit-html/directives/unsafe-html.js", "/ui/modules/console/../../META-INF/MANIFEST.MF",
                "/ui/modules/console/%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "/ui/modules/console/messages.properties",
                "/ui/modules/nobody/x.js", "/ui/shell/index.html.bak", "/ui/themes/dark/../../OSGI-INF/x.xml")) {
            int status = get(path).statusCode();
            assertTrue(status == 404 || status == 400, path + " answered " + status);
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.uri("/admin")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void uiTellsEachUserWhatTheyMaySee() {
        JsonNode anonymous = new ApiClient(server).get("ui").expect(200).json();
        assertTrue(anonymous.path("user").isNull());
        assertEquals(0, anonymous.path("menu").size());
        assertEquals(5, anonymous.path("languages").size());
        assertTrue(anonymous.path("themes").toString().contains("\"dark\""));

        JsonNode forAdmin = admin.get("ui").expect(200).json();
        assertTrue(forAdmin.path("user").path("admin").asBoolean());
        assertTrue(forAdmin.path("menu").toString().contains("/admin"));
        assertTrue(forAdmin.path("contributions").toString().contains("/ui/modules/console/console.js"));

        JsonNode forUser = user.get("ui").expect(200).json();
        assertFalse(forUser.path("menu").toString().contains("/admin"), "only administrators see the console");
        assertFalse(forUser.path("contributions").toString().contains("console"));
        assertTrue(forUser.path("menu").toString().contains("\"/\""), "everyone has the start page");

        JsonNode spanish = new ApiClient(server).get("ui/messages?lang=es").expect(200).json();
        assertEquals("es", spanish.path("language").asText());
        assertEquals("Iniciar sesión", spanish.path("messages").path("signin.title").asText());
        assertEquals("Oscuro", spanish.path("messages").path("theme.dark").asText());
        assertEquals("en", new ApiClient(server).get("ui/messages?lang=xx").json().path("language").asText());
    }

    @Test
    void settingsAreValidatedVersionedAndForAdministratorsOnly() {
        JsonNode settings = admin.get("settings").expect(200).json();
        long version = settings.path("version").asLong();
        user.patch("settings", Map.of()).expect(405);
        Map<String, Object> change = new HashMap<>(Map.of("companyName", "Čebašek & Co.", "defaultLanguage", "sl", "theme", "dark"));
        change.put("version", version);
        user.sendRaw("PUT", "settings", ApiClient.json(change), "application/json").expectProblem(403);

        JsonNode bad = admin.sendRaw("PUT", "settings", ApiClient.json(Map.of("companyName", "x", "defaultLanguage", "xx", "theme", "neon")),
                "application/json").expectProblem(400);
        assertTrue(bad.toString().contains("defaultLanguage") && bad.toString().contains("theme"), bad.toString());

        JsonNode saved = admin.sendRaw("PUT", "settings", ApiClient.json(change), "application/json").expect(200).json();
        assertEquals(version + 1, saved.path("version").asLong());
        assertEquals("Čebašek & Co.", new ApiClient(server).get("ui").json().path("company").path("name").asText());
        assertEquals("dark", new ApiClient(server).get("ui").json().path("company").path("theme").asText());
        admin.sendRaw("PUT", "settings", ApiClient.json(change), "application/json").expectProblem(409);
        assertTrue(admin.get("audit?action=admin.settings").json().path("total").asInt() >= 1);

        Map<String, Object> back = new HashMap<>(Map.of("companyName", "", "defaultLanguage", "en", "theme", "light"));
        back.put("version", version + 1);
        admin.sendRaw("PUT", "settings", ApiClient.json(back), "application/json").expect(200);
    }

    @Test
    void everyUserKeepsTheirOwnLanguageAndTheme() {
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("language", "ru");
        prefs.put("theme", "dark");
        user.sendRaw("PUT", "preferences", ApiClient.json(prefs), "application/json").expect(200);
        JsonNode me = user.get("ui").json().path("user");
        assertEquals("ru", me.path("language").asText());
        assertEquals("dark", me.path("theme").asText());
        assertTrue(admin.get("ui").json().path("user").path("language").isNull(), "preferences are per user");
        prefs.put("language", "klingon");
        user.sendRaw("PUT", "preferences", ApiClient.json(prefs), "application/json").expectProblem(400);
        new ApiClient(server).sendRaw("PUT", "preferences", ApiClient.json(Map.of()), "application/json").expectProblem(401);
    }

    @Test
    void systemInformationIsForAdministrators() {
        JsonNode system = admin.get("system").expect(200).json();
        assertTrue(system.path("heap").path("usedBytes").asLong() > 0);
        assertTrue(system.path("uptimeSeconds").asLong() >= 0);
        assertNotNull(system.path("database").asText(null));
        user.get("system").expectProblem(403);
    }

    @Test
    void moduleArchivesAreCheckedThenInstalled() throws Exception {
        assertEquals(400, upload("notes.txt", "hello".getBytes()).statusCode());
        HttpResponse<String> notZip = upload("fake.kar", "definitely not a zip".getBytes());
        assertEquals(400, notZip.statusCode());
        assertTrue(notZip.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        Path folder = Files.createTempDirectory("kar-");
        byte[] kar = Files.readAllBytes(GreetingsKar.write(folder));
        assertEquals(403, upload(GreetingsKar.FILE_NAME, kar, user).statusCode());
        HttpResponse<String> installed = upload(GreetingsKar.FILE_NAME, kar);
        assertEquals(201, installed.statusCode(), installed.body());
        assertTrue(installed.body().contains("greetings"), installed.body());

        JsonNode greetings = admin.get("modules/greetings").expect(200).json();
        assertEquals("disabled", greetings.path("state").asText(), "install=\"manual\" features arrive disabled");
        assertEquals("notes", greetings.path("requires").path(0).asText());
        assertFalse(admin.get("ui").json().path("menu").toString().contains("/greetings"));

        // Enabled: its page, script and messages join the shell; its requirement comes along.
        admin.post("modules/greetings/enable", Map.of()).expect(200);
        assertEquals("enabled", admin.get("modules/notes").json().path("state").asText());
        BlackBox.await(() -> admin.get("ui").json().path("menu").toString().contains("/greetings")
                ? new ApiResponse(200, null, "") : new ApiResponse(404, null, ""), 200);
        assertEquals(200, get("/ui/modules/greetings/greetings.js").statusCode());
        assertEquals("Saludos", admin.get("ui/messages?lang=es").json().path("messages").path("greetings.menu").asText());
        assertTrue(admin.post("modules/notes/disable", Map.of()).expectProblem(409).path("detail").asText().contains("greetings"));

        // Disabled: everything it contributed goes away at once.
        admin.post("modules/greetings/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("ui").json().path("menu").toString().contains("/greetings")
                ? new ApiResponse(404, null, "") : new ApiResponse(200, null, ""), 200);
        assertEquals(404, get("/ui/modules/greetings/greetings.js").statusCode());
        admin.post("modules/notes/disable", Map.of()).expect(200);
        assertTrue(admin.get("audit?action=admin.module.archive").json().path("total").asInt() >= 1);
    }

    private static HttpResponse<String> upload(String fileName, byte[] body) throws IOException, InterruptedException {
        return upload(fileName, body, null);
    }

    private static HttpResponse<String> upload(String fileName, byte[] body, ApiClient as) throws IOException, InterruptedException {
        String token = as == null ? adminToken : null;
        if (as != null) {
            token = userToken();
        }
        return HTTP.send(HttpRequest.newBuilder(server.uri("/api/v1/modules/archives?filename=" + fileName))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String userToken() {
        String name = BlackBox.unique("uploader");
        BlackBox.createUser(admin, name, BlackBox.createTeam(admin));
        return BlackBox.login(server, name, BlackBox.PASSWORD).expect(200).json().path("token").asText();
    }
}
