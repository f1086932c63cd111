package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The platform's outgoing mail against a real SMTP server this class starts (GreenMail): the
 * settings from the environment until an administrator saves others, the password write-only,
 * a test mail that arrives, and a server that is not there answered with what went wrong.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIT {

    private static final String PUBLIC_URL = "https://crm.example.com";

    private static GreenMail smtp;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member member;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        server = MosaicServer.fresh(Map.of("MOSAIC_MAIL_HOST", "127.0.0.1", "MOSAIC_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MOSAIC_MAIL_SECURITY", "none", "MOSAIC_MAIL_FROM", "crm@example.com", "MOSAIC_MAIL_FROM_NAME", "Kovač CRM",
                "MOSAIC_PUBLIC_URL", PUBLIC_URL)).start();
        admin = BlackBox.admin(server);
        member = BlackBox.member(server, admin, "mailer", BlackBox.createTeam(admin));
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

    @Test
    @Order(1)
    void theEnvironmentsSettingsAnswerUntilSaved() {
        JsonNode s = admin.get("mail/settings").expect(200).json();
        assertEquals("environment", s.path("source").asText());
        assertEquals("127.0.0.1", s.path("host").asText());
        assertEquals(smtp.getSmtp().getPort(), s.path("port").asInt());
        assertEquals("none", s.path("security").asText());
        assertFalse(s.path("passwordSet").asBoolean());
        assertEquals(1, s.path("version").asLong());
    }

    @Test
    @Order(2)
    void aTestMailArrivesAndTheServersAnswerIsShown() throws Exception {
        JsonNode answer = admin.post("mail/test", Map.of("to", "ana@example.com")).expect(200).json();
        assertTrue(answer.path("sent").asBoolean());
        assertTrue(answer.path("reply").asText().startsWith("250"), answer.toString());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("Mosaic: test mail", received[0].getSubject());
        assertEquals("ana@example.com", received[0].getAllRecipients()[0].toString());
        assertTrue(received[0].getFrom()[0].toString().contains("crm@example.com"));

        JsonNode bad = admin.post("mail/test", Map.of("to", "not an address")).expectProblem(400);
        assertEquals("to", bad.path("errors").path(0).path("field").asText());
    }

    @Test
    @Order(3)
    void thePasswordCanBeSetButNeverRead() {
        Map<String, Object> body = settings(smtp.getSmtp().getPort());
        body.put("username", "crm");
        body.put("password", "s3cret-Pass");
        body.put("version", 1);
        var saved = admin.put("mail/settings", body).expect(200);
        assertFalse(saved.body().contains("s3cret"), saved.body());
        JsonNode s = saved.json();
        assertTrue(s.path("passwordSet").asBoolean());
        assertEquals("database", s.path("source").asText());
        assertEquals(2, s.path("version").asLong());
        assertFalse(admin.get("mail/settings").expect(200).body().contains("s3cret"));
        JsonNode audit = admin.get("audit?action=admin.mail.settings&limit=1").expect(200).json().path("items").path(0);
        assertTrue(audit.path("detail").asText().contains("\"password\":\"changed\""), audit.toString());
        assertFalse(audit.toString().contains("s3cret"));

        // A stale version changes nothing.
        body.put("password", "other");
        admin.put("mail/settings", body).expectProblem(409);
        // The password stays when the field is absent, and goes when it is emptied.
        body.remove("password");
        body.put("version", 2);
        assertTrue(admin.put("mail/settings", body).expect(200).json().path("passwordSet").asBoolean());
        body.put("password", "");
        body.remove("username");
        body.put("version", 3);
        assertFalse(admin.put("mail/settings", body).expect(200).json().path("passwordSet").asBoolean());
    }

    @Test
    @Order(4)
    void badSettingsAreRefusedFieldByFieldAndKeepNothing() {
        Map<String, Object> body = new HashMap<>();
        body.put("host", "smtp example com");
        body.put("port", 0);
        body.put("security", "ssl3");
        body.put("fromAddress", "nobody");
        body.put("colour", "blue");
        body.put("version", 4);
        JsonNode problem = admin.put("mail/settings", body).expectProblem(400);
        assertTrue(problem.toString().contains("colour"), "an unknown field is named, not dropped: " + problem);
        JsonNode s = admin.get("mail/settings").expect(200).json();
        assertEquals("127.0.0.1", s.path("host").asText());
        assertEquals(4, s.path("version").asLong());
    }

    @Test
    @Order(5)
    void aServerThatIsNotThereIsAnsweredWithWhatWentWrong() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> body = settings(closed);
        body.put("version", 4);
        admin.put("mail/settings", body).expect(200);
        JsonNode problem = admin.post("mail/test", Map.of("to", "ana@example.com")).expectProblem(502);
        assertTrue(problem.path("detail").asText().contains(String.valueOf(closed)), problem.toString());
        body.put("port", smtp.getSmtp().getPort());
        body.put("version", 5);
        admin.put("mail/settings", body).expect(200);
        admin.post("mail/test", Map.of("to", "bor@example.com")).expect(200);
    }

    @Test
    @Order(6)
    void onlyAdministratorsSeeOrChangeMail() {
        ApiClient user = member.client();
        user.get("mail/settings").expectProblem(403);
        user.post("mail/test", Map.of("to", "ana@example.com")).expectProblem(403);
        user.get("mail/outbox").expectProblem(403);
        user.put("mail/settings", Map.of("host", "evil.example.com", "fromAddress", "x@example.com", "version", 6)).expectProblem(403);
        assertEquals("127.0.0.1", admin.get("mail/settings").expect(200).json().path("host").asText());
        JsonNode outbox = admin.get("mail/outbox").expect(200).json();
        assertTrue(outbox.path("configured").asBoolean());
        assertTrue(outbox.path("items").isArray());
        admin.post("mail/outbox/00000000-0000-7000-8000-00000000abcd/retry", Map.of()).expectProblem(409);
        admin.get("mail/outbox?state=lost").expectProblem(400);
    }

    @Test
    @Order(7)
    void aForgottenPasswordIsReplacedThroughALinkThatWorksOnce() throws Exception {
        String username = BlackBox.unique("ana");
        String email = username + "@Example.com";
        String team = BlackBox.createTeam(admin);
        admin.post("users", Map.of("username", username, "email", email, "password", BlackBox.PASSWORD, "roles", List.of("user"),
                "teamId", team)).expect(201);
        // Addresses are unique without regard to case.
        admin.post("users", Map.of("username", BlackBox.unique("bor"), "email", email.toUpperCase(java.util.Locale.ROOT),
                "password", BlackBox.PASSWORD, "roles", List.of("user"), "teamId", team)).expectProblem(409);
        ApiClient before = new ApiClient(server).withToken(
                BlackBox.login(server, username, BlackBox.PASSWORD).expect(200).json().path("token").asText());
        ApiClient anonymous = new ApiClient(server);
        int mails = smtp.getReceivedMessages().length;

        // Asking for an account that does not exist answers exactly as for one that does.
        String unknown = anonymous.post("auth/password-reset", Map.of("login", "nobody-" + username)).expect(202).body();
        String first = token(anonymous, username, mails + 1);
        String known = anonymous.post("auth/password-reset", Map.of("login", email)).expect(202).body();
        assertEquals(unknown, known);
        String second = token(null, username, mails + 2);
        assertEquals(mails + 2, smtp.getReceivedMessages().length, "nothing was sent for the unknown account");

        // Only the newest link works; a weak password is refused without spending it.
        anonymous.post("auth/password-reset/confirm", Map.of("token", first, "password", "N3w-passphrase-for-ana"))
                .expectProblem(400);
        JsonNode weak = anonymous.post("auth/password-reset/confirm", Map.of("token", second, "password", "short")).expectProblem(400);
        assertEquals("password", weak.path("errors").path(0).path("field").asText());
        anonymous.post("auth/password-reset/confirm", Map.of("token", second, "password", "N3w-passphrase-for-ana")).expect(204);
        anonymous.post("auth/password-reset/confirm", Map.of("token", second, "password", "An0ther-passphrase!")).expectProblem(400);

        before.get("auth/me").expectProblem(401);
        BlackBox.login(server, username, BlackBox.PASSWORD).expectProblem(401);
        BlackBox.login(server, username, "N3w-passphrase-for-ana").expect(200);
        JsonNode sent = admin.get("mail/outbox?state=sent").expect(200).json().path("items");
        int resets = 0;
        for (JsonNode m : sent) {
            resets += m.path("key").asText().startsWith("security.password-reset:") && m.path("to").path(0).asText().equals(email) ? 1 : 0;
        }
        assertEquals(2, resets, sent.toString());
        assertTrue(admin.get("audit?action=auth.reset.used&limit=5").expect(200).body().contains(username));
    }

    /** Asks for a reset (unless {@code client} is null: already asked) and reads the link's token from the mail that arrives. */
    private static String token(ApiClient client, String username, int expectedMails) throws Exception {
        if (client != null) {
            client.post("auth/password-reset", Map.of("login", username)).expect(202);
        }
        assertTrue(smtp.waitForIncomingEmail(30_000, expectedMails), "the reset mail arrives");
        MimeMessage mail = smtp.getReceivedMessages()[expectedMails - 1];
        String body = mail.getContent().toString();
        assertTrue(body.contains(username), body);
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PUBLIC_URL) + "/reset-password#token=([A-Za-z0-9_-]{40,})")
                .matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static Map<String, Object> settings(int port) {
        Map<String, Object> body = new HashMap<>();
        body.put("host", "127.0.0.1");
        body.put("port", port);
        body.put("security", "none");
        body.put("fromAddress", "crm@example.com");
        body.put("fromName", "Kovač CRM");
        return body;
    }
}
