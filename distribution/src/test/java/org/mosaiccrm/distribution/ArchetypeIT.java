package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.Folders;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The module SDK as a developer uses it (docs/modules/first-module.md), one step per test, in
 * order: the archetype generates a project, Maven builds it offline from this build's local
 * repository, its .kar dropped into a running server's deploy/ folder goes live; a changed
 * build dropped again replaces it in place (new migration, same data, same on/off state); an
 * archive built for another Mosaic is refused whole; a removed archive leaves the data behind;
 * the module outlives a restart.
 * Prints the two times the SDK promises: generate → module answering, and the redeploy loop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchetypeIT {

    /** Unique per run: on the suite's shared PostgreSQL database a module's tables outlive the run. */
    private static final String ID = "sdk" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String KAR = ID + "-feature-1.0.0-SNAPSHOT.kar";

    private static MosaicServer server;
    private static ApiClient admin;
    private static Path workspace;
    private static Path repository;
    private static Path project;
    private static String recordId;
    private static String recordName;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        workspace = Files.createTempDirectory("mosaic-sdk-");
        project = workspace.resolve(ID);
        repository = ReactorRepository.create(Path.of(property("mosaic.reactor")), Path.of(property("maven.repo.local")),
                property("mosaic.version"), workspace.resolve("repository"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (workspace != null && !Boolean.getBoolean("mosaic.keepData")) {
            Folders.deleteTree(workspace);
        }
    }

    @Test
    @Order(1)
    void aGeneratedModuleAnswersInARunningMosaic() throws Exception {
        Instant start = Instant.now();
        maven(workspace, "org.apache.maven.plugins:maven-archetype-plugin:" + property("archetype.version") + ":generate",
                "-DarchetypeGroupId=org.mosaiccrm", "-DarchetypeArtifactId=mosaic-module-archetype",
                "-DarchetypeVersion=" + property("mosaic.version"), "-DgroupId=com.example", "-DartifactId=" + ID, "-DmoduleId=" + ID);
        Instant generated = Instant.now();
        maven(project, "package");
        Instant built = Instant.now();
        server.deploy(kar());
        admin.awaitStatus(ID + "/records", 200, Duration.ofSeconds(90));
        Instant answering = Instant.now();
        awaitJson(() -> admin.get("audit?action=admin.module.archive.installed&target=archive/" + KAR), page -> page.path("total").asInt() > 0,
                "the installation in the audit log");
        System.out.printf(Locale.ROOT, "SDK: archetype:generate → module answering in a running Mosaic: %.1f s (generate %.1f s, mvn package %.1f s,"
                + " deploy/ → answering %.1f s)%n", seconds(start, answering), seconds(start, generated), seconds(generated, built),
                seconds(built, answering));

        assertEquals("enabled", state(), "a dropped archive's module arrives enabled");
        recordName = BlackBox.unique("first");
        ApiResponse created = admin.post(ID + "/records", Map.of("name", recordName)).expect(201);
        recordId = created.json().path("id").asText();
        assertEquals(recordName, admin.get(ID + "/records/" + recordId).expect(200).json().path("name").asText());
        assertEquals(1, BlackBox.total(admin, ID + "/records?q=" + recordName));
        JsonNode refused = admin.post(ID + "/records", Map.of("name", " ")).expectProblem(400);
        assertEquals("name", refused.path("errors").path(0).path("field").asText());
        new ApiClient(server).get(ID + "/records").expectProblem(401);
    }

    @Test
    @Order(2)
    void itsRecordIsFoundBySearchAndItsPageIsInTheMenu() {
        JsonNode hit = awaitJson(() -> admin.get("search?q=" + recordName), page -> page.path("total").asInt() > 0, "the record in search");
        assertEquals(recordId, hit.path("items").path(0).path("id").asText());
        assertEquals(ID, hit.path("items").path(0).path("type").asText());

        JsonNode menu = admin.get("ui").expect(200).json().path("menu");
        assertTrue(anyMatch(menu, m -> ID.equals(m.path("moduleId").asText()) && ("/" + ID).equals(m.path("route").asText())), menu.toString());
        assertEquals("Zapisov še ni.", messages("sl").path(ID + ".empty").asText(), "messages come in the five languages");
    }

    @Test
    @Order(3)
    void aChangedBuildDroppedAgainIsLiveWithoutARestart() throws Exception {
        edit("src/main/resources/ui/messages.properties", ID + ".menu=" + capitalized(), ID + ".menu=Work orders");
        edit("src/main/java/com/example/" + ID + "/internal/" + capitalized() + "Module.java",
                "context.createReachIndex(TABLE + \"_REACH\", TABLE);\n        }));",
                "context.createReachIndex(TABLE + \"_REACH\", TABLE);\n        }), Migration.of(2, \"records by name\","
                        + " \"CREATE INDEX \" + TABLE + \"_NAME ON \" + TABLE + \" (NAME)\"));");
        int before = installs();
        long started = System.nanoTime();
        maven(project, "package");
        long built = System.nanoTime();
        server.deploy(kar());
        awaitJson(() -> admin.get("ui/messages?lang=en"), m -> "Work orders".equals(m.path("messages").path(ID + ".menu").asText()),
                "the changed menu label");
        long live = System.nanoTime();
        awaitJson(() -> admin.get("audit?action=admin.module.archive.installed&target=archive/" + KAR), page -> page.path("total").asInt() > before,
                "the installation in the audit log");
        System.out.printf(Locale.ROOT, "SDK: redeploy loop, mvn package → change live: %.1f s (mvn package %.1f s, deploy/ → live %.1f s)%n",
                (live - started) / 1e9, (built - started) / 1e9, (live - built) / 1e9);

        assertEquals(recordName, recordName(), "the data stays");
        assertEquals("enabled", state());
        assertTrue(logContains("Module '" + ID + "': schema migrated to version 2"), "the new migration ran");
    }

    @Test
    @Order(4)
    void aDisabledModuleStaysDisabledThroughARedeployAndKeepsItsData() throws Exception {
        admin.post("modules/" + ID + "/disable", Map.of()).expect(200);
        admin.awaitStatus(ID + "/records", 404, Duration.ofSeconds(30));
        edit("src/main/resources/ui/messages.properties", ID + ".menu=Work orders", ID + ".menu=Jobs");
        maven(project, "package");
        deployAndAwait(kar());
        assertEquals("disabled", state(), "a disabled module stays disabled");
        admin.get(ID + "/records").expectProblem(404);

        admin.post("modules/" + ID + "/enable", Map.of()).expect(200);
        assertEquals(recordName, recordName(), "the data is back");
        assertEquals("Jobs", messages("en").path(ID + ".menu").asText());
    }

    @Test
    @Order(5)
    void anArchiveBuiltForAnotherMosaicIsRefusedWhole() throws Exception {
        Path incompatible = workspace.resolve(ID + "-for-mosaic-9.kar");
        withImportRange(kar(), incompatible, "org.mosaiccrm.platform.spi", "[9.0,10)");

        byte[] bytes = Files.readAllBytes(incompatible);
        JsonNode problem = admin.sendStream("POST", "modules/archives?filename=" + incompatible.getFileName(),
                () -> new java.io.ByteArrayInputStream(bytes), "application/octet-stream", Duration.ofSeconds(120)).expectProblem(422);
        String detail = problem.path("detail").asText();
        assertTrue(detail.contains("org.mosaiccrm.platform.spi") && detail.contains("[9.0.0,10.0.0)") && detail.contains("version 1."), detail);

        server.deploy(incompatible);
        JsonNode refusal = awaitJson(() -> admin.get("audit?action=admin.module.archive.refused&target=archive/" + incompatible.getFileName()),
                page -> page.path("total").asInt() >= 2, "the refusal of the dropped archive");
        assertTrue(refusal.toString().contains("org.mosaiccrm.platform.spi"), refusal.toString());
        // Nothing of it was installed: the module still runs the build that was there.
        assertEquals("enabled", state());
        assertEquals(recordName, recordName());
        assertEquals("Jobs", messages("en").path(ID + ".menu").asText());
        server.undeploy(incompatible.getFileName().toString());
    }

    @Test
    @Order(6)
    void aRemovedArchiveTakesTheModuleButNotItsData() throws Exception {
        server.undeploy(KAR);
        admin.awaitStatus(ID + "/records", 404, Duration.ofSeconds(30));
        awaitJson(() -> admin.get("modules"), page -> !anyMatch(page.path("items"), m -> ID.equals(m.path("id").asText())), "the module gone");

        deployAndAwait(kar());
        assertEquals(recordName, recordName(), "the data outlived the removal");
    }

    @Test
    @Order(7)
    void aDeployedModuleOutlivesARestart() throws Exception {
        server.stop();
        server.start();
        admin = BlackBox.admin(server);
        admin.awaitStatus(ID + "/records/" + recordId, 200, Duration.ofSeconds(90));
        assertEquals(recordName, recordName());
        assertEquals("enabled", state());
        assertEquals("Jobs", messages("en").path(ID + ".menu").asText(), "the last build deployed is the one that runs");
        assertEquals(1, BlackBox.total(admin, ID + "/records?q=" + recordName));
    }

    /**
     * An upgrade as an operator makes it: another build of Mosaic unpacked beside this one, started
     * on the same data and deploy folder. Its build id differs, so bin/setenv clears Karaf's bundle
     * cache and every bundle is installed again. A third party's archive is not part of the new
     * build, but Karaf unpacked it into the data folder: the module comes back by itself, with its
     * data, its state and its last build, and the very same file dropped again changes nothing.
     * (Same version and build time: on the suite's shared database no later class may find a
     * newer build on record.)
     */
    @Test
    @Order(8)
    void aDeployedModuleOutlivesAnUpgrade() throws Exception {
        server.stop();
        Path next = workspace.resolve("next-build");
        Process cp = new ProcessBuilder(List.of("cp", "-a", server.home().toString(), next.toString())).inheritIO().start();
        assertEquals(0, cp.waitFor());
        Path version = next.resolve("etc/mosaic-version.properties");
        Files.writeString(version, Files.readString(version).replaceFirst("(?m)^build\\.id=(.*)$", "build.id=$1+rebuilt"));
        server = server.withHome(next);
        server.start();
        assertTrue(server.output().contains("bundle cache cleared"), "the upgrade clears the bundle cache: " + server.output());
        admin = BlackBox.admin(server);
        // Every bundle is installed again and every module the database has on is restored (on the suite's shared
        // PostgreSQL, all that earlier classes left on): the archive's module may take minutes to come back.
        admin.awaitStatus(ID + "/records/" + recordId, 200, Duration.ofSeconds(300));
        assertEquals(recordName, recordName(), "the data outlived the upgrade");
        assertEquals("enabled", state());
        assertEquals("Jobs", messages("en").path(ID + ".menu").asText(), "the last build deployed is the one that runs");

        // The operator drops the archive again, as other products' upgrade notes ask: the module stays (Karaf's own
        // deployer, if it took the file at boot before the platform's, redeploys it in place).
        server.deploy(kar());
        admin.awaitStatus(ID + "/records/" + recordId, 200, Duration.ofSeconds(120));
        assertEquals("enabled", state());
        assertEquals(recordName, recordName());
    }

    // --- helpers ---

    private static Path kar() {
        return project.resolve(ID + "-feature/target/" + KAR);
    }

    private static String capitalized() {
        return Character.toUpperCase(ID.charAt(0)) + ID.substring(1);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " must be set (distribution/pom.xml passes it to failsafe)");
        }
        return value;
    }

    /** Maven as a developer runs it, offline: this build's local repository, with the Mosaic artifacts this reactor built. */
    private static void maven(Path folder, String... args) throws IOException, InterruptedException {
        String home = System.getProperty("maven.home");
        List<String> command = new ArrayList<>(List.of(home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString(),
                "-B", "-q", "-o", "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(String.join(" ", command) + " failed in " + folder + ":\n" + output);
        }
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path path = project.resolve(ID + "-impl").resolve(file);
        String text = Files.readString(path, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), path + " has no «" + from + "»:\n" + text);
        Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The module's messages in the language (waiting out a whiteboard rebuild: see BlackBox.awaitJson). */
    private static JsonNode messages(String language) {
        return awaitJson(() -> admin.get("ui/messages?lang=" + language), m -> true, "the messages").path("messages");
    }

    /** The module's state in the module list, or "absent". */
    private static String state() {
        JsonNode page = awaitJson(() -> admin.get("modules"), m -> true, "the module list");
        for (JsonNode m : page.path("items")) {
            if (ID.equals(m.path("id").asText())) {
                return m.path("state").asText();
            }
        }
        return "absent";
    }

    /** The record's name, once the module answers for it. */
    private static String recordName() {
        return admin.awaitStatus(ID + "/records/" + recordId, 200, Duration.ofSeconds(60)).json().path("name").asText();
    }

    /** Drops the archive and waits until the installer is done with it (its audit entry), so that what follows sees the final state. */
    private static void deployAndAwait(Path archive) throws IOException {
        int before = installs();
        server.deploy(archive);
        awaitJson(() -> admin.get("audit?action=admin.module.archive.installed&target=archive/" + KAR), page -> page.path("total").asInt() > before,
                "the installation in the audit log");
    }

    private static boolean logContains(String text) throws IOException {
        Path log = server.dataFolder().resolve("log/karaf.log");
        return Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
    }

    private static int installs() {
        return awaitJson(() -> admin.get("audit?action=admin.module.archive.installed&target=archive/" + KAR), m -> true, "the audit log")
                .path("total").asInt();
    }

    private static boolean anyMatch(JsonNode items, Predicate<JsonNode> test) {
        for (JsonNode item : items) {
            if (test.test(item)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode awaitJson(java.util.function.Supplier<ApiResponse> request, Predicate<JsonNode> test, String what) {
        return BlackBox.awaitJson(request, test, Duration.ofSeconds(60), what);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** A copy of the archive whose bundles import the package in another version range: a module built for another Mosaic. */
    private static void withImportRange(Path kar, Path copy, String pkg, String range) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kar)); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().endsWith("-impl-1.0.0-SNAPSHOT.jar")) {
                    content = rewriteImport(content, pkg, range);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }

    private static byte[] rewriteImport(byte[] jar, String pkg, String range) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String imports = manifest.getMainAttributes().getValue("Import-Package");
            String changed = imports.replaceAll(java.util.regex.Pattern.quote(pkg) + ";version=\"[^\"]*\"", pkg + ";version=\"" + range + "\"");
            assertFalse(changed.equals(imports), "the bundle imports " + pkg + ": " + imports);
            manifest.getMainAttributes().putValue("Import-Package", changed);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
