package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The campaigns module through its public API against a real SMTP server this class starts
 * (GreenMail, signing in required): the campaigns' own mail settings with write-only passwords
 * and a test message that reports the server's own refusal; templates whose HTML is sanitised,
 * whose unknown merge fields are refused on saving, and whose preview escapes a person's values
 * and reaches only people within the user's reach; the module switched off and on with its data kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignsIT {

    private static final String SMTP_PASSWORD = "Smtp-s3cret-Pw";
    private static final String IMAP_PASSWORD = "Imap-s3cret-Pw";
    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "campaigns.read", "campaigns.write");

    private static GreenMail smtp;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static String alicesPerson;
    private static String mallorysPerson;
    private static String template;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("crm@example.com", "crm", SMTP_PASSWORD));
        smtp.start();
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        admin.post("modules/campaigns/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("campaigns/templates"), 200);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        alice = BlackBox.member(server, admin, "alice", BlackBox.createTeam(admin));
        mallory = BlackBox.member(server, admin, "mallory", BlackBox.createTeam(admin));
        String organization = alice.client().post("contacts/organizations", Map.of("name", "Kovač & <Sons>")).expect(201).json()
                .path("id").asText();
        alicesPerson = person(alice.client(), "<b>Ana</b>", BlackBox.unique("ana") + "@example.com", organization);
        mallorysPerson = person(mallory.client(), "Mallory", BlackBox.unique("mal") + "@example.com", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    static String person(ApiClient client, String firstName, String email, String organization) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", BlackBox.unique("Novak"));
        body.put("emails", List.of(Map.of("address", email, "label", "work")));
        if (organization != null) {
            body.put("organizationId", organization);
        }
        return client.post("contacts/people", body).expect(201).json().path("id").asText();
    }

    private static Map<String, Object> settings(long version, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("smtpHost", "127.0.0.1");
        body.put("smtpPort", smtp.getSmtp().getPort());
        body.put("smtpSecurity", "none");
        body.put("smtpUser", "crm");
        if (password != null) {
            body.put("smtpPassword", password);
        }
        body.put("fromAddress", "news@example.com");
        body.put("fromName", "Kovač News");
        body.put("replyTo", "replies@example.com");
        body.put("imapHost", "127.0.0.1");
        body.put("imapPort", 3143);
        body.put("imapSecurity", "none");
        body.put("imapUser", "replies");
        body.put("imapPassword", IMAP_PASSWORD);
        body.put("ratePerMinute", 600);
        body.put("publicBaseUrl", "https://crm.example.com/");
        if (version > 0) {
            body.put("version", version);
        }
        return body;
    }

    private static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    @Order(1)
    void mailSettingsKeepPasswordsWriteOnly() {
        long version = admin.get("campaigns/settings/mail").expect(200).json().path("version").asLong();
        var saved = admin.put("campaigns/settings/mail", settings(version, SMTP_PASSWORD)).expect(200);
        assertFalse(saved.body().contains(SMTP_PASSWORD) || saved.body().contains(IMAP_PASSWORD), saved.body());
        JsonNode s = saved.json();
        assertTrue(s.path("smtpPasswordSet").asBoolean());
        assertTrue(s.path("imapPasswordSet").asBoolean());
        assertEquals("https://crm.example.com", s.path("publicBaseUrl").asText());
        assertEquals(600, s.path("ratePerMinute").asInt());
        String read = admin.get("campaigns/settings/mail").expect(200).body();
        assertFalse(read.contains(SMTP_PASSWORD) || read.contains(IMAP_PASSWORD), read);
        JsonNode audit = admin.get("audit?action=campaigns.mail.settings&limit=1").expect(200).json().path("items").path(0);
        assertTrue(audit.toString().contains("changed"), audit.toString());
        assertFalse(audit.toString().contains(SMTP_PASSWORD), audit.toString());

        // A stale version changes nothing; an absent password stays as it was.
        admin.put("campaigns/settings/mail", settings(s.path("version").asLong() + 1, "other")).expectProblem(409);
        JsonNode kept = admin.put("campaigns/settings/mail", settings(s.path("version").asLong(), null)).expect(200).json();
        assertTrue(kept.path("smtpPasswordSet").asBoolean());

        Map<String, Object> bad = settings(kept.path("version").asLong(), null);
        bad.put("smtpPort", 70000);
        bad.put("fromAddress", "not an address");
        bad.put("smtpSecurity", "ssl3");
        bad.put("publicBaseUrl", "javascript:alert(1)");
        JsonNode refused = admin.put("campaigns/settings/mail", bad).expectProblem(400);
        assertTrue(errorFields(refused).containsAll(List.of("smtpPort", "fromAddress", "smtpSecurity", "publicBaseUrl")), refused.toString());
        Map<String, Object> unknown = settings(kept.path("version").asLong(), null);
        unknown.put("smtpPasswordPlain", "x");
        admin.put("campaigns/settings/mail", unknown).expectProblem(400);

        // Only those with campaigns.admin see or change them.
        alice.client().get("campaigns/settings/mail").expectProblem(403);
        alice.client().put("campaigns/settings/mail", settings(kept.path("version").asLong(), "x")).expectProblem(403);
    }

    @Test
    @Order(2)
    void aTestMessageArrivesAndARefusalShowsTheServersAnswer() throws Exception {
        JsonNode answer = admin.post("campaigns/settings/mail/test", Map.of("to", "ana@example.com")).expect(200).json();
        assertTrue(answer.path("sent").asBoolean());
        assertTrue(answer.path("reply").asText().startsWith("250"), answer.toString());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertTrue(received[0].getFrom()[0].toString().contains("news@example.com"));

        // The wrong password: the server's own refusal comes back, never the password.
        long version = admin.get("campaigns/settings/mail").expect(200).json().path("version").asLong();
        admin.put("campaigns/settings/mail", settings(version, "Wrong-Pw-123")).expect(200);
        JsonNode refused = admin.post("campaigns/settings/mail/test", Map.of("to", "ana@example.com")).expectProblem(502);
        assertTrue(refused.path("detail").asText().contains("535"), refused.toString());
        assertFalse(refused.toString().contains("Wrong-Pw-123"));
        assertFalse(server.output().contains("Wrong-Pw-123") || server.output().contains(SMTP_PASSWORD));
        version = admin.get("campaigns/settings/mail").expect(200).json().path("version").asLong();
        admin.put("campaigns/settings/mail", settings(version, SMTP_PASSWORD)).expect(200);

        JsonNode bad = admin.post("campaigns/settings/mail/test", Map.of("to", "not an address")).expectProblem(400);
        assertEquals("to", bad.path("errors").path(0).path("field").asText());
    }

    @Test
    @Order(3)
    void templatesAreSanitisedAndUnknownMergeFieldsRefused() {
        JsonNode unknown = alice.client().post("campaigns/templates", Map.of("name", BlackBox.unique("Bad"), "subject",
                "Hi {{person.shoeSize}}", "text", "Hello {{deal.amount}}")).expectProblem(422);
        assertEquals(List.of("subject", "text"), errorFields(unknown));
        assertTrue(unknown.toString().contains("person.shoeSize") && unknown.toString().contains("deal.amount"), unknown.toString());

        JsonNode created = alice.client().post("campaigns/templates", Map.of("name", BlackBox.unique("Spring news"), "subject",
                "News for {{person.firstName|you}}", "html",
                "<p onclick=\"steal()\">Hello {{person.firstName|there}} from {{organization.name}}</p><script>alert(1)</script>"
                        + "<a href=\"javascript:alert(2)\">bad</a> <a href=\"https://example.com/offer\">offer</a>"
                        + "<img src=\"https://example.com/x.png\" onerror=\"alert(3)\">",
                "text", "Hello {{person.firstName|there}}, {{organization.name}}")).expect(201).json();
        template = created.path("id").asText();
        String html = created.path("html").asText();
        for (String attack : List.of("script", "onclick", "onerror", "javascript:")) {
            assertFalse(html.contains(attack), html);
        }
        assertTrue(html.contains("{{person.firstName|there}}") && html.contains("https://example.com/offer"), html);

        // Another team neither sees nor changes it.
        mallory.client().get("campaigns/templates/" + template).expectProblem(404);
        mallory.client().patch("campaigns/templates/" + template, Map.of("name", "x", "version", created.path("version").asLong()))
                .expectProblem(404);
        assertFalse(BlackBox.listContains(mallory.client().get("campaigns/templates?limit=100"), template));
        assertTrue(BlackBox.listContains(alice.client().get("campaigns/templates?limit=100"), template));

        // A stale version is refused and nothing changes.
        alice.client().patch("campaigns/templates/" + template, Map.of("name", "Renamed", "version", created.path("version").asLong() + 5))
                .expectProblem(409);
    }

    @Test
    @Order(4)
    void aPreviewEscapesThePersonsValuesAndStaysWithinReach() {
        JsonNode preview = alice.client().get("campaigns/templates/" + template + "/preview?personId=" + alicesPerson).expect(200).json();
        assertEquals("News for <b>Ana</b>", preview.path("subject").asText());
        String html = preview.path("html").asText();
        assertTrue(html.contains("Hello &lt;b&gt;Ana&lt;/b&gt; from Kovač &amp; &lt;Sons&gt;"), html);
        assertFalse(html.contains("<b>"), html);
        assertEquals("Hello <b>Ana</b>, Kovač & <Sons>", preview.path("text").asText());
        // Mallory's person is outside Alice's reach: a preview tells nothing about them.
        alice.client().get("campaigns/templates/" + template + "/preview?personId=" + mallorysPerson).expectProblem(404);
    }

    private static String tagged(ApiClient client, String tag, String stage, Map<String, Object> consent) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", "Seg");
        body.put("lastName", BlackBox.unique("Ment"));
        body.put("emails", List.of(Map.of("address", BlackBox.unique("seg") + "@example.com", "label", "work")));
        body.put("tags", List.of(tag));
        body.put("lifecycleStage", stage);
        if (consent != null) {
            body.put("emailConsent", consent);
        }
        return client.post("contacts/people", body).expect(201).json().path("id").asText();
    }

    private static Map<String, Object> rule(String field, String op, Object value) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("field", field);
        rule.put("op", op);
        rule.put("value", value);
        return rule;
    }

    private static Map<String, Object> segment(String match, List<Map<String, Object>> rules) {
        return Map.of("name", BlackBox.unique("Segment"), "match", match, "rules", rules);
    }

    @Test
    @Order(5)
    void segmentsCountOnlyPeopleWithinReach() {
        String tag = BlackBox.unique("spring").toLowerCase(java.util.Locale.ROOT);
        String lead = tagged(alice.client(), tag, "lead", null);
        tagged(alice.client(), tag, "customer", null);
        String withdrawn = tagged(alice.client(), tag, "customer",
                Map.of("granted", false, "at", "2026-11-01T10:00:00Z", "source", "unsubscribe link"));
        tagged(mallory.client(), tag, "lead", null);
        tagged(mallory.client(), tag, "lead", null);
        alice.client().post("contacts/activities", Map.of("type", "call", "subject", "Intro", "personId", lead,
                "occurredAt", java.time.Instant.now().minusSeconds(3600).toString())).expect(201);

        JsonNode created = alice.client().post("campaigns/segments", segment("all", List.of(rule("tag", "has", tag)))).expect(201).json();
        String segment = created.path("id").asText();
        JsonNode preview = alice.client().get("campaigns/segments/" + segment + "/preview").expect(200).json();
        assertEquals(3, preview.path("count").asInt(), preview.toString());
        assertEquals(3, preview.path("sample").size());
        preview.path("sample").forEach(p -> assertTrue(p.path("email").asText().endsWith("@example.com")));
        // Mallory's two people carry the tag too, but are outside Alice's reach; Mallory sees only hers.
        assertEquals(5, admin.get("campaigns/segments/" + segment + "/preview").expect(200).json().path("count").asInt());
        mallory.client().get("campaigns/segments/" + segment + "/preview").expectProblem(404);
        assertEquals(2, mallory.client().post("campaigns/segments/preview", segment("all", List.of(rule("tag", "has", tag))))
                .expect(200).json().path("count").asInt());

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("lifecycleStage is lead", 1);
        expected.put("emailConsent is withdrawn", 1);
        expected.put("lastActivity newerThanDays 2", 1);
        expected.put("lastActivity olderThanDays 2", 2);
        expected.put("createdAt between " + yesterday + "/" + today, 3);
        expected.put("createdAt before " + yesterday, 0);
        for (var e : expected.entrySet()) {
            String[] r = e.getKey().split(" ", 3);
            JsonNode p = alice.client().post("campaigns/segments/preview",
                    segment("all", List.of(rule("tag", "has", tag), rule(r[0], r[1], r[2])))).expect(200).json();
            assertEquals(e.getValue().intValue(), p.path("count").asInt(), e.getKey() + ": " + p);
        }
        // Any: the lead, or the withdrawn customer.
        JsonNode any = alice.client().post("campaigns/segments/preview", segment("any",
                List.of(rule("lifecycleStage", "is", "lead"), rule("emailConsent", "is", "withdrawn")))).expect(200).json();
        assertTrue(any.path("count").asInt() >= 2);
        assertTrue(any.path("sample").toString().contains(withdrawn) || any.path("count").asInt() > 10, any.toString());

        // Rules contacts does not understand are refused, naming the rule's part.
        JsonNode field = alice.client().post("campaigns/segments", segment("all", List.of(rule("shoeSize", "is", "44")))).expectProblem(422);
        assertEquals(List.of("rules[0].field"), errorFields(field));
        JsonNode op = alice.client().post("campaigns/segments", segment("all", List.of(rule("tag", "has", tag), rule("tag", "like", "x"))))
                .expectProblem(422);
        assertEquals(List.of("rules[1].op"), errorFields(op));
        JsonNode value = alice.client().post("campaigns/segments", segment("all", List.of(rule("createdAt", "after", "yesterday"))))
                .expectProblem(422);
        assertEquals(List.of("rules[0].value"), errorFields(value));
        alice.client().post("campaigns/segments", Map.of("name", "x", "match", "some", "rules", List.of())).expectProblem(400);
    }

    @Test
    @Order(90)
    void theModuleSwitchesOffAndOnWithItsDataKept() {
        admin.post("modules/campaigns/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("campaigns/templates/" + template), 404);
        admin.post("modules/campaigns/enable", Map.of()).expect(200);
        BlackBox.await(() -> alice.client().get("campaigns/templates/" + template), 200);
        assertTrue(admin.get("campaigns/settings/mail").expect(200).json().path("smtpPasswordSet").asBoolean());
    }
}
