package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * A fresh install as a company meets it (issue 17): contacts and search on, six built-in roles
 * that work at once with the modules' default grants, defaults applied once (a revoked grant
 * stays revoked across a restart), refusals naming the permission to ask for, the first-start
 * setup, and the start page panels following the modules. On a PostgreSQL shared by every test
 * class the role {@code user} is changed by other classes, so its exact grants are checked on
 * a database of this class's own only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstStartIT {

    private static final List<String> BUILT_IN = List.of("admin", "manager", "sales", "marketing", "support", "user");

    private static MosaicServer server;
    private static ApiClient admin;
    private static String team;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        team = BlackBox.createTeam(admin);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** True when this class has a database of its own (Derby in the data folder), not a shared PostgreSQL. */
    private static boolean ownDatabase() {
        String url = System.getenv("MOSAIC_TEST_DB_URL");
        return url == null || url.isBlank();
    }

    /** The role's contacts permissions (on a shared database other modules may have granted theirs too). */
    private static Set<String> contactsOf(String role) {
        Set<String> granted = new HashSet<>(permissionsOf(role));
        granted.removeIf(p -> !p.startsWith("contacts."));
        return granted;
    }

    private static Set<String> permissionsOf(String role) {
        Set<String> granted = new HashSet<>();
        BlackBox.role(admin, role).path("permissions").forEach(p -> granted.add(p.asText()));
        return granted;
    }

    private static ApiClient userWithRole(String prefix, String role) {
        String username = BlackBox.unique(prefix);
        admin.post("users", Map.of("username", username, "password", BlackBox.PASSWORD, "roles", List.of(role), "teamId", team))
                .expect(201);
        return BlackBox.signIn(server, username, BlackBox.PASSWORD);
    }

    private static List<String> panels(ApiClient client) {
        List<String> ids = new ArrayList<>();
        client.get("ui/panels").expect(200).json().forEach(p -> ids.add(p.path("moduleId").asText() + ":" + p.path("id").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void aFreshInstallHasContactsAndSearchOn() {
        assertEquals("enabled", BlackBox.module(admin, "contacts").path("state").asText());
        assertEquals("enabled", BlackBox.module(admin, "search").path("state").asText());
        BlackBox.await(() -> admin.get("contacts/people?limit=1"), 200);
        if (ownDatabase()) {
            assertEquals("disabled", BlackBox.module(admin, "notes").path("state").asText(), "the sample module stays off");
        }
    }

    @Test
    @Order(2)
    void theSixBuiltInRolesCarryTheModulesDefaults() {
        for (String name : BUILT_IN) {
            assertTrue(BlackBox.role(admin, name).path("builtin").asBoolean(), name + " is built in");
        }
        assertEquals(Set.of("contacts.read", "contacts.write", "contacts.delete", "contacts.import", "contacts.export"),
                contactsOf("manager"));
        assertEquals(Set.of("contacts.read", "contacts.write", "contacts.import", "contacts.export"), contactsOf("sales"));
        assertEquals(Set.of("contacts.read", "contacts.import", "contacts.export"), contactsOf("marketing"));
        assertEquals(Set.of("contacts.read", "contacts.write"), contactsOf("support"));
        if (ownDatabase()) {
            assertEquals(Set.of("contacts.read"), permissionsOf("user"), "nothing but what the enabled modules show");
            assertEquals(Set.of("contacts.read", "contacts.write", "contacts.import", "contacts.export"), permissionsOf("sales"));
        }
        assertTrue(admin.get("audit?action=admin.role.defaults").expect(200).json().path("total").asInt() >= 4,
                "applying the defaults is audited");
    }

    @Test
    @Order(3)
    void eachRoleWorksAtOnceAndARefusalNamesThePermission() {
        ApiClient sales = userWithRole("rep", "sales");
        String marker = BlackBox.unique("Novak");
        String id = sales.post("contacts/people", Map.of("firstName", "Ana", "lastName", marker)).expect(201).json().path("id").asText();
        sales.get("contacts/people/" + id).expect(200);

        ApiClient marketing = userWithRole("mkt", "marketing");
        marketing.get("contacts/people?limit=1").expect(200);
        JsonNode refused = marketing.post("contacts/people", Map.of("lastName", marker + "-no")).expectProblem(403);
        assertEquals("https://mosaiccrm.org/problems/missing-permission", refused.path("type").asText());
        assertEquals("contacts.write", refused.path("permission").asText());
        assertTrue(refused.path("permissionDescription").asText().startsWith("Create and change"), refused.toString());
        assertTrue(refused.path("detail").asText().contains("'contacts.write'")
                && refused.path("detail").asText().contains("Ask an administrator"), refused.toString());

        if (ownDatabase()) {
            ApiClient reader = userWithRole("reader", "user");
            reader.get("contacts/people?limit=1").expect(200);
            assertEquals("contacts.write", reader.post("contacts/people", Map.of("lastName", marker + "-ro")).expectProblem(403)
                    .path("permission").asText());
        }

        // A role without contacts: the pages it cannot open name what to ask for.
        String roleName = BlackBox.unique("empty");
        admin.post("roles", Map.of("name", roleName, "permissions", List.of())).expect(201);
        ApiClient nobody = userWithRole("nobody", roleName);
        assertEquals("contacts.read", nobody.get("contacts/people").expectProblem(403).path("permission").asText());
        JsonNode locked = nobody.get("ui").expect(200).json().path("locked");
        boolean named = false;
        for (JsonNode l : locked) {
            named |= "/contacts".equals(l.path("route").asText()) && "contacts.read".equals(l.path("permission").asText())
                    && !l.path("permissionDescription").asText().isBlank();
        }
        assertTrue(named, "GET ui names the permission for /contacts: " + locked);
        assertFalse(panels(nobody).contains("contacts:today"));
    }

    @Test
    @Order(4)
    void aModuleSeenLaterGrantsItsDefaultsWhenFirstEnabled() {
        admin.post("modules/notes/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("notes"), 200);
        BlackBox.await(() -> permissionsOf("sales").contains("notes.write") ? admin.get("notes") : admin.get("nowhere"), 200);
        assertTrue(permissionsOf("sales").containsAll(List.of("notes.read", "notes.write", "notes.import", "notes.export")));
        assertFalse(permissionsOf("sales").contains("notes.customize"), "customizing stays with administrators");
        assertTrue(permissionsOf("support").containsAll(List.of("notes.read", "notes.write")));
        admin.post("modules/notes/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("notes"), 404);
    }

    @Test
    @Order(5)
    void aRevokedDefaultIsNotGrantedAgainAfterARestart() throws Exception {
        String marketing = BlackBox.roleId(admin, "marketing");
        admin.patch("roles/" + marketing, Map.of("permissions", List.of("contacts.read", "contacts.import"))).expect(200);

        server.stop();
        server.start();
        admin = BlackBox.admin(server);
        BlackBox.await(() -> admin.get("contacts/people?limit=1"), 200);

        assertEquals(Set.of("contacts.read", "contacts.import"), permissionsOf("marketing"), "the administrator's change stands");
        assertTrue(permissionsOf("sales").containsAll(List.of("contacts.read", "contacts.write", "contacts.import", "contacts.export")));
        admin.patch("roles/" + marketing, Map.of("permissions", List.of("contacts.read", "contacts.import", "contacts.export")))
                .expect(200);
    }

    @Test
    @Order(6)
    void theSetupSavesTheCompanySettingsAndTheModulesChosen() {
        JsonNode before = admin.get("settings").expect(200).json();
        if (ownDatabase()) {
            assertFalse(before.path("setupDone").asBoolean());
            assertTrue(admin.get("ui").expect(200).json().path("user").path("setupPending").asBoolean());
        }
        JsonNode bad = admin.sendRaw("PUT", "settings/setup", ApiClient.json(Map.of("companyName", "Kovač d.o.o.",
                "defaultLanguage", "sl", "timeZone", "Mars/Olympus_Mons", "currency", "EUX", "modules", List.of("contacts", "nonexistent"))),
                "application/json").expectProblem(400);
        Set<String> fields = new HashSet<>();
        bad.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(Set.of("timeZone", "currency", "modules"), fields, bad.toString());
        assertEquals(before.path("version").asLong(), admin.get("settings").json().path("version").asLong(), "nothing was saved");
        admin.sendRaw("PUT", "settings", ApiClient.json(Map.of("companyName", "x", "defaultLanguage", "en", "theme",
                before.path("theme").asText(), "timeZone", "+02:00")), "application/json").expectProblem(400);

        JsonNode saved = admin.sendRaw("PUT", "settings/setup", ApiClient.json(Map.of("companyName", "Kovač d.o.o.",
                "defaultLanguage", "sl", "timeZone", "Europe/Ljubljana", "currency", "eur", "modules", List.of("contacts", "search", "notes"))),
                "application/json").expect(200).json();
        assertEquals("Kovač d.o.o.", saved.path("companyName").asText());
        assertEquals("sl", saved.path("defaultLanguage").asText());
        assertEquals("Europe/Ljubljana", saved.path("timeZone").asText());
        assertEquals("EUR", saved.path("currency").asText());
        assertTrue(saved.path("setupDone").asBoolean());
        assertEquals(before.path("theme").asText(), saved.path("theme").asText(), "the setup leaves the theme alone");
        assertEquals("enabled", BlackBox.module(admin, "notes").path("state").asText());
        assertFalse(admin.get("ui").expect(200).json().path("user").path("setupPending").asBoolean(), "the setup shows once");

        // Run again (from the console): what is not chosen goes off, its data kept.
        admin.sendRaw("PUT", "settings/setup", ApiClient.json(Map.of("companyName", "Kovač d.o.o.", "defaultLanguage", "en",
                "timeZone", "UTC", "currency", "USD", "modules", List.of("contacts", "search"))), "application/json").expect(200);
        assertEquals("disabled", BlackBox.module(admin, "notes").path("state").asText());
        assertEquals("USD", admin.get("settings").json().path("currency").asText());

        ApiClient sales = userWithRole("rep", "sales");
        sales.sendRaw("PUT", "settings/setup", ApiClient.json(Map.of("modules", List.of())), "application/json").expectProblem(403);
    }

    @Test
    @Order(7)
    void theStartPageListsTheContactsPanelOnlyWhileContactsIsOn() {
        ApiClient sales = userWithRole("rep", "sales");
        assertTrue(panels(sales).contains("contacts:today"), panels(sales).toString());
        assertTrue(panels(sales).contains("home:notifications"));
        assertFalse(panels(sales).contains("home:checklist"), "the setup checklist is the administrators'");
        assertTrue(panels(admin).contains("home:checklist"));

        admin.post("modules/contacts/disable", Map.of()).expect(200);
        BlackBox.await(() -> panels(sales).contains("contacts:today") ? admin.get("nowhere-yet") : admin.get("ui/panels"), 200);
        assertTrue(panels(sales).contains("home:notifications"), "the platform's panels stay");

        admin.post("modules/contacts/enable", Map.of()).expect(200);
        BlackBox.await(() -> panels(sales).contains("contacts:today") ? admin.get("ui/panels") : admin.get("nowhere-yet"), 200);
        BlackBox.await(() -> sales.get("contacts/people?limit=1"), 200);
    }
}
