package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.Folders;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * An upgrade as an operator does it: the earlier build ({@link PreviousBuild}) runs on a data
 * folder and writes data (a user, a person, a note, contacts switched off, notes switched on);
 * then this build starts on the same data folder and database and finds everything, runs its own
 * bundles (not the earlier ones Karaf cached) and says which versions it moved between. Then a
 * build claiming a later version runs on that data, and this one, now older, is refused.
 *
 * <p>Always on embedded Derby in its own data folder, also in the PostgreSQL run of the suite:
 * the refused downgrade leaves a newer build on the database's record, which would refuse every
 * later test class on the suite's shared PostgreSQL database.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    private static Path previous;
    private static Path current;
    private static MosaicServer server;
    private static final String NOTE = BlackBox.unique("kept-across-the-upgrade");
    private static final String PERSON = BlackBox.unique("Upgradova");

    @BeforeAll
    static void build() throws Exception {
        previous = PreviousBuild.distribution();
        current = Path.of(System.getProperty("mosaic.home"));
        server = MosaicServer.fresh(Map.of("MOSAIC_DB_URL", "")).withHome(previous);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Folders.deleteTree(newer());
    }

    @Test
    @Order(1)
    void anUpgradeKeepsDataUsersAndModuleStateAndRunsTheNewBundles() throws Exception {
        server.start();
        ApiClient admin = BlackBox.admin(server);
        BlackBox.enableNotes(admin);
        BlackBox.Member member = BlackBox.member(server, admin, "upgrader", BlackBox.createTeam(admin));
        String note = BlackBox.createNote(member.client(), NOTE);
        String person = admin.post("contacts/people", Map.of("firstName", "Ana", "lastName", PERSON)).expect(201).json().path("id").asText();
        admin.post("modules/contacts/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("contacts/people"), 404);
        server.stop();

        server = server.withHome(current);
        server.start();
        String out = server.output();
        assertTrue(out.contains("with Karaf's bundle cache cleared"), "the launcher cleared the earlier build's bundles:\n" + out);
        // Only this build's persistence bundle says so: the earlier one's cached bundles would not.
        assertTrue(out.contains("Mosaic upgraded from an earlier version (one that did not record its version) to 0.1.0-SNAPSHOT"), out);

        ApiClient admin2 = BlackBox.admin(server);
        awaitState(admin2, "contacts", "disabled");
        awaitState(admin2, "notes", "enabled");
        assertEquals(404, admin2.get("contacts/people").status(), "contacts stays switched off");
        ApiClient member2 = BlackBox.signIn(server, member.username(), BlackBox.PASSWORD);
        assertEquals(NOTE, member2.get("notes/" + note).expect(200).json().path("title").asText(), "the user, the role's grants and the note");
        awaitSearch(admin2, NOTE, note);

        admin2.post("modules/contacts/enable", Map.of()).expect(200);
        assertEquals(PERSON, BlackBox.await(() -> admin2.get("contacts/people/" + person), 200).json().path("lastName").asText());

        // A restart of the same build changes nothing and says no upgrade.
        server.stop();
        int before = server.output().length();
        server.start();
        String restart = server.output().substring(before);
        assertTrue(!restart.contains("upgraded") && !restart.contains("cache cleared"), restart);
        awaitState(BlackBox.admin(server), "contacts", "enabled");
    }

    @Test
    @Order(2)
    void aBuildOlderThanTheNewestThatRanIsRefused() throws Exception {
        server.stop();
        Path newer = newer();
        copy(current, newer);
        Path version = newer.resolve("etc/mosaic-version.properties");
        Files.writeString(version, "version=99.0.0\nbuilt=2099-01-01T00:00:00Z\nbuild.id=99.0.0+test\n");
        server = server.withHome(newer);
        server.start();
        assertTrue(server.output().contains("Mosaic upgraded from 0.1.0-SNAPSHOT"), server.output());
        assertTrue(server.output().contains("to 99.0.0 (built 2099-01-01T00:00:00Z)"), server.output());
        server.stop();

        server = server.withHome(current);
        IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
        assertTrue(refused.getMessage().contains("Mosaic exited with 78"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Mosaic refuses to start: This database has been run by Mosaic 99.0.0"),
                refused.getMessage());
        String log = Files.readString(server.dataFolder().resolve("log/karaf.log"));
        assertTrue(log.contains("Mosaic refuses to start"), "the refusal is in the log too");
    }

    private static Path newer() {
        return Path.of(System.getProperty("user.dir"), "target/upgrade-newer");
    }

    private static void copy(Path from, Path to) throws IOException, InterruptedException {
        Folders.deleteTree(to);
        Process cp = new ProcessBuilder(List.of("cp", "-a", from.toString(), to.toString())).inheritIO().start();
        assertEquals(0, cp.waitFor());
    }

    /** Module state is put back by a background task once Karaf's boot features are in. */
    private static void awaitState(ApiClient admin, String module, String state) throws InterruptedException {
        awaitTrue(() -> state.equals(BlackBox.module(admin, module).path("state").asText()), module + " " + state);
    }

    private static void awaitSearch(ApiClient admin, String q, String id) throws InterruptedException {
        awaitTrue(() -> admin.get("search?q=" + q).expect(200).json().path("items").findValuesAsText("id").contains(id),
                "search finds " + q);
    }

    private static void awaitTrue(Supplier<Boolean> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not within 90 s: " + what);
    }
}
