package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * Server messages in the user's language (issue 17, "Language everywhere"): problems and field
 * errors keep their English-independent codes and are said in the signed-in user's language,
 * or Accept-Language for anonymous requests, fields named by their labels; a module's own codes
 * come from its messages; search hits name their type by a message key; the audit log names
 * records and labels fields, and never shows internal attributes.
 */
class LanguagesIT {

    private static MosaicServer server;
    private static ApiClient admin;
    private static ApiClient slovene;
    private static ApiClient english;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        String team = BlackBox.createTeam(admin);
        slovene = BlackBox.member(server, admin, "sl", team).client();
        english = BlackBox.member(server, admin, "en", team).client();
        slovene.sendRaw("PUT", "preferences", "{\"language\":\"sl\",\"theme\":null}", "application/json").expect(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode error(JsonNode problem, String field) {
        for (JsonNode e : problem.path("errors")) {
            if (e.path("field").asText().equals(field)) {
                return e;
            }
        }
        throw new AssertionError(field + " not in " + problem);
    }

    @Test
    void aUserWhoChoseSloveneGetsProblemsInSloveneWithTheirCodes() {
        var answer = slovene.post("contacts/people", Map.of("firstName", "A".repeat(150), "emails", List.of("nope")));
        JsonNode p = answer.expectProblem(400);
        assertEquals("sl", answer.header("Content-Language"));
        assertEquals("Neveljavna zahteva", p.path("title").asText());
        assertEquals("tooLong", error(p, "firstName").path("code").asText());
        assertEquals(100, error(p, "firstName").path("params").path("max").asInt());
        assertEquals("je daljše od 100 znakov", error(p, "firstName").path("message").asText());
        assertEquals("notAnEmail", error(p, "emails[0].address").path("code").asText());
        assertEquals("ni veljaven e-poštni naslov", error(p, "emails[0].address").path("message").asText());

        JsonNode one = slovene.post("contacts/people", Map.of("firstName", "Ana", "lastName", "B".repeat(150))).expectProblem(400);
        assertEquals("Polje »Priimek« ni veljavno: je daljše od 100 znakov", one.path("detail").asText(),
                "the field by its label in the contacts' Slovenian messages");
        assertEquals("invalidField", one.path("code").asText());

        String id = slovene.post("contacts/people", Map.of("firstName", "Mojca")).expect(201).json().path("id").asText();
        JsonNode stale = slovene.patch("contacts/people/" + id, Map.of("version", 9, "lastName", "Kranjc")).expectProblem(409);
        assertTrue(stale.path("detail").asText().startsWith("Zapis je medtem spremenil nekdo drug"), stale.toString());
        assertEquals("staleVersion", stale.path("code").asText());
        JsonNode missing = slovene.get("contacts/people/00000000-0000-0000-0000-000000000000").expectProblem(404);
        assertEquals("Ni najdeno", missing.path("title").asText());
    }

    @Test
    void aModulesOwnCodeIsSaidFromTheModulesMessages() {
        JsonNode p = slovene.post("contacts/people", Map.of("jobTitle", "Direktorica")).expectProblem(400);
        JsonNode e = error(p, "lastName");
        assertEquals("contacts.personNeedsName", e.path("code").asText());
        assertEquals("oseba potrebuje ime, priimek ali e-poštni naslov", e.path("message").asText());
        JsonNode en = english.post("contacts/people", Map.of("jobTitle", "CEO")).expectProblem(400);
        assertEquals("a person needs a first name, a last name or an email address", error(en, "lastName").path("message").asText());
    }

    @Test
    void anAnonymousRequestFollowsAcceptLanguage() {
        ApiClient anonymous = new ApiClient(server).withHeader("Accept-Language", "es-ES,es;q=0.9,en;q=0.5");
        JsonNode unauthorized = anonymous.get("contacts/people").expectProblem(401);
        assertEquals("Inicie sesión o envíe un token válido.", unauthorized.path("detail").asText());
        assertEquals("unauthorized", unauthorized.path("code").asText());
        JsonNode failed = anonymous.post("auth/login", Map.of("username", "nobody-" + BlackBox.unique("x"), "password", "wrong wrong wrong"))
                .expectProblem(401);
        assertEquals("El nombre de usuario o la contraseña no son correctos.", failed.path("detail").asText());
        JsonNode blank = anonymous.post("auth/login", Map.of("username", "", "password", "x")).expectProblem(400);
        assertEquals("es obligatorio", error(blank, "username").path("message").asText());
    }

    @Test
    void anEnglishUserGetsEnglishAndTheCodesToo() {
        var answer = english.post("contacts/people", Map.of("firstName", "Ana", "lastName", "B".repeat(150)));
        JsonNode p = answer.expectProblem(400);
        assertEquals("en", answer.header("Content-Language"));
        assertEquals("Field 'lastName' is invalid: is longer than 100 characters", p.path("detail").asText());
        assertEquals("tooLong", error(p, "lastName").path("code").asText());
        JsonNode userChoiceWins = slovene.withHeader("Accept-Language", "ru").post("contacts/people", Map.of("firstName", "A".repeat(150)))
                .expectProblem(400);
        assertEquals("Neveljavna zahteva", userChoiceWins.path("title").asText(), "the user's own choice over the browser's");
    }

    @Test
    void searchHitsNameTheirTypeByTheModulesMessageKey() {
        String name = "Lingua" + BlackBox.unique("p").substring(2, 8);
        slovene.post("contacts/people", Map.of("firstName", name)).expect(201);
        JsonNode answer = SearchIT.awaitSearch(slovene, name, a -> a.path("total").asInt() > 0);
        assertEquals("contacts.type.person", answer.path("types").path("person").asText(), answer.toString());
    }

    @Test
    void theAuditNamesTheRecordAndLabelsItsFieldsEvenAfterItIsDeleted() {
        String last = "Audit" + BlackBox.unique("n").substring(2, 8);
        JsonNode created = slovene.post("contacts/people", Map.of("firstName", "Ana", "lastName", last)).expect(201).json();
        String id = created.path("id").asText();
        slovene.patch("contacts/people/" + id, Map.of("version", created.path("version").asLong(), "firstName", "Anja")).expect(200);
        slovene.delete("contacts/people/" + id).expect(204);
        ApiClient reader = admin.withHeader("Accept-Language", "sl");
        JsonNode entries = BlackBox.await(() -> reader.get("audit?target=contacts/person/" + id), 200).json().path("items");
        for (int i = 0; i < 100 && entries.size() < 3; i++) {
            SearchIT.sleep(200);
            entries = reader.get("audit?target=contacts/person/" + id).expect(200).json().path("items");
        }
        assertEquals(3, entries.size(), entries.toString());
        JsonNode deleted = entries.get(0);
        assertEquals("contacts.person.deleted", deleted.path("action").asText());
        assertEquals("Anja " + last, deleted.path("name").asText(), "the name survives the record");
        JsonNode updated = entries.get(1);
        assertEquals("Ana " + last, entries.get(2).path("name").asText());
        JsonNode change = updated.path("changes").get(0);
        assertEquals("firstName", change.path("field").asText(), updated.toString());
        assertEquals("Ime", change.path("label").asText(), "the field's label in the reader's language");
        assertEquals("Ana", change.path("before").asText());
        assertEquals("Anja", change.path("after").asText());
        for (JsonNode e : entries) {
            for (String internal : List.of("searchText", "Key\"", "version", "updatedAt")) {
                assertFalse(e.toString().contains(internal), internal + " in " + e);
            }
        }
    }
}
