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

    private static GreenMail smtp;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member member;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        server = MosaicServer.fresh(Map.of("MOSAIC_MAIL_HOST", "127.0.0.1", "MOSAIC_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MOSAIC_MAIL_SECURITY", "none", "MOSAIC_MAIL_FROM", "crm@example.com", "MOSAIC_MAIL_FROM_NAME", "Kovač CRM")).start();
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
