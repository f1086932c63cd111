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
 * a test mail that arrives, and a server that is not there answered with what went wrong;
 * password resets and invitations through one-time links; notifications mailed to the users who chose so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIT {

    private static final String PUBLIC_URL = "https://crm.example.com";

    private static GreenMail smtp;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member member;
    /** The settings' version when this class starts: 1 on a fresh database, more where other classes saved settings before. */
    private static long base;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        server = MosaicServer.fresh(Map.of("MOSAIC_MAIL_HOST", "127.0.0.1", "MOSAIC_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MOSAIC_MAIL_SECURITY", "none", "MOSAIC_MAIL_FROM", "crm@example.com", "MOSAIC_MAIL_FROM_NAME", "Kovač CRM",
                "MOSAIC_PUBLIC_URL", PUBLIC_URL, "EXTRA_JAVA_OPTS", "-Dmosaic.contacts.reminderSeconds=1")).start();
        admin = BlackBox.admin(server);
        base = BlackBox.forgetMailSettings(admin);
        member = BlackBox.member(server, admin, "mailer", BlackBox.createTeam(admin));
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) {
            BlackBox.forgetMailSettings(admin);
        }
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
        assertEquals(base, s.path("version").asLong());
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
        body.put("version", base);
        var saved = admin.put("mail/settings", body).expect(200);
        assertFalse(saved.body().contains("s3cret"), saved.body());
        JsonNode s = saved.json();
        assertTrue(s.path("passwordSet").asBoolean());
        assertEquals("database", s.path("source").asText());
        assertEquals(base + 1, s.path("version").asLong());
        assertFalse(admin.get("mail/settings").expect(200).body().contains("s3cret"));
        JsonNode audit = admin.get("audit?action=admin.mail.settings&limit=1").expect(200).json().path("items").path(0);
        assertTrue(audit.path("detail").asText().contains("\"password\":\"changed\""), audit.toString());
        assertFalse(audit.toString().contains("s3cret"));

        // A stale version changes nothing.
        body.put("password", "other");
        admin.put("mail/settings", body).expectProblem(409);
        // The password stays when the field is absent, and goes when it is emptied.
        body.remove("password");
        body.put("version", base + 1);
        assertTrue(admin.put("mail/settings", body).expect(200).json().path("passwordSet").asBoolean());
        body.put("password", "");
        body.remove("username");
        body.put("version", base + 2);
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
        body.put("version", base + 3);
        JsonNode problem = admin.put("mail/settings", body).expectProblem(400);
        assertTrue(problem.toString().contains("colour"), "an unknown field is named, not dropped: " + problem);
        JsonNode s = admin.get("mail/settings").expect(200).json();
        assertEquals("127.0.0.1", s.path("host").asText());
        assertEquals(base + 3, s.path("version").asLong());
    }

    @Test
    @Order(5)
    void aServerThatIsNotThereIsAnsweredWithWhatWentWrong() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, Object> body = settings(closed);
        body.put("version", base + 3);
        admin.put("mail/settings", body).expect(200);
        JsonNode problem = admin.post("mail/test", Map.of("to", "ana@example.com")).expectProblem(502);
        assertTrue(problem.path("detail").asText().contains(String.valueOf(closed)), problem.toString());
        body.put("port", smtp.getSmtp().getPort());
        body.put("version", base + 4);
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
        user.put("mail/settings", Map.of("host", "evil.example.com", "fromAddress", "x@example.com", "version", base + 5)).expectProblem(403);
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

    @Test
    @Order(8)
    void anInvitedUserChoosesTheirPasswordThroughALinkThatWorksOnce() throws Exception {
        String username = BlackBox.unique("eva");
        String email = username + "@example.com";
        String team = BlackBox.createTeam(admin);
        JsonNode invited = admin.post("invitations", Map.of("username", username, "email", email, "roles", List.of("user"),
                "teamId", team)).expect(201).json();
        String id = invited.path("id").asText();
        assertFalse(invited.path("enabled").asBoolean());
        assertTrue(invited.path("invitation").path("expiresAt").isTextual(), invited.toString());
        assertFalse(invited.path("invitation").path("expired").asBoolean());

        // Before accepting, the account cannot sign in, nor be switched on by hand.
        BlackBox.login(server, username, BlackBox.PASSWORD).expectProblem(401);
        admin.patch("users/" + id, Map.of("enabled", true)).expectProblem(409);

        MimeMessage mail = awaitMailsTo(email, 1).get(0);
        assertEquals("You are invited to Mosaic", mail.getSubject());
        String token = linkToken(mail, username, "/accept-invitation");
        ApiClient anonymous = new ApiClient(server);
        assertEquals(username, anonymous.post("invitations/lookup", Map.of("token", token)).expect(200).json().path("username").asText());

        // A weak password is refused and leaves the link working; then it works once.
        JsonNode weak = anonymous.post("invitations/accept", Map.of("token", token, "password", "short")).expectProblem(400);
        assertEquals("password", weak.path("errors").path(0).path("field").asText());
        assertEquals(username, anonymous.post("invitations/accept", Map.of("token", token, "password", "Eva's own passphrase 7"))
                .expect(200).json().path("username").asText());
        JsonNode again = anonymous.post("invitations/accept", Map.of("token", token, "password", "An0ther passphrase here"))
                .expectProblem(400);
        assertTrue(again.path("type").asText().endsWith("/invitation-used"), again.toString());
        assertTrue(again.path("detail").asText().contains("accepted already"), again.toString());

        BlackBox.login(server, username, "Eva's own passphrase 7").expect(200);
        BlackBox.login(server, username, "An0ther passphrase here").expectProblem(401);
        JsonNode user = admin.get("users/" + id).expect(200).json();
        assertTrue(user.path("enabled").asBoolean());
        assertTrue(user.path("invitation").isNull(), user.toString());
        admin.post("invitations/" + id + "/resend", Map.of()).expectProblem(409);
        assertTrue(admin.get("audit?action=admin.user.invited&limit=5").expect(200).body().contains(username));
        assertTrue(admin.get("audit?action=auth.invitation.accepted&limit=5").expect(200).body().contains(username));
        assertEquals(1, mailsTo(email).size());
    }

    @Test
    @Order(9)
    void aResentInvitationEndsTheEarlierLinkAndARevokedOrExpiredOneIsRefused() throws Exception {
        String team = BlackBox.createTeam(admin);
        ApiClient anonymous = new ApiClient(server);
        String username = BlackBox.unique("ivo");
        String email = username + "@example.com";
        String id = admin.post("invitations", Map.of("username", username, "email", email, "roles", List.of("user"), "teamId", team))
                .expect(201).json().path("id").asText();
        String first = linkToken(awaitMailsTo(email, 1).get(0), username, "/accept-invitation");
        admin.post("invitations/" + id + "/resend", Map.of()).expect(200);
        String second = linkToken(awaitMailsTo(email, 2).get(1), username, "/accept-invitation");
        JsonNode replaced = anonymous.post("invitations/accept", Map.of("token", first, "password", "Ivo's own passphrase 8"))
                .expectProblem(400);
        assertTrue(replaced.path("type").asText().endsWith("/invitation-replaced"), replaced.toString());

        admin.delete("invitations/" + id).expect(204);
        JsonNode revoked = anonymous.post("invitations/accept", Map.of("token", second, "password", "Ivo's own passphrase 8"))
                .expectProblem(400);
        assertTrue(revoked.path("type").asText().endsWith("/invitation-revoked"), revoked.toString());
        admin.get("users/" + id).expectProblem(404);
        BlackBox.login(server, username, "Ivo's own passphrase 8").expectProblem(401);
        assertTrue(admin.get("audit?action=admin.user.invitation.revoked&limit=5").expect(200).body().contains(username));

        String late = BlackBox.unique("lea");
        String lateEmail = late + "@example.com";
        String lateId = admin.post("invitations", Map.of("username", late, "email", lateEmail, "roles", List.of("user"), "teamId", team,
                "validFor", "PT1S")).expect(201).json().path("id").asText();
        String expired = linkToken(awaitMailsTo(lateEmail, 1).get(0), late, "/accept-invitation");
        // The link lives one second; waiting past it is the only way to see it expire from outside.
        Thread.sleep(1500);
        JsonNode refused = anonymous.post("invitations/accept", Map.of("token", expired, "password", "Lea's own passphrase 9"))
                .expectProblem(400);
        assertTrue(refused.path("type").asText().endsWith("/invitation-expired"), refused.toString());
        assertTrue(admin.get("users/" + lateId).expect(200).json().path("invitation").path("expired").asBoolean());
        BlackBox.login(server, late, "Lea's own passphrase 9").expectProblem(401);

        JsonNode bad = admin.post("invitations", Map.of("username", "x", "email", "not mail", "roles", List.of(), "teamId", team,
                "validFor", "P90D")).expectProblem(400);
        for (String field : List.of("username", "email", "roles", "validFor")) {
            assertTrue(bad.toString().contains("\"" + field + "\""), field + " is named: " + bad);
        }
        member.client().post("invitations", Map.of("username", BlackBox.unique("x"), "email", "x@example.com", "roles", List.of("user"),
                "teamId", team)).expectProblem(403);
    }

    @Test
    @Order(10)
    void aNotificationIsMailedOnceToAUserWhoChoseItAndToNoOneElse() throws Exception {
        String team = BlackBox.createTeam(admin);
        String chooser = BlackBox.unique("mia");
        String chooserEmail = chooser + "@example.com";
        String chooserId = admin.post("users", Map.of("username", chooser, "email", chooserEmail, "password", BlackBox.PASSWORD,
                "roles", List.of("user"), "teamId", team)).expect(201).json().path("id").asText();
        String other = BlackBox.unique("nik");
        String otherEmail = other + "@example.com";
        String otherId = admin.post("users", Map.of("username", other, "email", otherEmail, "password", BlackBox.PASSWORD,
                "roles", List.of("user"), "teamId", team)).expect(201).json().path("id").asText();
        ApiClient mia = BlackBox.signIn(server, chooser, BlackBox.PASSWORD);
        ApiClient nik = BlackBox.signIn(server, other, BlackBox.PASSWORD);

        JsonNode off = mia.get("notifications/delivery").expect(200).json();
        assertFalse(off.path("email").asBoolean());
        assertEquals(chooserEmail, off.path("address").asText());
        assertTrue(off.path("mailConfigured").asBoolean());
        assertTrue(mia.put("notifications/delivery", Map.of("email", true)).expect(200).json().path("email").asBoolean());
        mia.put("notifications/delivery", Map.of("email", "yes")).expectProblem(400);
        mia.put("preferences", Map.of("language", "es")).expect(200);

        BlackBox.await(() -> admin.get("contacts/people?limit=1"), 200);
        String person = admin.post("contacts/people", Map.of("firstName", "Ana", "lastName", "Mail")).expect(201).json().path("id").asText();
        String due = java.time.Instant.now().minusSeconds(60).toString();
        String title = BlackBox.unique("Call Ana");
        admin.post("contacts/tasks", Map.of("title", title, "dueAt", due, "personId", person, "assigneeId", chooserId)).expect(201);
        admin.post("contacts/tasks", Map.of("title", title, "dueAt", due, "personId", person, "assigneeId", otherId)).expect(201);

        MimeMessage mail = awaitMailsTo(chooserEmail, 1).get(0);
        assertEquals("Tarea pendiente: " + title, mail.getSubject(), "the title is in the user's language too");
        String body = mail.getContent().toString();
        assertTrue(body.contains(PUBLIC_URL + "/contacts/people/" + person), body);
        assertTrue(body.contains("Recibe este correo"), "the footer is in the user's language: " + body);

        // The other user has the notification in the app, and no mail: it would have been queued with it.
        for (int i = 0; i < 100 && nik.get("notifications").expect(200).json().path("total").asInt() == 0; i++) {
            Thread.sleep(200);
        }
        assertEquals(1, nik.get("notifications").expect(200).json().path("total").asInt());
        int forChooser = 0;
        for (JsonNode m : admin.get("mail/outbox?limit=200").expect(200).json().path("items")) {
            String to = m.path("to").path(0).asText();
            assertFalse(to.equals(otherEmail), "no mail for the user who did not choose it: " + m);
            if (to.equals(chooserEmail)) {
                forChooser++;
                assertTrue(m.path("key").asText().startsWith("notification:"), m.toString());
            }
        }
        assertEquals(1, forChooser);
        assertEquals(1, mailsTo(chooserEmail).size());
        assertTrue(mailsTo(otherEmail).isEmpty());
    }

    /** Asks for a reset (unless {@code client} is null: already asked) and reads the link's token from the mail that arrives. */
    private static String token(ApiClient client, String username, int expectedMails) throws Exception {
        if (client != null) {
            client.post("auth/password-reset", Map.of("login", username)).expect(202);
        }
        assertTrue(smtp.waitForIncomingEmail(30_000, expectedMails), "the reset mail arrives");
        return linkToken(smtp.getReceivedMessages()[expectedMails - 1], username, "/reset-password");
    }

    /** The token of the mail's one-time link to the page, checking that the mail names the user. */
    private static String linkToken(MimeMessage mail, String username, String page) throws Exception {
        String body = mail.getContent().toString();
        assertTrue(body.contains(username), body);
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PUBLIC_URL + page) + "#token=([A-Za-z0-9_-]{40,})")
                .matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    static List<MimeMessage> mailsTo(String address) throws Exception {
        return mailsTo(smtp, address);
    }

    /** The mails the SMTP server received for the address, oldest first. */
    static List<MimeMessage> mailsTo(GreenMail smtp, String address) throws Exception {
        List<MimeMessage> to = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                to.add(m);
            }
        }
        return to;
    }

    /** Waits (up to 30 seconds) until at least {@code count} mails to the address arrived; returns them, oldest first. */
    private static List<MimeMessage> awaitMailsTo(String address, int count) throws Exception {
        return awaitMailsTo(smtp, address, count);
    }

    /** {@link #awaitMailsTo(String, int)} on another class's SMTP server. */
    static List<MimeMessage> awaitMailsTo(GreenMail smtp, String address, int count) throws Exception {
        for (int i = 0; i < 150 && mailsTo(smtp, address).size() < count; i++) {
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        List<MimeMessage> to = mailsTo(smtp, address);
        assertTrue(to.size() >= count, "the mail to " + address + " arrives");
        return to;
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
