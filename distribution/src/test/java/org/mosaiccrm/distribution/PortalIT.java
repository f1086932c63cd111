package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.ApiResponse;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The customer portal and the knowledge base through the public API, with a real SMTP server
 * (GreenMail) for the invitations: staff give people access, an invitation link works once and
 * expires, customers sign in with their own session (throttled like staff), see and answer their
 * own tickets only — another customer's answers 404, internal notes never appear — an
 * organization's manager sees its tickets, a customer's cookie or token is refused by staff
 * endpoints and a staff token by the portal's, portal writes need the CSRF token, ending access
 * ends the sessions, and customers find published public articles only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalIT {

    private static final String PUBLIC_URL = "https://crm.example.com";
    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "tickets.read", "tickets.write",
            "tickets.portal", "kb.write");
    private static final String ANA_PASSWORD = "Ana's portal passphrase 1";
    private static final String BOR_PASSWORD = "Bor's portal passphrase 2";
    private static final String CENE_PASSWORD = "Cene's portal passphrase 3";

    private static GreenMail smtp;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member agent;
    private static BlackBox.Member outsider;
    private static String orgA;
    private static String ana;
    private static String anaEmail;
    private static String bor;
    private static String borEmail;
    private static String cene;
    private static ApiClient anaPortal;
    private static String anaCookie;
    private static String anaCsrf;
    private static String anaTicket;
    private static String ceneTicket;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        server = MosaicServer.fresh(Map.of("MOSAIC_MAIL_HOST", "127.0.0.1", "MOSAIC_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "MOSAIC_MAIL_SECURITY", "none", "MOSAIC_MAIL_FROM", "desk@example.com", "MOSAIC_PUBLIC_URL", PUBLIC_URL,
                "MOSAIC_ATTACHMENT_MAX_MB", "1")).start();
        admin = BlackBox.admin(server);
        BlackBox.forgetMailSettings(admin);
        Contacts.enable(admin);
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 200);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        agent = BlackBox.member(server, admin, "agent", BlackBox.createTeam(admin));
        outsider = BlackBox.member(server, admin, "outsider", BlackBox.createTeam(admin));
        orgA = agent.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Kovač"))).expect(201).json().path("id").asText();
        String orgB = agent.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Zupan"))).expect(201).json().path("id")
                .asText();
        anaEmail = BlackBox.unique("ana") + "@example.com";
        borEmail = BlackBox.unique("bor") + "@example.com";
        ana = person("Ana", anaEmail, orgA);
        bor = person("Bor", borEmail, orgA);
        cene = person("Cene", BlackBox.unique("cene") + "@example.com", orgB);
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

    private static String person(String firstName, String email, String org) {
        return agent.client().post("contacts/people", Map.of("firstName", firstName, "lastName", BlackBox.unique("Novak"),
                "emails", List.of(Map.of("address", email, "label", "work")), "organizationId", org)).expect(201).json().path("id").asText();
    }

    @Test
    @Order(1)
    void staffGiveAccessByAnInvitationWhoseLinkWorksOnceAndExpires() throws Exception {
        // Another team's person is out of reach; a person without a mail address cannot be invited.
        JsonNode unreachable = outsider.client().post("portal/access", Map.of("personId", ana)).expectProblem(400);
        assertTrue(unreachable.toString().contains("personId"), unreachable.toString());
        String noMail = agent.client().post("contacts/people", Map.of("lastName", BlackBox.unique("Mailless"))).expect(201).json()
                .path("id").asText();
        agent.client().post("portal/access", Map.of("personId", noMail)).expectProblem(400);

        JsonNode granted = agent.client().post("portal/access", Map.of("personId", ana)).expect(201).json();
        assertEquals(anaEmail, granted.path("email").asText());
        assertFalse(granted.path("enabled").asBoolean());
        assertFalse(granted.path("organizationManager").asBoolean());
        assertTrue(granted.path("invitationExpiresAt").isTextual(), granted.toString());
        MimeMessage mail = awaitMailsTo(anaEmail, 1).get(0);
        assertEquals("Your access to our customer portal", mail.getSubject());
        String token = linkToken(mail);

        ApiClient anonymous = new ApiClient(server);
        assertEquals(anaEmail, anonymous.post("portal/auth/lookup", Map.of("token", token)).expect(200).json().path("email").asText());
        anonymous.post("portal/auth/login", Map.of("email", anaEmail, "password", ANA_PASSWORD)).expectProblem(401);
        // The staff password policy applies, and a refused password leaves the link working.
        JsonNode weak = anonymous.post("portal/auth/accept", Map.of("token", token, "password", "short")).expectProblem(400);
        assertTrue(weak.toString().contains("\"password\""), weak.toString());
        assertEquals(anaEmail, anonymous.post("portal/auth/accept", Map.of("token", token, "password", ANA_PASSWORD)).expect(200).json()
                .path("email").asText());
        JsonNode again = anonymous.post("portal/auth/accept", Map.of("token", token, "password", "Another passphrase 99"))
                .expectProblem(400);
        assertTrue(again.path("type").asText().endsWith("/portal-invitation-used"), again.toString());
        assertTrue(agent.client().get("portal/access/" + ana).expect(200).json().path("enabled").asBoolean());

        ApiResponse login = anonymous.post("portal/auth/login", Map.of("email", anaEmail.toUpperCase(), "password", ANA_PASSWORD)).expect(200);
        String setCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mosaic_portal=")).findFirst()
                .orElseThrow();
        assertTrue(setCookie.contains("Path=/api/v1/portal") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"),
                setCookie);
        anaCookie = setCookie.split(";", 2)[0];
        anaCsrf = login.json().path("csrfToken").asText();
        assertEquals(ana, login.json().path("personId").asText());
        anaPortal = new ApiClient(server).withToken(login.json().path("token").asText());

        // A link lives as long as staff said: one second here, then it is refused as expired.
        agent.client().post("portal/access", Map.of("personId", cene, "validFor", "PT1S")).expect(201);
        String expired = linkToken(awaitMailsTo(agent.client().get("portal/access/" + cene).expect(200).json().path("email").asText(), 1)
                .get(0));
        Thread.sleep(1500);
        JsonNode refused = anonymous.post("portal/auth/accept", Map.of("token", expired, "password", "Cene's passphrase 3")).expectProblem(400);
        assertTrue(refused.path("type").asText().endsWith("/portal-invitation-expired"), refused.toString());
        assertFalse(agent.client().get("portal/access/" + cene).expect(200).json().path("enabled").asBoolean());

        // Invited again, the earlier link ends; the newest works.
        agent.client().post("portal/access", Map.of("personId", bor)).expect(201);
        String first = linkToken(awaitMailsTo(borEmail, 1).get(0));
        agent.client().post("portal/access", Map.of("personId", bor)).expect(200);
        String second = linkToken(awaitMailsTo(borEmail, 2).get(1));
        JsonNode replaced = anonymous.post("portal/auth/accept", Map.of("token", first, "password", BOR_PASSWORD)).expectProblem(400);
        assertTrue(replaced.path("type").asText().endsWith("/portal-invitation-replaced"), replaced.toString());
        anonymous.post("portal/auth/accept", Map.of("token", second, "password", BOR_PASSWORD)).expect(200);
        assertTrue(admin.get("audit?action=portal.access.invited&limit=10").expect(200).body().contains(ana));
    }

    @Test
    @Order(2)
    void signInIsThrottledPerAccount() throws Exception {
        ApiClient anonymous = new ApiClient(server);
        String ceneEmail = agent.client().post("portal/access", Map.of("personId", cene)).expect(200).json().path("email").asText();
        anonymous.post("portal/auth/accept", Map.of("token", linkToken(awaitMailsTo(ceneEmail, 2).get(1)), "password", CENE_PASSWORD))
                .expect(200);
        for (int i = 0; i < 5; i++) {
            anonymous.post("portal/auth/login", Map.of("email", ceneEmail, "password", "wrong " + i)).expectProblem(401);
        }
        // Every slot is spent: even the right password is not checked now.
        ApiResponse refused = anonymous.post("portal/auth/login", Map.of("email", ceneEmail, "password", CENE_PASSWORD));
        assertEquals(429, refused.status(), refused.body());
        assertNotNull(refused.header("Retry-After"));
        // Another account is not affected.
        anonymous.post("portal/auth/login", Map.of("email", anaEmail, "password", ANA_PASSWORD)).expect(200);
    }

    @Test
    @Order(3)
    void aCustomerSeesAndAnswersTheirOwnTicketsWithoutInternalNotes() {
        JsonNode bad = anaPortal.post("portal/tickets", Map.of("priority", "whenever", "requesterId", cene)).expectProblem(400);
        assertTrue(bad.toString().contains("requesterId"), "a customer cannot name another requester: " + bad);
        JsonNode opened = anaPortal.post("portal/tickets", Map.of("subject", "Printer on fire", "description", "Smoke everywhere")).expect(201)
                .json();
        anaTicket = opened.path("id").asText();
        assertEquals("portal", opened.path("channel").asText());
        assertEquals("new", opened.path("status").asText());
        assertTrue(opened.path("mine").asBoolean());
        for (String staffOnly : List.of("sla", "assigneeId", "queueId", "ownerId", "teamId", "tags")) {
            assertTrue(opened.path(staffOnly).isMissingNode(), staffOnly + " stays with the desk: " + opened);
        }
        // The desk sees it as a portal ticket of Ana's, in the granting agent's team.
        JsonNode desk = agent.client().get("tickets/" + anaTicket).expect(200).json();
        assertEquals(ana, desk.path("requesterId").asText());
        assertEquals(orgA, desk.path("organizationId").asText());
        assertEquals("portal", desk.path("channel").asText());

        agent.client().post("tickets/" + anaTicket + "/comments", Map.of("body", "We are on our way.", "public", true)).expect(201);
        agent.client().post("tickets/" + anaTicket + "/comments", Map.of("body", "SECRET internal: customer is difficult", "public", false))
                .expect(201);
        ApiResponse comments = anaPortal.get("portal/tickets/" + anaTicket + "/comments").expect(200);
        assertFalse(comments.body().contains("SECRET"), "an internal note never reaches the portal: " + comments.body());
        assertEquals(1, comments.json().path("items").size(), comments.body());
        assertFalse(comments.json().path("items").path(0).path("fromCustomer").asBoolean());
        assertFalse(comments.body().contains(agent.id()), "no staff data: " + comments.body());

        JsonNode reply = anaPortal.post("portal/tickets/" + anaTicket + "/comments", Map.of("body", "Thank you!")).expect(201).json();
        assertTrue(reply.path("fromCustomer").asBoolean());
        JsonNode deskComments = agent.client().get("tickets/" + anaTicket + "/comments").expect(200).json().path("items");
        assertEquals(ana, deskComments.get(deskComments.size() - 1).path("authorPersonId").asText());
        assertTrue(deskComments.get(deskComments.size() - 1).path("isPublic").asBoolean());

        // Another customer's ticket is as if it did not exist.
        ceneTicket = agent.client().post("tickets", Map.of("subject", "Cene's secret", "requesterId", cene, "organizationId",
                agent.client().get("contacts/people/" + cene).expect(200).json().path("organizationId").asText())).expect(201).json()
                .path("id").asText();
        anaPortal.get("portal/tickets/" + ceneTicket).expectProblem(404);
        anaPortal.get("portal/tickets/" + ceneTicket + "/comments").expectProblem(404);
        anaPortal.post("portal/tickets/" + ceneTicket + "/comments", Map.of("body", "me too")).expectProblem(404);
        List<JsonNode> mine = BlackBox.all(anaPortal, "portal/tickets");
        assertTrue(BlackBox.anyHas(mine, "id", anaTicket));
        assertFalse(BlackBox.anyHas(mine, "id", ceneTicket));
        assertTrue(mine.stream().allMatch(t -> t.path("mine").asBoolean()), mine.toString());
    }

    @Test
    @Order(4)
    void anOrganizationsManagerSeesItsTickets() {
        ApiClient borPortal = portalClient(borEmail, BOR_PASSWORD);
        borPortal.get("portal/tickets/" + anaTicket).expectProblem(404);
        borPortal.get("portal/tickets?scope=organization").expectProblem(403);

        long version = agent.client().get("portal/access/" + bor).expect(200).json().path("version").asLong();
        agent.client().patch("portal/access/" + bor, Map.of("organizationManager", true)).expectProblem(400);
        agent.client().patch("portal/access/" + bor, Map.of("organizationManager", true, "version", version + 7)).expectProblem(409);
        assertTrue(agent.client().patch("portal/access/" + bor, Map.of("organizationManager", true, "version", version)).expect(200).json()
                .path("organizationManager").asBoolean());

        assertTrue(borPortal.get("portal/me").expect(200).json().path("organizationManager").asBoolean());
        List<JsonNode> org = BlackBox.all(borPortal, "portal/tickets?scope=organization");
        assertTrue(BlackBox.anyHas(org, "id", anaTicket), org.toString());
        assertFalse(BlackBox.anyHas(org, "id", ceneTicket), org.toString());
        assertEquals("Printer on fire", borPortal.get("portal/tickets/" + anaTicket).expect(200).json().path("subject").asText());
        assertFalse(borPortal.get("portal/tickets/" + anaTicket + "/comments").expect(200).body().contains("SECRET"));
        borPortal.get("portal/tickets/" + ceneTicket).expectProblem(404);
        // Their own list is still only theirs.
        assertFalse(BlackBox.anyHas(BlackBox.all(borPortal, "portal/tickets"), "id", anaTicket));
    }

    @Test
    @Order(5)
    void customerAndStaffSessionsNeverStandForEachOther() {
        ApiClient cookie = new ApiClient(server).withHeader("Cookie", anaCookie);
        assertEquals(ana, cookie.get("portal/me").expect(200).json().path("personId").asText());
        for (String staff : List.of("auth/me", "contacts/people", "contacts/people/" + ana, "tickets", "tickets/" + anaTicket, "kb/articles",
                "portal/access/" + ana, "users")) {
            cookie.get(staff).expectProblem(401);
            anaPortal.get(staff).expectProblem(401);
        }
        cookie.withHeader("X-CSRF-Token", anaCsrf).post("tickets", Map.of("subject", "x", "requesterId", ana)).expectProblem(401);
        anaPortal.post("portal/access", Map.of("personId", ana)).expectProblem(401);
        // The portal's cookie outside /api/v1/portal is no session at all, CSRF token or not.
        cookie.withHeader("X-CSRF-Token", anaCsrf).post("auth/logout", Map.of()).expectProblem(401);
        // A staff session is not a customer.
        agent.client().get("portal/me").expectProblem(401);
        agent.client().get("portal/tickets").expectProblem(401);
        agent.client().get("portal/kb").expectProblem(401);
        new ApiClient(server).get("portal/tickets").expectProblem(401);

        // One browser signed in as staff and as a customer at once: a change counts for the session whose CSRF token it carries.
        ApiResponse staffLogin = BlackBox.login(server, agent.username(), BlackBox.PASSWORD).expect(200);
        ApiClient both = new ApiClient(server).withHeader("Cookie", BlackBox.sessionCookie(staffLogin) + "; " + anaCookie);
        String staffCsrf = staffLogin.json().path("csrfToken").asText();
        assertEquals(ana, both.get("portal/me").expect(200).json().path("personId").asText());
        assertTrue(both.withHeader("X-CSRF-Token", anaCsrf).post("portal/tickets", Map.of("subject", "From a shared browser")).expect(201)
                .json().path("mine").asBoolean());
        both.withHeader("X-CSRF-Token", anaCsrf).post("portal/access", Map.of("personId", ana)).expectProblem(401);
        both.withHeader("X-CSRF-Token", staffCsrf).post("portal/tickets", Map.of("subject", "staff as customer")).expectProblem(401);
        assertEquals(ana, both.get("portal/access/" + ana).expect(200).json().path("personId").asText());
    }

    @Test
    @Order(6)
    void portalWritesWithTheCookieNeedTheCsrfTokenAndMasterDataIsTheirOwn() {
        ApiClient cookie = new ApiClient(server).withHeader("Cookie", anaCookie);
        JsonNode refused = cookie.post("portal/tickets", Map.of("subject", "no token")).expectProblem(403);
        assertTrue(refused.toString().contains("csrf"), refused.toString());
        cookie.withHeader("X-CSRF-Token", "forged-token-value-123456").post("portal/tickets", Map.of("subject", "forged")).expectProblem(403);
        ApiClient page = cookie.withHeader("X-CSRF-Token", anaCsrf);
        assertEquals("portal", page.post("portal/tickets", Map.of("subject", "Sent by the page")).expect(201).json().path("channel").asText());

        JsonNode me = page.get("portal/me").expect(200).json();
        assertEquals(anaCsrf, me.path("csrfToken").asText());
        assertEquals(anaEmail, me.path("email").asText());
        cookie.patch("portal/me", Map.of("phones", List.of("+386 1 555 0101"), "version", me.path("version").asLong())).expectProblem(403);
        page.patch("portal/me", Map.of("phones", List.of("+386 1 555 0101"))).expectProblem(400);
        JsonNode wrong = page.patch("portal/me", Map.of("phones", List.of("call me"), "emails", List.of(), "ownerId", agent.id(),
                "version", me.path("version").asLong())).expectProblem(400);
        assertTrue(wrong.toString().contains("emails") && wrong.toString().contains("ownerId"), "only their own fields: " + wrong);
        JsonNode updated = page.patch("portal/me", Map.of("phones", List.of(Map.of("number", "+386 1 555 0101", "label", "work")),
                "emailConsent", true, "lastName", "Novak-Kovač", "version", me.path("version").asLong())).expect(200).json();
        assertEquals("+386 1 555 0101", updated.path("phones").path(0).path("number").asText());
        assertTrue(updated.path("emailConsent").asBoolean());
        page.patch("portal/me", Map.of("firstName", "Stale", "version", me.path("version").asLong())).expectProblem(409);
        JsonNode person = agent.client().get("contacts/people/" + ana).expect(200).json();
        assertEquals("Novak-Kovač", person.path("lastName").asText());
        assertTrue(person.path("emailConsent").path("granted").asBoolean(), person.toString());
        assertEquals("customer portal", person.path("emailConsent").path("source").asText());
    }

    @Test
    @Order(7)
    void customersFindPublishedPublicArticlesOnly() {
        String word = "zq" + BlackBox.unique("kb").replace("-", "");
        anaPortal.post("kb/articles", Map.of("title", "x")).expectProblem(401);
        outsider.client().post("kb/articles", Map.of("title", "No body")).expectProblem(400);
        JsonNode draft = agent.client().post("kb/articles", Map.of("title", "Draft " + word, "body",
                "<p>Not yet " + word + "</p><script>alert(1)</script>", "category", "printers")).expect(201).json();
        assertEquals("draft", draft.path("status").asText());
        assertFalse(draft.path("body").asText().contains("script"), "the body is sanitised: " + draft);
        JsonNode internal = agent.client().post("kb/articles", Map.of("title", "Internal " + word, "body", "<p>Desk only " + word + "</p>",
                "status", "published", "internal", true)).expect(201).json();
        JsonNode published = agent.client().post("kb/articles", Map.of("title", "Fix the printer " + word, "body",
                "<p>Turn it <b>off</b> and on " + word + "</p><img src=x onerror=alert(1)>", "status", "published", "category", "printers",
                "language", "en")).expect(201).json();
        assertFalse(published.path("body").asText().contains("onerror"), published.toString());
        String publishedId = published.path("id").asText();

        anaPortal.get("portal/kb/" + draft.path("id").asText()).expectProblem(404);
        anaPortal.get("portal/kb/" + internal.path("id").asText()).expectProblem(404);
        assertTrue(anaPortal.get("portal/kb/" + publishedId).expect(200).body().contains("<b>off</b>"));
        ApiResponse body = anaPortal.withHeader("Accept", "text/html").get("portal/kb/" + publishedId + "/body").expect(200);
        assertTrue(body.contentType().startsWith("text/html") && body.body().contains("<b>off</b>"), body.body());
        assertTrue(body.header("Content-Security-Policy").contains("default-src 'none'"), "the body page runs nothing");
        anaPortal.withHeader("Accept", "text/html").get("portal/kb/" + draft.path("id").asText() + "/body").expectProblem(404);
        List<JsonNode> listed = BlackBox.all(anaPortal, "portal/kb?category=printers");
        assertTrue(BlackBox.anyHas(listed, "id", publishedId));
        assertFalse(BlackBox.anyHas(listed, "id", draft.path("id").asText()));

        // Searched through the search module once it has indexed them: published public only for the customer.
        JsonNode found = BlackBox.awaitJson(() -> anaPortal.get("portal/kb?q=" + word), p -> p.path("items").size() > 0,
                Duration.ofSeconds(60), "the published article in the portal's search");
        assertEquals(1, found.path("items").size(), found.toString());
        assertEquals(publishedId, found.path("items").path(0).path("id").asText());
        // Staff find every article of the desk through the global search.
        JsonNode staff = BlackBox.awaitJson(() -> agent.client().get("search?q=" + word + "&types=kbarticle"),
                p -> p.path("items").size() == 3, Duration.ofSeconds(60), "three articles in the staff search");
        assertEquals(3, staff.path("total").asLong(), staff.toString());

        // Unpublished, it is gone from the portal at once, before the index follows.
        long version = published.path("version").asLong();
        agent.client().patch("kb/articles/" + publishedId, Map.of("status", "draft", "version", version)).expect(200);
        anaPortal.get("portal/kb/" + publishedId).expectProblem(404);
        assertEquals(0, anaPortal.get("portal/kb?q=" + word).expect(200).json().path("items").size());
    }

    @Test
    @Order(8)
    void endingAccessEndsTheSessionsAtOnce() {
        ApiClient borPortal = portalClient(borEmail, BOR_PASSWORD);
        ApiClient cookie = new ApiClient(server).withHeader("Cookie", anaCookie);
        cookie.get("portal/me").expect(200);
        outsider.client().delete("portal/access/" + ana).expectProblem(404);
        agent.client().delete("portal/access/" + ana).expect(204);
        cookie.get("portal/me").expectProblem(401);
        anaPortal.get("portal/tickets").expectProblem(401);
        new ApiClient(server).post("portal/auth/login", Map.of("email", anaEmail, "password", ANA_PASSWORD)).expectProblem(401);
        agent.client().get("portal/access/" + ana).expectProblem(404);
        borPortal.get("portal/me").expect(200);
        assertTrue(admin.get("audit?action=portal.access.revoked&limit=10").expect(200).body().contains(ana));
    }

    @Test
    @Order(9)
    void thePortalHasAHostPageOfItsOwnWithTheTicketsModulesPage() {
        ApiClient anonymous = new ApiClient(server);
        ApiResponse page = anonymous.get("/portal");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/ui/shell/portal.js") && !page.body().contains("/ui/shell/shell.js"), page.body());
        assertTrue(page.header("Content-Security-Policy").contains("trusted-types lit-html"));
        JsonNode pages = anonymous.get("ui/portal").expect(200).json();
        assertEquals("/ui/modules/tickets/portal.js", pages.path(0).path("script").asText(), pages.toString());
        assertEquals(200, anonymous.get(pages.path(0).path("script").asText()).status());
        assertEquals(200, anonymous.get("/ui/shell/portal.js").status());
    }

    @Test
    @Order(10)
    void aSolvedTicketIsRatedFromThePortalOrTheMailedLink() throws Exception {
        String doraEmail = BlackBox.unique("dora") + "@example.com";
        String dora = person("Dora", doraEmail, orgA);
        String invitation = grantAndAccept(dora, doraEmail, "Dora's portal passphrase 4");
        ApiClient anonymous = new ApiClient(server);
        ApiClient doraPortal = portalClient(doraEmail, "Dora's portal passphrase 4");
        JsonNode opened = agent.client().post("tickets", Map.of("subject", "Invoice is wrong", "requesterId", dora, "organizationId", orgA))
                .expect(201).json();
        String ticket = opened.path("id").asText();

        // Not solved yet: nothing to rate; a bad score or an unknown field is named.
        JsonNode early = doraPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 5)).expectProblem(409);
        assertTrue(early.toString().contains("solved"), early.toString());
        JsonNode bad = doraPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 9)).expectProblem(400);
        assertTrue(bad.toString().contains("\"score\""), bad.toString());
        JsonNode unknown = doraPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 3, "stars", 3)).expectProblem(400);
        assertTrue(unknown.toString().contains("stars"), unknown.toString());

        // Solved: the requester is asked by mail, with a link bound to this ticket.
        agent.client().patch("tickets/" + ticket, Map.of("status", "solved", "version", opened.path("version").asLong())).expect(200);
        MimeMessage asked = awaitMailsTo(doraEmail, 2).get(1);
        assertTrue(asked.getSubject().contains("[#" + opened.path("number").asLong() + "]"), asked.getSubject());
        assertEquals("auto-generated", asked.getHeader("Auto-Submitted", null));
        String token = mailedToken(asked, "rate");
        JsonNode looked = anonymous.post("tickets/ratings/lookup", Map.of("token", token)).expect(200).json();
        assertEquals("Invoice is wrong", looked.path("subject").asText());
        assertTrue(looked.path("satisfaction").isNull(), looked.toString());

        // The link works without a session; forged links, or another kind of link, are refused.
        JsonNode byLink = anonymous.post("tickets/ratings", Map.of("token", token, "score", 2, "comment", "Slow")).expect(200).json();
        assertEquals(2, byLink.path("satisfaction").path("score").asInt());
        assertEquals("Slow", byLink.path("satisfaction").path("comment").asText());
        assertTrue(byLink.path("description").isMissingNode() && byLink.path("requesterId").isMissingNode(), "the link opens the rating only");
        JsonNode forged = anonymous.post("tickets/ratings", Map.of("token", token.substring(1) + "x", "score", 5)).expectProblem(404);
        assertTrue(forged.path("type").asText().endsWith("/rating-link-unknown"), forged.toString());
        anonymous.post("tickets/ratings", Map.of("token", invitation, "score", 5)).expectProblem(404);
        anonymous.post("tickets/ratings", Map.of("score", 5)).expectProblem(400);
        anonymous.post("tickets/ratings", Map.of("token", token, "score", 0)).expectProblem(400);

        // Rated again while solved, from the portal: it replaces the earlier rating.
        JsonNode again = doraPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 4, "comment", "Fixed after all")).expect(200)
                .json();
        assertEquals(4, again.path("satisfaction").path("score").asInt());
        JsonNode desk = agent.client().get("tickets/" + ticket).expect(200).json();
        assertEquals(4, desk.path("satisfaction").path("score").asInt(), desk.toString());
        assertEquals("Fixed after all", desk.path("satisfaction").path("comment").asText());
        assertTrue(desk.path("satisfaction").path("ratedAt").isTextual(), desk.toString());
        String timeline = agent.client().get("contacts/people/" + dora + "/timeline").expect(200).body();
        assertTrue(timeline.contains("Rated ticket #" + opened.path("number").asLong()) && timeline.contains("Fixed after all"), timeline);
        List<String> audited = new java.util.ArrayList<>();
        admin.get("audit?action=tickets.ticket.rated&limit=20").expect(200).json().path("items").forEach(e -> {
            if (e.path("target").asText().equals("ticket/" + ticket)) {
                audited.add(e.path("detail").asText());
            }
        });
        assertTrue(audited.stream().anyMatch(d -> d.contains("\"via\":\"link\"")) && audited.stream().anyMatch(d -> d.contains("\"via\":\"portal\"")),
                audited.toString());

        // Only the requester rates: not their organization's manager, not another customer, not staff through the portal.
        ApiClient borPortal = portalClient(borEmail, BOR_PASSWORD);
        borPortal.get("portal/tickets/" + ticket).expect(200);
        borPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 1)).expectProblem(403);
        doraPortal.post("portal/tickets/" + ceneTicket + "/rating", Map.of("score", 1)).expectProblem(404);
        agent.client().post("portal/tickets/" + ticket + "/rating", Map.of("score", 1)).expectProblem(401);
        doraPortal.get("tickets/" + ticket).expectProblem(401);
        doraPortal.patch("tickets/" + ticket, Map.of("status", "open", "version", desk.path("version").asLong())).expectProblem(401);

        // Closed, the rating stands, by the link and in the portal alike.
        agent.client().patch("tickets/" + ticket, Map.of("status", "closed", "version", desk.path("version").asLong())).expect(200);
        anonymous.post("tickets/ratings", Map.of("token", token, "score", 1)).expectProblem(409);
        doraPortal.post("portal/tickets/" + ticket + "/rating", Map.of("score", 1)).expectProblem(409);
        assertEquals(4, agent.client().get("tickets/" + ticket).expect(200).json().path("satisfaction").path("score").asInt());

        // Reopened and solved again: a new link ends the earlier one.
        JsonNode reopened = agent.client().patch("tickets/" + ticket, Map.of("status", "open", "version",
                agent.client().get("tickets/" + ticket).expect(200).json().path("version").asLong())).expect(200).json();
        agent.client().patch("tickets/" + ticket, Map.of("status", "solved", "version", reopened.path("version").asLong())).expect(200);
        String newer = mailedToken(awaitMailsTo(doraEmail, 3).get(2), "rate");
        JsonNode replaced = anonymous.post("tickets/ratings", Map.of("token", token, "score", 1)).expectProblem(400);
        assertTrue(replaced.path("type").asText().endsWith("/rating-link-ended"), replaced.toString());
        assertEquals(5, anonymous.post("tickets/ratings", Map.of("token", newer, "score", 5)).expect(200).json().path("satisfaction")
                .path("score").asInt());

        // The desk's satisfaction in analytics: the average and the count of rated tickets, inside the user's reach.
        admin.post("modules/analytics/enable", Map.of()).expect(200);
        try {
            String range = "?from=" + java.time.LocalDate.now().minusDays(1) + "&to=" + java.time.LocalDate.now().plusDays(1) + "&ownerId="
                    + agent.id();
            JsonNode average = BlackBox.awaitJson(() -> admin.get("analytics/metrics/tickets.satisfaction" + range), p -> true,
                    Duration.ofSeconds(60), "the satisfaction metric");
            assertEquals(0, new java.math.BigDecimal(average.path("current").path("points").path(0).path("value").asText())
                    .compareTo(java.math.BigDecimal.valueOf(5)), average.toString());
            JsonNode rated = admin.get("analytics/metrics/tickets.satisfaction.rated" + range).expect(200).json();
            assertEquals("1", rated.path("current").path("points").path(0).path("value").asText(), rated.toString());
        } finally {
            // On the suite's shared database the module states outlive this server: leave them as found.
            admin.post("modules/analytics/disable", Map.of()).expect(200);
        }
    }

    @Test
    @Order(11)
    void aCustomerChangesTheirPasswordOrResetsAForgottenOne() throws Exception {
        String erinEmail = BlackBox.unique("erin") + "@example.com";
        String erin = person("Erin", erinEmail, orgA);
        String first = "Erin's portal passphrase 5";
        grantAndAccept(erin, erinEmail, first);
        ApiClient anonymous = new ApiClient(server);
        ApiClient erinPortal = portalClient(erinEmail, first);
        ApiClient otherDevice = portalClient(erinEmail, first);

        // Changing it: the current one is checked, the policy applies, other sessions end, this one stays.
        JsonNode wrong = erinPortal.post("portal/auth/password", Map.of("currentPassword", "not it", "newPassword", "Erin's new passphrase 6"))
                .expectProblem(400);
        assertTrue(wrong.toString().contains("currentPassword"), wrong.toString());
        JsonNode weak = erinPortal.post("portal/auth/password", Map.of("currentPassword", first, "newPassword", "short")).expectProblem(400);
        assertTrue(weak.toString().contains("newPassword"), weak.toString());
        agent.client().post("portal/auth/password", Map.of("currentPassword", first, "newPassword", "Erin's new passphrase 6"))
                .expectProblem(401);
        String second = "Erin's new passphrase 6";
        erinPortal.post("portal/auth/password", Map.of("currentPassword", first, "newPassword", second)).expect(204);
        erinPortal.get("portal/me").expect(200);
        otherDevice.get("portal/me").expectProblem(401);
        anonymous.post("portal/auth/login", Map.of("email", erinEmail, "password", first)).expectProblem(401);
        assertTrue(admin.get("audit?action=portal.password.changed&limit=10").expect(200).body().contains(erin));

        // Forgotten: the answer tells nothing about who has an account.
        ApiResponse known = anonymous.post("portal/auth/forgot", Map.of("email", erinEmail));
        ApiResponse unknown = anonymous.post("portal/auth/forgot", Map.of("email", BlackBox.unique("nobody") + "@example.com"));
        assertEquals(202, known.status(), known.body());
        assertEquals(202, unknown.status(), unknown.body());
        assertEquals(known.body(), unknown.body());
        anonymous.post("portal/auth/forgot", Map.of("login", erinEmail)).expectProblem(400);
        String token = mailedToken(awaitMailsTo(erinEmail, 2).get(1), "reset");

        JsonNode forged = anonymous.post("portal/auth/reset", Map.of("token", token.substring(2) + "xy", "password", "Erin's third passphrase 7"))
                .expectProblem(400);
        assertTrue(forged.path("type").asText().endsWith("/reset-link-invalid"), forged.toString());
        JsonNode tooWeak = anonymous.post("portal/auth/reset", Map.of("token", token, "password", "short")).expectProblem(400);
        assertTrue(tooWeak.toString().contains("\"password\""), tooWeak.toString());
        String third = "Erin's third passphrase 7";
        anonymous.post("portal/auth/reset", Map.of("token", token, "password", third)).expect(204);
        anonymous.post("portal/auth/reset", Map.of("token", token, "password", "Erin's fourth passphrase 8")).expectProblem(400);
        erinPortal.get("portal/me").expectProblem(401);
        anonymous.post("portal/auth/login", Map.of("email", erinEmail, "password", second)).expectProblem(401);
        portalClient(erinEmail, third).get("portal/me").expect(200);
        // A staff reset link's kind is not a portal one, nor the other way round.
        anonymous.post("auth/password-reset/confirm", Map.of("token", token, "password", "Erin's fifth passphrase 9")).expectProblem(400);
    }


    /** Signs a customer in (retrying while a throttle block from an earlier test lasts would take minutes: tests use fresh accounts). */
    private static ApiClient portalClient(String email, String password) {
        ApiResponse r = new ApiClient(server).post("portal/auth/login", Map.of("email", email, "password", password));
        if (r.status() == 429) {
            throw new AssertionError("signed-in too often: " + r.body());
        }
        return new ApiClient(server).withToken(r.expect(200).json().path("token").asText());
    }

    /** Gives a new person portal access and accepts the invitation with the password; the invitation's token. */
    private static String grantAndAccept(String personId, String email, String password) throws Exception {
        agent.client().post("portal/access", Map.of("personId", personId)).expect(201);
        String invitation = linkToken(awaitMailsTo(email, 1).get(0));
        new ApiClient(server).post("portal/auth/accept", Map.of("token", invitation, "password", password)).expect(200);
        return invitation;
    }

    private static String linkToken(MimeMessage mail) throws Exception {
        return mailedToken(mail, "accept");
    }

    /** The token of the portal link a mail carries: {@code <public URL>/portal#<page>=<token>}. */
    private static String mailedToken(MimeMessage mail, String page) throws Exception {
        String body = mail.getContent().toString();
        var m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(PUBLIC_URL + "/portal#" + page + "=") + "([A-Za-z0-9_-]{40,})")
                .matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static List<MimeMessage> awaitMailsTo(String address, int count) throws Exception {
        return MailIT.awaitMailsTo(smtp, address, count);
    }

    private static String firstHeader(java.net.http.HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    @Order(10)
    void customersAttachFilesAndDownloadThoseOfTheirTicketsPublicRepliesOnly() throws Exception {
        // A customer of their own: the earlier ones' access has ended or is throttled by now.
        String doraEmail = BlackBox.unique("dora") + "@example.com";
        String dora = person("Dora", doraEmail, orgA);
        agent.client().post("portal/access", Map.of("personId", dora)).expect(201);
        String password = "Dora's portal passphrase 4";
        new ApiClient(server).post("portal/auth/accept", Map.of("token", linkToken(awaitMailsTo(doraEmail, 1).get(0)), "password", password))
                .expect(200);
        ApiClient doraPortal = portalClient(doraEmail, password);

        // A new ticket with a photo: the ticket and its file together.
        byte[] photo = Multipart.binary(30_000, 5);
        JsonNode opened = new Multipart().field("subject", "Broken screen").field("description", "Photo attached.").field("priority", "high")
                .file("files", "screen.jpg", "image/jpeg", photo).post(doraPortal, "portal/tickets").expect(201).json();
        String ticket = opened.path("id").asText();
        assertEquals("high", opened.path("priority").asText());
        String photoId = doraPortal.get("portal/tickets/" + ticket + "/comments").expect(200).json().path("attachments").path(0).path("id")
                .asText();
        java.net.http.HttpResponse<byte[]> got = doraPortal.download("portal/tickets/" + ticket + "/attachments/" + photoId);
        assertEquals(200, got.statusCode());
        assertTrue(java.util.Arrays.equals(photo, got.body()));
        assertEquals("image/jpeg", firstHeader(got, "Content-Type"));
        assertEquals("nosniff", firstHeader(got, "X-Content-Type-Options"));
        assertTrue(firstHeader(got, "Content-Disposition").startsWith("attachment;"), firstHeader(got, "Content-Disposition"));
        assertEquals(photoId, agent.client().get("tickets/" + ticket + "/comments").expect(200).json().path("attachments").path(0).path("id")
                .asText(), "the desk sees the customer's file");

        // The desk answers with a file and notes with one: the customer gets the answer's, never the note's.
        byte[] driver = Multipart.binary(5_000, 6);
        String replyFile = new Multipart().field("body", "Try this driver.").field("public", "true")
                .file("files", "driver.zip", "application/zip", driver).post(agent.client(), "tickets/" + ticket + "/comments").expect(201)
                .json().path("attachments").path(0).path("id").asText();
        String noteFile = new Multipart().field("body", "SECRET: the screen was dropped.").field("public", "false")
                .file("files", "SECRET notes.txt", "text/plain", "dropped".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(agent.client(), "tickets/" + ticket + "/comments").expect(201).json().path("attachments").path(0).path("id").asText();
        ApiResponse seen = doraPortal.get("portal/tickets/" + ticket + "/comments").expect(200);
        assertTrue(seen.body().contains(replyFile), seen.body());
        assertFalse(seen.body().contains(noteFile) || seen.body().contains("SECRET"), seen.body());
        java.net.http.HttpResponse<byte[]> zip = doraPortal.download("portal/tickets/" + ticket + "/attachments/" + replyFile);
        assertEquals(200, zip.statusCode());
        assertTrue(java.util.Arrays.equals(driver, zip.body()));
        assertEquals("application/octet-stream", firstHeader(zip, "Content-Type"));
        assertEquals(404, doraPortal.download("portal/tickets/" + ticket + "/attachments/" + noteFile).statusCode(),
                "an internal note's file is not there for the customer");

        // Another customer's ticket and its files are as if they did not exist.
        String ceneFile = new Multipart().field("body", "For Cene.").field("public", "true")
                .file("files", "cene.pdf", "application/pdf", Multipart.binary(100, 7)).post(agent.client(), "tickets/" + ceneTicket + "/comments")
                .expect(201).json().path("attachments").path(0).path("id").asText();
        assertEquals(404, doraPortal.download("portal/tickets/" + ceneTicket + "/attachments/" + ceneFile).statusCode());
        assertEquals(404, doraPortal.download("portal/tickets/" + ticket + "/attachments/" + ceneFile).statusCode());
        // A customer's token opens no staff download, nor a staff token a portal one.
        assertEquals(401, doraPortal.download("tickets/" + ticket + "/attachments/" + photoId).statusCode());
        assertEquals(401, agent.client().download("portal/tickets/" + ticket + "/attachments/" + photoId).statusCode());

        // The customer answers with a file; one over the limit (1 MB here) is refused by name and nothing is stored.
        JsonNode reply = new Multipart().field("body", "Here is the log.").file("files", "log.txt", "text/plain",
                "E42".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(doraPortal, "portal/tickets/" + ticket + "/comments").expect(201)
                .json();
        assertEquals("log.txt", reply.path("attachments").path(0).path("name").asText(), reply.toString());
        JsonNode tooLarge = new Multipart().field("body", "Everything.").file("files", "everything.bin", "application/octet-stream",
                new byte[1024 * 1024 + 1]).post(doraPortal, "portal/tickets/" + ticket + "/comments").expectProblem(413);
        assertTrue(tooLarge.path("detail").asText().contains("everything.bin"), tooLarge.toString());
        assertEquals(2, doraPortal.get("portal/tickets/" + ticket + "/comments").expect(200).json().path("items").size());
    }

    /** Custom fields are the desk's own: the portal neither shows a ticket's values nor takes any (issue 20). */
    @Test
    @Order(20)
    void aTicketsCustomFieldsStayWithTheDesk() throws Exception {
        String key = "internal_" + BlackBox.unique("k").substring(2, 8);
        admin.post("tickets/fields", Map.of("entity", "ticket", "key", key, "label", "Internal rating", "type", "text")).expect(201);
        String floEmail = BlackBox.unique("flo") + "@example.com";
        String flo = person("Flo", floEmail, orgA);
        grantAndAccept(flo, floEmail, "Flo's portal passphrase 6");
        ApiClient floPortal = portalClient(floEmail, "Flo's portal passphrase 6");
        JsonNode refused = floPortal.post("portal/tickets", Map.of("subject", "Mine", "customFields", Map.of(key, "gold"))).expectProblem(400);
        assertTrue(refused.toString().contains("customFields"), refused.toString());
        String ticket = floPortal.post("portal/tickets", Map.of("subject", "Scanner jammed")).expect(201).json().path("id").asText();
        JsonNode desk = agent.client().get("tickets/" + ticket).expect(200).json();
        String secret = "SECRET-" + BlackBox.unique("difficult");
        agent.client().patch("tickets/" + ticket, Map.of("customFields", Map.of(key, secret), "version", desk.path("version").asLong()))
                .expect(200);
        assertEquals(secret, agent.client().get("tickets/" + ticket).expect(200).json().path("customFields").path(key).asText());
        for (String path : List.of("portal/tickets", "portal/tickets/" + ticket, "portal/tickets/" + ticket + "/comments", "portal/me")) {
            String body = floPortal.get(path).expect(200).body();
            assertFalse(body.contains(secret) || body.contains(key) || body.contains("customFields"), path + ": " + body);
        }
    }
}
