package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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
 * The tickets module through its public API: calendars, SLA policies and queues as
 * administrators set them up (checked field by field), tickets numbered in order with their
 * SLA due times, clocks that pause while a ticket waits and keep their time, a public reply that
 * meets the first response while an internal note changes nothing, a policy change that moves
 * the due times, another team's tickets nowhere, and the module switched off and on with its
 * data kept. Email-to-ticket against real mail servers (GreenMail's SMTP and IMAP): a queue's
 * mailbox read by the server, a new mail opening a ticket with an acknowledgment, replies
 * threading by In-Reply-To, References and the subject's token, agents' replies mailed with
 * threading headers, automatic mail never answered, and nothing read twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TicketsIT {

    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "tickets.read", "tickets.write");

    /** Unique: the CI's database is shared by every run and class, and one queue reads an address. */
    private static final String DESK = BlackBox.unique("support").toLowerCase(java.util.Locale.ROOT) + "@desk.example.com";
    private static final String DESK_PASSWORD = "Desk-imap-s3cret";

    private static GreenMail mail;
    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static String aliceTeam;
    private static String person;
    private static String malloryPerson;
    private static String calendar;
    private static String queue;
    private static String policy;
    private static JsonNode ticket;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()})
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(DESK, "support", DESK_PASSWORD));
        mail.start();
        // The queue's mailbox is read every second, as well as when a test asks: both may read a message at once.
        // The SLA warnings look at two tickets a transaction, so that the tickets warned of come from later pages too.
        server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", "-Dmosaic.tickets.slaSeconds=1 -Dmosaic.tickets.mailSeconds=1"
                + " -Dmosaic.tickets.slaBatch=2",
                "MOSAIC_MAIL_HOST", "127.0.0.1", "MOSAIC_MAIL_PORT", String.valueOf(mail.getSmtp().getPort()), "MOSAIC_MAIL_SECURITY", "none",
                "MOSAIC_MAIL_FROM", "crm@example.com", "MOSAIC_ATTACHMENT_MAX_MB", "1")).start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 200);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        aliceTeam = BlackBox.createTeam(admin);
        alice = BlackBox.member(server, admin, "alice", aliceTeam);
        mallory = BlackBox.member(server, admin, "mallory", BlackBox.createTeam(admin));
        person = alice.client().post("contacts/people", Map.of("firstName", "Ana", "lastName", BlackBox.unique("Novak"))).expect(201)
                .json().path("id").asText();
        malloryPerson = mallory.client().post("contacts/people", Map.of("firstName", "Marko", "lastName", BlackBox.unique("Horvat")))
                .expect(201).json().path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields.stream().sorted().toList();
    }

    private static Map<String, Object> allDay() {
        Map<String, Object> hours = new HashMap<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            hours.put(day, List.of(Map.of("from", "00:00", "to", "00:00")));
        }
        return hours;
    }

    private static Instant instant(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : Instant.parse(node.asText());
    }

    @Test
    @Order(1)
    void administratorsSetUpCalendarsPoliciesAndQueuesWithCheckedFields() {
        Map<String, Object> office = Map.of("name", "Office", "timeZone", "Europe/Ljubljana",
                "hours", Map.of("monday", List.of(Map.of("from", "09:00", "to", "17:00"))), "holidays", List.of("2026-12-25"));
        alice.client().post("tickets/calendars", office).expectProblem(403);
        JsonNode bad = admin.post("tickets/calendars", Map.of("name", "Bad", "timeZone", "Mars/Olympus",
                "hours", Map.of("funday", List.of(), "monday", List.of(Map.of("from", "17:00", "to", "09:00"))),
                "holidays", List.of("someday"))).expectProblem(400);
        assertEquals(List.of("holidays", "hours.funday", "hours.monday", "timeZone"), errorFields(bad), bad.toString());
        JsonNode officeCalendar = admin.post("tickets/calendars", office).expect(201).json();
        assertEquals(List.of("2026-12-25"), List.of(officeCalendar.path("holidays").get(0).asText()));
        assertEquals("09:00", officeCalendar.path("hours").path("monday").get(0).path("from").asText());
        assertFalse(officeCalendar.path("allDay").asBoolean());

        JsonNode around = admin.post("tickets/calendars", Map.of("name", "Around the clock", "timeZone", "UTC", "hours", allDay()))
                .expect(201).json();
        assertTrue(around.path("allDay").asBoolean(), around.toString());
        calendar = around.path("id").asText();

        queue = admin.post("tickets/queues", Map.of("name", BlackBox.unique("Support"), "teamId", aliceTeam)).expect(201).json()
                .path("id").asText();
        JsonNode badPolicy = admin.post("tickets/sla-policies", Map.of("name", "Bad", "calendarId", "nope", "targets",
                Map.of("urgent", Map.of("firstResponse", 0), "whenever", Map.of()))).expectProblem(400);
        assertEquals(List.of("calendarId", "targets.urgent.firstResponse", "targets.whenever"), errorFields(badPolicy), badPolicy.toString());
        policy = admin.post("tickets/sla-policies", Map.of("name", BlackBox.unique("Standard"), "calendarId", calendar, "queueId", queue,
                "targets", Map.of("normal", Map.of("firstResponse", 60, "nextResponse", 120, "resolution", 480),
                        "urgent", Map.of("firstResponse", 15, "resolution", 120)))).expect(201).json().path("id").asText();
        JsonNode inUse = admin.delete("tickets/calendars/" + calendar).expectProblem(409);
        assertTrue(inUse.path("detail").asText().contains("1 SLA policy"), inUse.toString());
    }

    @Test
    @Order(2)
    void aTicketGetsTheNextNumberItsQueuesTeamAndItsDueTimes() {
        JsonNode refused = alice.client().post("tickets", Map.of("subject", "Printer on fire", "requesterId", malloryPerson,
                "priority", "soonish", "colour", "red")).expectProblem(400);
        assertTrue(refused.toString().contains("colour"), refused.toString());
        JsonNode invalid = alice.client().post("tickets", Map.of("subject", "Printer on fire", "requesterId", malloryPerson,
                "priority", "soonish")).expectProblem(400);
        assertEquals(List.of("priority", "requesterId"), errorFields(invalid), invalid.toString());

        Instant before = Instant.now();
        ticket = alice.client().post("tickets", Map.of("subject", "Printer on fire", "description", "Smoke from tray 2.",
                "requesterId", person, "queueId", queue, "channel", "email")).expect(201).json();
        Instant after = Instant.now();
        assertEquals("new", ticket.path("status").asText());
        assertEquals("normal", ticket.path("priority").asText());
        assertEquals(aliceTeam, ticket.path("teamId").asText(), "a ticket belongs to its queue's team");
        assertTrue(ticket.path("requesterName").asText().startsWith("Ana "), ticket.toString());
        JsonNode sla = ticket.path("sla");
        assertEquals(policy, sla.path("policyId").asText());
        Instant firstDue = instant(sla.path("firstResponseDue"));
        assertFalse(firstDue.isBefore(before.plus(Duration.ofMinutes(60)).minusSeconds(1)), sla.toString());
        assertFalse(firstDue.isAfter(after.plus(Duration.ofMinutes(60)).plusSeconds(1)), sla.toString());
        assertEquals(Duration.ofMinutes(420), Duration.between(firstDue, instant(sla.path("resolutionDue"))), "480 against 60 minutes");
        assertTrue(sla.path("nextResponseDue").isNull(), "no next response is owed yet");
        assertFalse(sla.path("breached").asBoolean());

        JsonNode second = alice.client().post("tickets", Map.of("subject", "Toner low", "requesterId", person, "queueId", queue,
                "priority", "urgent")).expect(201).json();
        assertEquals(ticket.path("number").asLong() + 1, second.path("number").asLong(), "numbers follow each other");
        Duration urgent = Duration.between(instant(second.path("createdAt")), instant(second.path("sla").path("firstResponseDue")));
        assertTrue(urgent.minus(Duration.ofMinutes(15)).abs().compareTo(Duration.ofSeconds(5)) < 0, "an urgent ticket's first response: " + urgent);
    }

    @Test
    @Order(3)
    void anotherTeamNeverSeesTheTicket() {
        String id = ticket.path("id").asText();
        mallory.client().get("tickets/" + id).expectProblem(404);
        mallory.client().patch("tickets/" + id, Map.of("status", "solved", "version", ticket.path("version").asLong())).expectProblem(404);
        mallory.client().post("tickets/" + id + "/comments", Map.of("body", "mine now", "public", true)).expectProblem(404);
        mallory.client().get("tickets/" + id + "/comments").expectProblem(404);
        for (JsonNode t : mallory.client().get("tickets?limit=100").expect(200).json().path("items")) {
            assertFalse(t.path("id").asText().equals(id), "another team's ticket in the list");
        }
        assertTrue(alice.client().get("tickets?queueId=" + queue).expect(200).json().path("items").toString().contains(id));
    }

    @Test
    @Order(4)
    void waitingForTheCustomerPausesTheClocksAndKeepsTheirTime() {
        String id = ticket.path("id").asText();
        Instant firstDue = instant(ticket.path("sla").path("firstResponseDue"));
        JsonNode pending = alice.client().patch("tickets/" + id, Map.of("status", "pending", "version", ticket.path("version").asLong()))
                .expect(200).json();
        assertTrue(pending.path("sla").path("firstResponseDue").isNull(), pending.toString());
        assertTrue(pending.path("sla").path("resolutionDue").isNull());
        assertFalse(pending.path("sla").path("firstResponse").path("running").asBoolean());
        alice.client().patch("tickets/" + id, Map.of("status", "open", "version", ticket.path("version").asLong())).expectProblem(409);
        JsonNode open = alice.client().patch("tickets/" + id, Map.of("status", "open", "version", pending.path("version").asLong()))
                .expect(200).json();
        Instant resumed = instant(open.path("sla").path("firstResponseDue"));
        assertNotNull(resumed, open.toString());
        assertFalse(resumed.isBefore(firstDue), "the pause is not counted: the due time moves later, never earlier");
        ticket = open;
    }

    @Test
    @Order(5)
    void aPublicReplyMeetsTheFirstResponseAndAnInternalNoteChangesNothing() {
        String id = ticket.path("id").asText();
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "Checked the logs.", "public", false)).expect(201);
        JsonNode afterNote = alice.client().get("tickets/" + id).expect(200).json();
        assertEquals(ticket.path("sla").path("firstResponseDue"), afterNote.path("sla").path("firstResponseDue"), "a note is no reply");
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "")).expectProblem(400);
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "We are on our way.", "public", true)).expect(201);
        JsonNode answered = alice.client().get("tickets/" + id).expect(200).json();
        JsonNode first = answered.path("sla").path("firstResponse");
        assertFalse(first.path("metAt").isNull(), answered.toString());
        assertFalse(first.path("breached").asBoolean());
        assertTrue(answered.path("sla").path("firstResponseDue").isNull());
        JsonNode comments = alice.client().get("tickets/" + id + "/comments").expect(200).json().path("items");
        assertEquals(2, comments.size());
        assertFalse(comments.get(0).path("isPublic").asBoolean());
        assertTrue(comments.get(1).path("isPublic").asBoolean());
        JsonNode timeline = alice.client().get("contacts/people/" + person + "/timeline").expect(200).json();
        assertTrue(timeline.toString().contains("We are on our way."), "the public reply is on the requester's timeline");
        assertFalse(timeline.toString().contains("Checked the logs."), "an internal note never is");
        ticket = answered;
    }

    @Test
    @Order(6)
    void theTeamFindsTheTicketBySubjectAndNumberAndNobodyElseDoes() {
        String id = ticket.path("id").asText();
        String subject = BlackBox.unique("Paper jam");
        String word = subject.substring(subject.lastIndexOf(' ') + 1);
        JsonNode jam = alice.client().post("tickets", Map.of("subject", subject, "requesterId", person, "queueId", queue)).expect(201).json();
        SearchIT.awaitSearch(alice.client(), word, a -> SearchIT.hasHit(a, jam.path("id").asText()));
        SearchIT.awaitSearch(alice.client(), "#" + ticket.path("number").asLong(), a -> SearchIT.hasHit(a, id));
        assertFalse(SearchIT.hasHit(SearchIT.search(mallory.client(), word), jam.path("id").asText()), "another team's ticket is not found");
        assertFalse(SearchIT.hasHit(SearchIT.search(alice.client(), "Checked the logs"), id), "internal notes are not indexed");
    }

    @Test
    @Order(7)
    void aPolicyChangeMovesTheDueTimesOfOpenTickets() {
        String id = ticket.path("id").asText();
        Instant resolutionDue = instant(ticket.path("sla").path("resolutionDue"));
        JsonNode current = admin.get("tickets/sla-policies/" + policy).expect(200).json();
        admin.put("tickets/sla-policies/" + policy, Map.of("name", current.path("name").asText(), "calendarId", calendar, "queueId", queue,
                "targets", Map.of("normal", Map.of("firstResponse", 60, "nextResponse", 120, "resolution", 960)),
                "version", current.path("version").asLong())).expect(200);
        JsonNode moved = alice.client().get("tickets/" + id).expect(200).json();
        assertEquals(Duration.ofMinutes(480), Duration.between(resolutionDue, instant(moved.path("sla").path("resolutionDue"))),
                moved.toString());
        ticket = moved;
    }

    @Test
    @Order(8)
    void solvingStopsTheResolutionClockAndReopeningRunsItAgain() {
        String id = ticket.path("id").asText();
        JsonNode solved = alice.client().patch("tickets/" + id, Map.of("status", "solved", "version", ticket.path("version").asLong()))
                .expect(200).json();
        assertFalse(solved.path("sla").path("resolution").path("metAt").isNull(), solved.toString());
        assertFalse(solved.path("solvedAt").isNull());
        JsonNode reopened = alice.client().patch("tickets/" + id, Map.of("status", "open", "version", solved.path("version").asLong()))
                .expect(200).json();
        assertTrue(reopened.path("sla").path("resolution").path("running").asBoolean(), reopened.toString());
        assertTrue(reopened.path("solvedAt").isNull());
        JsonNode held = admin.delete("tickets/queues/" + queue).expectProblem(409);
        assertTrue(held.path("detail").asText().contains("ticket"), held.toString());
        ticket = reopened;
    }

    @Test
    @Order(9)
    void theAssigneeOrElseTheTeamIsWarnedBeforeTheBreach() throws Exception {
        String urgentQueue = admin.post("tickets/queues", Map.of("name", BlackBox.unique("Urgent desk"), "teamId", aliceTeam)).expect(201)
                .json().path("id").asText();
        admin.post("tickets/sla-policies", Map.of("name", BlackBox.unique("Fast"), "calendarId", calendar, "queueId", urgentQueue,
                "targets", Map.of("urgent", Map.of("firstResponse", 1, "resolution", 600)))).expect(201);
        // One minute to the first response: a fifth of it is under the one-minute lead, so "due soon" is owed at once.
        JsonNode assigned = alice.client().post("tickets", Map.of("subject", "Site down", "requesterId", person, "queueId", urgentQueue,
                "priority", "urgent", "assigneeId", alice.id())).expect(201).json();
        JsonNode unassigned = alice.client().post("tickets", Map.of("subject", "Checkout broken", "requesterId", person,
                "queueId", urgentQueue, "priority", "urgent")).expect(201).json();
        String first = "first response of #" + assigned.path("number").asLong() + " Site down";
        String second = "first response of #" + unassigned.path("number").asLong() + " Checkout broken";
        List<String> titles = List.of();
        for (int i = 0; i < 60 && !(titles.stream().anyMatch(t -> t.contains(first)) && titles.stream().anyMatch(t -> t.contains(second))); i++) {
            Thread.sleep(500);
            titles = new ArrayList<>();
            for (JsonNode n : alice.client().get("notifications").expect(200).json().path("items")) {
                titles.add(n.path("title").asText());
            }
        }
        List<String> seen = titles;
        assertEquals(1, seen.stream().filter(t -> t.contains(first)).count(), "the assignee is warned once: " + seen);
        assertEquals(1, seen.stream().filter(t -> t.contains(second)).count(), "without an assignee, the team: " + seen);
        assertTrue(seen.stream().anyMatch(t -> t.startsWith("SLA: first response of #" + assigned.path("number").asLong())), seen.toString());
        for (JsonNode n : mallory.client().get("notifications").expect(200).json().path("items")) {
            assertFalse(n.path("title").asText().contains("Site down"), "another team is not told");
        }
        Thread.sleep(2_500);
        long again = 0;
        for (JsonNode n : alice.client().get("notifications").expect(200).json().path("items")) {
            again += n.path("title").asText().contains(first) ? 1 : 0;
        }
        assertEquals(1, again, "no second warning before the breach");
    }

    @Test
    @Order(10)
    void mergingMovesTheConversationAndClosesTheDuplicate() {
        JsonNode duplicate = alice.client().post("tickets", Map.of("subject", "Printer smoking again", "requesterId", person,
                "queueId", queue)).expect(201).json();
        String dup = duplicate.path("id").asText();
        alice.client().post("tickets/" + dup + "/comments", Map.of("body", "Same printer, tray 2.", "public", true)).expect(201);
        JsonNode current = alice.client().get("tickets/" + dup).expect(200).json();
        alice.client().post("tickets/" + dup + "/merge", Map.of("into", dup, "version", current.path("version").asLong())).expectProblem(400);
        mallory.client().post("tickets/" + dup + "/merge", Map.of("into", ticket.path("id").asText(), "version", current.path("version")
                .asLong())).expectProblem(404);
        assertTrue(current.path("version").asLong() > 1, "the reply changed the duplicate's clocks: " + current);
        alice.client().post("tickets/" + dup + "/merge", Map.of("into", ticket.path("id").asText(), "version",
                current.path("version").asLong() - 1)).expectProblem(409);
        JsonNode target = alice.client().post("tickets/" + dup + "/merge", Map.of("into", ticket.path("id").asText(),
                "version", current.path("version").asLong())).expect(200).json();
        assertEquals(ticket.path("id").asText(), target.path("id").asText());
        JsonNode merged = alice.client().get("tickets/" + dup).expect(200).json();
        assertEquals("closed", merged.path("status").asText());
        assertEquals(ticket.path("id").asText(), merged.path("mergedInto").asText());
        String conversation = alice.client().get("tickets/" + ticket.path("id").asText() + "/comments").expect(200).json().toString();
        assertTrue(conversation.contains("Same printer, tray 2."), "the duplicate's reply moved: " + conversation);
        assertTrue(conversation.contains("was merged into this one"), conversation);
        alice.client().post("tickets/" + dup + "/merge", Map.of("into", ticket.path("id").asText(), "version", merged.path("version")
                .asLong())).expectProblem(409);
        ticket = alice.client().get("tickets/" + ticket.path("id").asText()).expect(200).json();
    }

    @Test
    @Order(11)
    void switchingTheModuleOffAndOnKeepsTheTickets() {
        admin.post("modules/tickets/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 404);
        alice.client().get("contacts/people/" + person).expect(200);
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 200);
        JsonNode back = alice.client().get("tickets/" + ticket.path("id").asText()).expect(200).json();
        assertEquals(ticket.path("number").asLong(), back.path("number").asLong());
        assertEquals("Printer on fire", back.path("subject").asText());
    }

    /** Puts a message into the desk's mailbox, as the mail server would have delivered it. */
    private static void toDesk(String from, String messageId, String subject, String headers, String body) throws Exception {
        String raw = "From: " + from + "\nTo: " + DESK + "\nSubject: " + subject + "\nMessage-ID: " + messageId + headers
                + "\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n";
        deliver(raw);
    }

    private static void deliver(String raw) throws Exception {
        mail.getUserManager().getUserByEmail(DESK).deliver(new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            for (jakarta.mail.Address a : m.getAllRecipients()) {
                if (a.toString().equalsIgnoreCase(address) && !DESK.equalsIgnoreCase(a.toString())) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    private static List<MimeMessage> awaitMail(String address, int count) throws Exception {
        for (int i = 0; i < 300 && mailTo(address).size() < count; i++) {
            Thread.sleep(50);
        }
        List<MimeMessage> found = mailTo(address);
        assertEquals(count, found.size(), "mails to " + address);
        return found;
    }

    private static String header(MimeMessage m, String name) throws Exception {
        String[] values = m.getHeader(name);
        return values == null ? null : values[0].replaceAll("\\s+", " ");
    }

    /** The ticket of the queue with this subject, once the mailbox has been read. */
    private static JsonNode awaitTicket(String subject) throws Exception {
        for (int i = 0; i < 200; i++) {
            for (JsonNode t : admin.get("tickets?queueId=" + queue + "&limit=100").expect(200).json().path("items")) {
                if (t.path("subject").asText().equals(subject)) {
                    return t;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ticket " + subject);
    }

    private static JsonNode comments(String ticketId) {
        return admin.get("tickets/" + ticketId + "/comments").expect(200).json().path("items");
    }

    private static JsonNode awaitComments(String ticketId, int count) throws Exception {
        for (int i = 0; i < 200 && comments(ticketId).size() < count; i++) {
            Thread.sleep(50);
        }
        JsonNode found = comments(ticketId);
        assertEquals(count, found.size(), found.toString());
        return found;
    }

    private static int ticketsOfQueue() {
        return admin.get("tickets?queueId=" + queue + "&limit=100").expect(200).json().path("items").size();
    }

    @Test
    @Order(12)
    void aQueuesMailboxOpensTicketsThreadsRepliesAndNeverLoops() throws Exception {
        Map<String, Object> mailbox = new HashMap<>(Map.of("queueId", queue, "address", DESK, "imapHost", "127.0.0.1", "imapPort",
                mail.getImap().getPort(), "imapSecurity", "none", "imapUser", "support", "imapPassword", DESK_PASSWORD));
        alice.client().post("tickets/mailboxes", mailbox).expectProblem(403);
        JsonNode bad = admin.post("tickets/mailboxes", Map.of("queueId", "nope", "address", "not mail", "imapHost", "bad host!",
                "imapSecurity", "ssl2")).expectProblem(400);
        assertEquals(List.of("address", "imapHost", "imapSecurity", "imapUser", "queueId"), errorFields(bad), bad.toString());
        var created = admin.post("tickets/mailboxes", mailbox).expect(201);
        assertFalse(created.body().contains(DESK_PASSWORD), created.body());
        assertTrue(created.json().path("imapPasswordSet").asBoolean());
        admin.post("tickets/mailboxes", mailbox).expectProblem(409);
        assertFalse(admin.get("tickets/mailboxes").expect(200).body().contains(DESK_PASSWORD));
        String mailboxId = created.json().path("id").asText();

        // A new mail opens a ticket for a new person and is acknowledged, automatically and with the ticket's token.
        String customer = BlackBox.unique("cvetka") + "@example.com";
        String subject = BlackBox.unique("Printer jammed");
        String first = "<" + BlackBox.unique("c1") + "@example.com>";
        toDesk("Cvetka Kranjc <" + customer + ">", first, subject, "", "The printer on floor 2 is jammed again.");
        JsonNode t = awaitTicket(subject);
        String id = t.path("id").asText();
        long number = t.path("number").asLong();
        assertEquals("email", t.path("channel").asText());
        assertEquals("new", t.path("status").asText());
        assertEquals("The printer on floor 2 is jammed again.", t.path("description").asText());
        JsonNode requester = admin.get("contacts/people/" + t.path("requesterId").asText()).expect(200).json();
        assertEquals(customer, requester.path("emails").path(0).path("address").asText(), requester.toString());
        assertEquals("Kranjc", requester.path("lastName").asText());
        MimeMessage ack = awaitMail(customer, 1).get(0);
        assertTrue(ack.getSubject().startsWith("[#" + number + "] "), ack.getSubject());
        assertEquals("auto-generated", header(ack, "Auto-Submitted"));
        assertEquals(first, header(ack, "In-Reply-To"));
        assertEquals(DESK, ack.getReplyTo()[0].toString());

        // Reading the mailbox again, as often as asked, opens nothing twice.
        assertEquals(0, admin.post("tickets/mailboxes/" + mailboxId + "/poll", Map.of()).expect(200).json().path("handled").asInt());
        int tickets = ticketsOfQueue();

        // The customer answers the acknowledgment (In-Reply-To): a public comment of theirs on the same ticket.
        toDesk(customer, "<" + BlackBox.unique("c2") + "@example.com>", "Re: " + ack.getSubject(), "\nIn-Reply-To: " + ack.getMessageID()
                + "\nReferences: " + first + " " + ack.getMessageID(), "It is the tray, I think.");
        JsonNode conversation = awaitComments(id, 1);
        assertTrue(conversation.path(0).path("isPublic").asBoolean());
        assertTrue(conversation.path(0).path("authorId").isNull(), conversation.toString());
        assertEquals("It is the tray, I think.", conversation.path(0).path("body").asText());

        // The agent's public reply goes out by mail with the threading headers; an internal note does not.
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "We are sending someone.", "public", true)).expect(201);
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "Tray 2 again.", "public", false)).expect(201);
        MimeMessage reply = awaitMail(customer, 2).stream().filter(m -> !m.equals(ack)).filter(m -> {
            try {
                return m.getContent().toString().contains("We are sending someone.");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        assertTrue(reply.getSubject().startsWith("[#" + number + "] "), reply.getSubject());
        assertTrue(header(reply, "References").contains(first), header(reply, "References"));
        assertNotNull(header(reply, "In-Reply-To"));
        assertEquals(null, header(reply, "Auto-Submitted"), "an agent's reply is no automatic message");
        Thread.sleep(500);
        assertEquals(2, mailTo(customer).size(), "the internal note is not mailed");

        // Threading by References alone, then by the subject's token alone.
        toDesk(customer, "<" + BlackBox.unique("c3") + "@example.com>", "Re: something", "\nReferences: <unknown@example.com> "
                + reply.getMessageID(), "Thanks, by References.");
        awaitComments(id, 4);
        toDesk(customer, "<" + BlackBox.unique("c4") + "@example.com>", "Fwd: [#" + number + "] about the printer", "", "By the token.");
        JsonNode all = awaitComments(id, 5);
        assertEquals("By the token.", all.path(4).path("body").asText());
        // Someone else's mail with the token is no comment on the ticket: numbers are easy to guess.
        String stranger = BlackBox.unique("eve") + "@example.com";
        String hijack = "[#" + number + "] " + BlackBox.unique("Let me in");
        toDesk(stranger, "<" + BlackBox.unique("e1") + "@example.com>", hijack, "", "Hello.");
        JsonNode strangers = awaitTicket(hijack.substring(hijack.indexOf("] ") + 2));
        assertFalse(strangers.path("id").asText().equals(id));
        assertEquals(1, awaitMail(stranger, 1).size());

        // Automatic mail opens or threads but is never answered; the desk's own address is left alone.
        String robot = BlackBox.unique("robot") + "@example.com";
        String away = BlackBox.unique("Out of office");
        toDesk(robot, "<" + BlackBox.unique("a1") + "@example.com>", away, "\nAuto-Submitted: auto-replied", "I am away.");
        String list = BlackBox.unique("Newsletter");
        toDesk(robot, "<" + BlackBox.unique("a2") + "@example.com>", list, "\nPrecedence: bulk", "News.");
        toDesk(customer, "<" + BlackBox.unique("a3") + "@example.com>", "Auto: away", "\nAuto-Submitted: auto-replied\nIn-Reply-To: "
                + reply.getMessageID(), "Cvetka is away.");
        toDesk(DESK, "<" + BlackBox.unique("own") + "@desk.example.com>", BlackBox.unique("Loop"), "", "Our own.");
        // An address no person can have opens nothing, and does not stop the mailbox.
        toDesk("root@localhost", "<" + BlackBox.unique("l1") + "@localhost>", BlackBox.unique("Cron"), "", "Daily report.");
        awaitTicket(away);
        awaitTicket(list);
        awaitComments(id, 6);
        admin.post("tickets/mailboxes/" + mailboxId + "/poll", Map.of()).expect(200);
        Thread.sleep(4000);
        assertEquals(0, mailTo(robot).size(), "automatic mail gets no acknowledgment");
        assertEquals(2, mailTo(customer).size());
        assertEquals(tickets + 3, ticketsOfQueue(), "the stranger's, the auto-reply's and the list's; not the desk's own");

        // Acknowledgments per sender are limited: a fourth new mail within the hour opens a ticket but gets no answer.
        String busy = BlackBox.unique("busy") + "@example.com";
        for (int i = 1; i <= 4; i++) {
            String busySubject = BlackBox.unique("Question " + i);
            toDesk(busy, "<" + BlackBox.unique("b" + i) + "@example.com>", busySubject, "", "Question " + i + ".");
            awaitTicket(busySubject);
        }
        awaitMail(busy, 3);
        Thread.sleep(4000);
        assertEquals(3, mailTo(busy).size(), "at most three acknowledgments an hour to one address");
        tickets += 4;

        // Attachments are kept with the ticket the mail opened.
        String withFile = BlackBox.unique("Invoice attached");
        deliver("From: " + customer + "\nTo: " + DESK + "\nSubject: " + withFile + "\nMessage-ID: <" + BlackBox.unique("f1")
                + "@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
                + "See the invoice.\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"invoice.pdf\"\n"
                + "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n");
        String fileTicket = awaitTicket(withFile).path("id").asText();
        JsonNode invoice = admin.get("tickets/" + fileTicket + "/comments").expect(200).json().path("attachments").path(0);
        assertEquals("invoice.pdf", invoice.path("name").asText(), invoice.toString());
        assertEquals("%PDF-1.4\n", new String(admin.download("tickets/" + fileTicket + "/attachments/" + invoice.path("id").asText())
                .body(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, comments(fileTicket).size(), "no note: the file is on the ticket");

        // A delivery report on the agent's reply: an internal note, never an answer.
        deliver("Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.com\nTo: " + DESK + "\nSubject: Undelivered Mail\nMessage-ID: <"
                + BlackBox.unique("dsn") + "@mx.example.com>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status;"
                + " boundary=\"r\"\n\n--r\nContent-Type: text/plain\n\nNot delivered.\n--r\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; " + customer + "\nAction: failed\nStatus: 5.2.2\n"
                + "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n--r\nContent-Type: text/rfc822-headers\n\nMessage-ID: "
                + reply.getMessageID() + "\nSubject: x\n\n--r--\n");
        JsonNode withReport = awaitComments(id, 7);
        assertTrue(withReport.toString().contains("could not be delivered: 5.2.2 552 5.2.2 Mailbox full"), withReport.toString());

        // Polled again and again: nothing doubles.
        admin.post("tickets/mailboxes/" + mailboxId + "/poll", Map.of()).expect(200);
        admin.post("tickets/mailboxes/" + mailboxId + "/poll", Map.of()).expect(200);
        assertEquals(7, comments(id).size());
        assertEquals(tickets + 4, ticketsOfQueue());
        // Two acknowledgments (the first ticket, the invoice's) and the agent's reply; none for the comments.
        awaitMail(customer, 3);
        assertFalse(server.output().contains(DESK_PASSWORD), "the mailbox's password is never logged");
    }

    private static String firstHeader(java.net.http.HttpResponse<byte[]> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    @Order(13)
    void repliesAndNotesCarryFilesThatAreServedAsDownloadsOnlyWithinTheTicketsReach() {
        String id = alice.client().post("tickets", Map.of("subject", BlackBox.unique("Screenshot"), "requesterId", person, "queueId", queue))
                .expect(201).json().path("id").asText();
        byte[] png = Multipart.binary(200_000, 1);
        byte[] page = "<html><body><script>fetch('/api/v1/auth/me')</script></body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] text = "Zdravo, ёжик!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode note = new Multipart().field("body", "See the screenshot.").field("public", "false")
                .file("files", "screen shot.png", "image/png", png).file("files", "../../evil.html", "text/html", page)
                .file("files", "Čas ёж.txt", "text/plain", text).post(alice.client(), "tickets/" + id + "/comments").expect(201).json();
        assertFalse(note.path("isPublic").asBoolean());
        JsonNode files = note.path("attachments");
        assertEquals(3, files.size(), note.toString());
        assertEquals("evil.html", files.get(1).path("name").asText(), "no path");
        assertEquals("application/octet-stream", files.get(1).path("contentType").asText());
        assertEquals(png.length, files.get(0).path("size").asLong());
        assertEquals(files, comments(id).path(0).path("attachments"), "listed with the note");

        java.net.http.HttpResponse<byte[]> image = alice.client().download("tickets/" + id + "/attachments/" + files.get(0).path("id").asText());
        assertEquals(200, image.statusCode());
        assertTrue(java.util.Arrays.equals(png, image.body()), "the bytes come back as they went");
        assertEquals("image/png", firstHeader(image, "Content-Type"));
        assertEquals("nosniff", firstHeader(image, "X-Content-Type-Options"));
        assertTrue(firstHeader(image, "Content-Disposition").startsWith("attachment;"), firstHeader(image, "Content-Disposition"));
        assertTrue(firstHeader(image, "Content-Disposition").contains("filename*=UTF-8''screen%20shot.png"), firstHeader(image,
                "Content-Disposition"));
        // An uploaded page is a download of bytes, never a page of the site.
        java.net.http.HttpResponse<byte[]> html = alice.client().download("tickets/" + id + "/attachments/" + files.get(1).path("id").asText());
        assertEquals(200, html.statusCode());
        assertEquals("application/octet-stream", firstHeader(html, "Content-Type"));
        assertEquals("nosniff", firstHeader(html, "X-Content-Type-Options"));
        assertTrue(firstHeader(html, "Content-Disposition").startsWith("attachment;"));
        assertTrue(java.util.Arrays.equals(page, html.body()));
        java.net.http.HttpResponse<byte[]> txt = alice.client().download("tickets/" + id + "/attachments/" + files.get(2).path("id").asText());
        assertTrue(firstHeader(txt, "Content-Type").startsWith("text/plain"), firstHeader(txt, "Content-Type"));
        assertTrue(firstHeader(txt, "Content-Disposition").contains("filename*=UTF-8''%C4%8Cas%20%D1%91%D0%B6.txt"),
                firstHeader(txt, "Content-Disposition"));
        assertTrue(java.util.Arrays.equals(text, txt.body()));

        // Another team's user cannot see the ticket: its files are not there for them either.
        assertEquals(404, mallory.client().download("tickets/" + id + "/attachments/" + files.get(0).path("id").asText()).statusCode());
        // A file of another ticket is not one of this ticket's, even for whom may see both.
        String other = alice.client().post("tickets", Map.of("subject", BlackBox.unique("Other"), "requesterId", person, "queueId", queue))
                .expect(201).json().path("id").asText();
        String otherFile = new Multipart().field("body", "Log attached.").field("public", "true")
                .file("files", "log.txt", "text/plain", text).post(alice.client(), "tickets/" + other + "/comments").expect(201).json()
                .path("attachments").path(0).path("id").asText();
        assertEquals(404, alice.client().download("tickets/" + id + "/attachments/" + otherFile).statusCode());
        assertEquals(200, alice.client().download("tickets/" + other + "/attachments/" + otherFile).statusCode());
        assertEquals(404, alice.client().download("tickets/" + id + "/attachments/not-an-id").statusCode());

        // Over the limit (1 MB on this server): 413 naming the file, and neither the reply nor any file is stored.
        JsonNode tooLarge = new Multipart().field("body", "The whole dump.").field("public", "true")
                .file("files", "small.txt", "text/plain", text).file("files", "dump.bin", "application/octet-stream", new byte[1024 * 1024 + 1])
                .post(alice.client(), "tickets/" + id + "/comments").expectProblem(413);
        assertTrue(tooLarge.path("detail").asText().contains("dump.bin"), tooLarge.toString());
        assertEquals(1, comments(id).size());
        // Exactly at the limit is fine; JSON replies are as they were.
        new Multipart().field("body", "Exactly one MB.").field("public", "false").file("files", "mb.bin", "application/octet-stream",
                new byte[1024 * 1024]).post(alice.client(), "tickets/" + id + "/comments").expect(201);
        alice.client().post("tickets/" + id + "/comments", Map.of("body", "Plain.", "public", false)).expect(201);
        JsonNode all = comments(id);
        assertEquals(3, all.size());
        assertEquals(0, all.path(2).path("attachments").size());
        // Fields are checked as in JSON.
        new Multipart().field("public", "maybe").post(alice.client(), "tickets/" + id + "/comments").expectProblem(400);
    }

    /** A mail with a text part and attachments, as a mail program sends it. */
    private static String mailWithFiles(String from, String subject, String text, Object... namesTypesAndBytes) {
        StringBuilder raw = new StringBuilder("From: " + from + "\nTo: " + DESK + "\nSubject: " + subject + "\nMessage-ID: <"
                + BlackBox.unique("att") + "@example.com>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
                + "Content-Type: text/plain; charset=utf-8\n\n" + text + "\n");
        for (int i = 0; i < namesTypesAndBytes.length; i += 3) {
            raw.append("--b\nContent-Type: ").append(namesTypesAndBytes[i + 1]).append("\nContent-Disposition: attachment; filename=\"")
                    .append(namesTypesAndBytes[i]).append("\"\nContent-Transfer-Encoding: base64\n\n")
                    .append(java.util.Base64.getMimeEncoder(76, "\n".getBytes()).encodeToString((byte[]) namesTypesAndBytes[i + 2]))
                    .append("\n");
        }
        return raw.append("--b--\n").toString();
    }

    @Test
    @Order(14)
    void mailAttachmentsAreKeptUnderTheSameLimitAndOnesOverItAreNamedInTheText() throws Exception {
        String customer = BlackBox.unique("filip") + "@example.com";
        String subject = BlackBox.unique("Scanned form");
        byte[] scan = Multipart.binary(50_000, 2);
        deliver(mailWithFiles(customer, subject, "Here is the form.", "form.pdf", "application/pdf", scan));
        JsonNode t = awaitTicket(subject);
        String id = t.path("id").asText();
        JsonNode own = admin.get("tickets/" + id + "/comments").expect(200).json().path("attachments");
        assertEquals("form.pdf", own.path(0).path("name").asText(), own.toString());
        java.net.http.HttpResponse<byte[]> form = admin.download("tickets/" + id + "/attachments/" + own.path(0).path("id").asText());
        assertTrue(java.util.Arrays.equals(scan, form.body()));
        assertEquals("application/pdf", firstHeader(form, "Content-Type"));

        // The customer's answer (by the subject's token) with a photo and a file over the limit: the photo is kept, the other named.
        byte[] photo = Multipart.binary(10_000, 3);
        byte[] huge = Multipart.binary(1024 * 1024 + 10, 4);
        deliver(mailWithFiles(customer, "Re: [#" + t.path("number").asLong() + "] " + subject, "Two more.", "photo.png", "image/png", photo,
                "huge.bin", "application/octet-stream", huge));
        JsonNode comment = awaitComments(id, 1).path(0);
        assertTrue(comment.path("isPublic").asBoolean());
        assertEquals(1, comment.path("attachments").size(), comment.toString());
        assertEquals("photo.png", comment.path("attachments").path(0).path("name").asText());
        assertTrue(java.util.Arrays.equals(photo, admin.download("tickets/" + id + "/attachments/"
                + comment.path("attachments").path(0).path("id").asText()).body()));
        String body = comment.path("body").asText();
        assertTrue(body.startsWith("Two more."), body);
        assertTrue(body.contains("huge.bin") && body.contains(String.valueOf(huge.length)), body);

        // An agent's public reply goes out by mail with its files attached, after the acknowledgment of the first mail.
        byte[] answer = Multipart.binary(20_000, 8);
        new Multipart().field("body", "Fill in this one instead.").field("public", "true").file("files", "new form.pdf", "application/pdf",
                answer).post(alice.client(), "tickets/" + id + "/comments").expect(201);
        MimeMessage withFile = awaitMail(customer, 2).stream().filter(m -> {
            try {
                return m.getContent() instanceof jakarta.mail.Multipart;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        jakarta.mail.Multipart mixed = (jakarta.mail.Multipart) withFile.getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).getContent().toString().contains("Fill in this one instead."));
        assertEquals("new form.pdf", mixed.getBodyPart(1).getFileName());
        assertTrue(mixed.getBodyPart(1).isMimeType("application/pdf"), mixed.getBodyPart(1).getContentType());
        assertTrue(java.util.Arrays.equals(answer, mixed.getBodyPart(1).getInputStream().readAllBytes()));
    }

    @Test
    @Order(15)
    void cannedResponsesAreAnAgentsOwnOrSharedAndFillInTheTicketsFields() {
        String mine = BlackBox.unique("Greeting");
        JsonNode unknown = alice.client().post("tickets/canned-responses", Map.of("name", mine, "body", "Dear {{ticket.colour}}"))
                .expectProblem(400);
        assertEquals(List.of("body"), errorFields(unknown), unknown.toString());
        assertTrue(unknown.toString().contains("ticket.colour"), unknown.toString());
        JsonNode notAdmin = alice.client().post("tickets/canned-responses", Map.of("name", mine, "body", "Hi", "shared", true))
                .expectProblem(400);
        assertEquals(List.of("shared"), errorFields(notAdmin), notAdmin.toString());

        JsonNode own = alice.client().post("tickets/canned-responses", Map.of("name", mine, "body",
                "Hello {{requester.firstName|there}}, about #{{ticket.number}} ({{ ticket.subject }}) at {{organization.name|your company}}. "
                        + "{{agent.name}}")).expect(201).json();
        assertFalse(own.path("shared").asBoolean());
        assertTrue(own.path("editable").asBoolean());
        JsonNode shared = admin.post("tickets/canned-responses", Map.of("name", BlackBox.unique("Closing"), "body",
                "Solved, {{requester.lastName}}.", "shared", true)).expect(201).json();
        String ownId = own.path("id").asText();
        String sharedId = shared.path("id").asText();

        // Each agent sees their own and the shared ones; another agent's is as if it did not exist.
        List<JsonNode> alicesList = new ArrayList<>();
        alice.client().get("tickets/canned-responses").expect(200).json().path("items").forEach(alicesList::add);
        assertTrue(BlackBox.anyHas(alicesList, "id", ownId) && BlackBox.anyHas(alicesList, "id", sharedId), alicesList.toString());
        List<JsonNode> mallorysList = new ArrayList<>();
        mallory.client().get("tickets/canned-responses").expect(200).json().path("items").forEach(mallorysList::add);
        assertTrue(BlackBox.anyHas(mallorysList, "id", sharedId) && !BlackBox.anyHas(mallorysList, "id", ownId), mallorysList.toString());
        mallory.client().get("tickets/canned-responses/" + ownId).expectProblem(404);
        mallory.client().put("tickets/canned-responses/" + ownId, Map.of("name", "x", "body", "x", "version", own.path("version").asLong()))
                .expectProblem(404);

        // Only administrators change a shared one; an update needs the current version.
        alice.client().put("tickets/canned-responses/" + sharedId, Map.of("name", "Mine now", "body", "x", "version",
                shared.path("version").asLong())).expectProblem(403);
        alice.client().put("tickets/canned-responses/" + ownId, Map.of("name", mine, "body", "x", "version", own.path("version").asLong() + 3))
                .expectProblem(409);
        JsonNode renamed = alice.client().put("tickets/canned-responses/" + ownId, Map.of("name", mine + " 2", "body", own.path("body").asText(),
                "version", own.path("version").asLong())).expect(200).json();
        assertEquals(mine + " 2", renamed.path("name").asText());

        // Rendered for a ticket inside its access rule.
        String ticketId = ticket.path("id").asText();
        String body = alice.client().post("tickets/" + ticketId + "/canned-responses/" + ownId + "/render", Map.of()).expect(200).json()
                .path("body").asText();
        assertEquals("Hello Ana, about #" + ticket.path("number").asLong() + " (Printer on fire) at your company. " + alice.username(), body);
        String lastName = alice.client().get("contacts/people/" + person).expect(200).json().path("lastName").asText();
        assertEquals("Solved, " + lastName + ".", alice.client().post("tickets/" + ticketId + "/canned-responses/" + sharedId + "/render",
                Map.of()).expect(200).json().path("body").asText());
        mallory.client().post("tickets/" + ticketId + "/canned-responses/" + sharedId + "/render", Map.of()).expectProblem(404);

        alice.client().delete("tickets/canned-responses/" + ownId).expect(204);
        alice.client().get("tickets/canned-responses/" + ownId).expectProblem(404);
        admin.delete("tickets/canned-responses/" + sharedId).expect(204);
    }

    /**
     * The SLA clocks against the server's clock moved on (only test servers have a clock that
     * moves): three hours waiting for the customer move the due times three hours later, to
     * the second; two hours past the due time the ticket is breached, flagged, and its assignee
     * told once. Last in the class: it moves the clock back and signs everyone in again.
     */
    @Test
    @Order(99)
    void withTheClockMovedOnAPauseIsNotCountedAndABreachIsFlaggedAndToldOnce() throws Exception {
        String clockedQueue = admin.post("tickets/queues", Map.of("name", BlackBox.unique("Clocked desk"), "teamId", aliceTeam)).expect(201)
                .json().path("id").asText();
        admin.post("tickets/sla-policies", Map.of("name", BlackBox.unique("Clocked"), "calendarId", calendar, "queueId", clockedQueue,
                "targets", Map.of("normal", Map.of("firstResponse", 60, "resolution", 480)))).expect(201);
        JsonNode created = alice.client().post("tickets", Map.of("subject", "Clocked", "requesterId", person, "queueId", clockedQueue,
                "assigneeId", alice.id())).expect(201).json();
        String id = created.path("id").asText();
        Instant firstDue = instant(created.path("sla").path("firstResponseDue"));
        Instant resolutionDue = instant(created.path("sla").path("resolutionDue"));
        Duration tolerance = Duration.ofSeconds(5);
        try {
            // Half an hour on (sessions idle that long have expired: each step signs in again), the customer is waited for.
            server.moveClock(Duration.ofMinutes(30));
            ApiClient a = BlackBox.signIn(server, alice.username(), BlackBox.PASSWORD);
            JsonNode pending = a.patch("tickets/" + id, Map.of("status", "pending", "version", created.path("version").asLong())).expect(200).json();
            // Three hours later the customer answers: the clocks run again, the pause not counted.
            server.moveClock(Duration.ofMinutes(210));
            a = BlackBox.signIn(server, alice.username(), BlackBox.PASSWORD);
            JsonNode open = a.patch("tickets/" + id, Map.of("status", "open", "version", pending.path("version").asLong())).expect(200).json();
            Duration firstMoved = Duration.between(firstDue, instant(open.path("sla").path("firstResponseDue")));
            Duration resolutionMoved = Duration.between(resolutionDue, instant(open.path("sla").path("resolutionDue")));
            assertTrue(firstMoved.minus(Duration.ofHours(3)).abs().compareTo(tolerance) < 0, "first response due moved by " + firstMoved);
            assertTrue(resolutionMoved.minus(Duration.ofHours(3)).abs().compareTo(tolerance) < 0, "resolution due moved by " + resolutionMoved);
            assertFalse(open.path("sla").path("breached").asBoolean(), open.toString());

            // Two hours on, half an hour past the first response's due time: breached, flagged, and told
            // in the assignee's language. The language is chosen before the clock moves: the warning job
            // (every second here) may tell the breach the moment it does, in the language of that moment.
            a.put("preferences", Map.of("language", "es")).expect(200);
            server.moveClock(Duration.ofMinutes(330));
            a = BlackBox.signIn(server, alice.username(), BlackBox.PASSWORD);
            JsonNode late = a.get("tickets/" + id).expect(200).json();
            assertTrue(late.path("sla").path("breached").asBoolean(), late.toString());
            assertTrue(late.path("sla").path("firstResponse").path("breached").asBoolean(), late.toString());
            assertFalse(late.path("sla").path("resolution").path("breached").asBoolean(), "resolution is due later: " + late);
            String told = "SLA incumplido: la primera respuesta a #" + created.path("number").asLong() + " Clocked vencía el ";
            long seen = 0;
            for (int i = 0; i < 60 && seen == 0; i++) {
                Thread.sleep(500);
                seen = countTitles(a, told);
            }
            assertEquals(1, seen, "the assignee is told of the breach");
            Thread.sleep(2_500);
            assertEquals(1, countTitles(a, told), "once");
            assertTrue(a.get("tickets?breached=true&limit=100").expect(200).json().path("items").toString().contains(id),
                    "the list's breach filter finds it");
        } finally {
            server.moveClock(Duration.ZERO);
            BlackBox.signIn(server, alice.username(), BlackBox.PASSWORD).put("preferences", Map.of("language", "en")).expect(200);
            alice = new BlackBox.Member(alice.id(), alice.username(), BlackBox.signIn(server, alice.username(), BlackBox.PASSWORD));
            mallory = new BlackBox.Member(mallory.id(), mallory.username(), BlackBox.signIn(server, mallory.username(), BlackBox.PASSWORD));
            admin = BlackBox.admin(server);
        }
    }

    private static long countTitles(ApiClient client, String prefix) {
        long n = 0;
        for (JsonNode item : client.get("notifications?limit=100").expect(200).json().path("items")) {
            n += item.path("title").asText().startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    // ---- custom fields and the CSV export (issue 20) ----

    /** The custom fields' keys of this run: on PostgreSQL every test class of a run shares one database. */
    private static final String CF = "_" + BlackBox.unique("k").substring(2, 8);

    private static String ticketField(String key, String type, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.putAll(Map.of("entity", "ticket", "key", key + CF, "label", key.toUpperCase(java.util.Locale.ROOT), "type", type));
        return admin.post("tickets/fields", body).expect(201).json().path("id").asText();
    }

    @Test
    @Order(20)
    void ticketsCarryCustomFieldsThatAreCheckedFilteredAndKeptWithinReach() {
        alice.client().post("tickets/fields", Map.of("entity", "ticket", "key", "product" + CF, "label", "Product", "type", "text"))
                .expectProblem(403);
        ticketField("product", "choice", Map.of("choices", List.of("Printer", "Scanner")));
        ticketField("units", "number", Map.of());
        ticketField("since", "date", Map.of());
        ticketField("vip", "boolean", Map.of());
        long ours = 0;
        for (JsonNode f : alice.client().get("tickets/fields?entity=ticket").expect(200).json().path("items")) {
            ours += f.path("key").asText().endsWith(CF) ? 1 : 0;
        }
        assertEquals(4, ours, "whoever reads tickets sees the definitions");

        JsonNode bad = alice.client().post("tickets", Map.of("subject", "Custom", "requesterId", person, "queueId", queue, "customFields",
                Map.of("product" + CF, "Toaster", "units" + CF, "many", "since" + CF, "31.1.2024", "vip" + CF, "yes", "bogus" + CF, 1)))
                .expectProblem(400);
        assertEquals(List.of("customFields.bogus" + CF, "customFields.product" + CF, "customFields.since" + CF, "customFields.units" + CF,
                "customFields.vip" + CF), errorFields(bad), bad.toString());
        JsonNode custom = alice.client().post("tickets", Map.of("subject", "Custom fields ticket", "requesterId", person, "queueId", queue,
                "customFields", Map.of("product" + CF, "printer", "units" + CF, 3, "since" + CF, "2024-01-31", "vip" + CF, true))).expect(201)
                .json();
        String id = custom.path("id").asText();
        JsonNode values = custom.path("customFields");
        assertEquals("Printer", values.path("product" + CF).asText(), "a choice is stored as it is written: " + values);
        assertEquals(3, values.path("units" + CF).asInt());
        assertEquals("2024-01-31", values.path("since" + CF).asText());
        assertTrue(values.path("vip" + CF).asBoolean());
        assertEquals(values, alice.client().get("tickets/" + id).expect(200).json().path("customFields"));

        assertTrue(BlackBox.listContains(alice.client().get("tickets?cf.product" + CF + "=Printer&cf.vip" + CF + "=true"), id));
        assertFalse(BlackBox.listContains(alice.client().get("tickets?cf.product" + CF + "=Scanner"), id));
        assertFalse(BlackBox.listContains(alice.client().get("tickets?cf.units" + CF + "=30"), id), "3 is not 30");
        assertEquals("cf.bogus" + CF, alice.client().get("tickets?cf.bogus" + CF + "=1").expectProblem(400).path("errors").path(0).path("field")
                .asText());
        alice.client().get("tickets?cf.units" + CF + "=lots").expectProblem(400);
        assertFalse(BlackBox.listContains(mallory.client().get("tickets?cf.product" + CF + "=Printer"), id), "filters keep the reach");
        mallory.client().patch("tickets/" + id, Map.of("customFields", Map.of("units" + CF, 9), "version", custom.path("version").asLong()))
                .expectProblem(404);

        JsonNode patched = alice.client().patch("tickets/" + id, Map.of("customFields", java.util.Collections.singletonMap("units" + CF, null),
                "version", custom.path("version").asLong())).expect(200).json();
        assertTrue(patched.path("customFields").path("units" + CF).isMissingNode(), "null clears a value: " + patched);
        assertEquals("Printer", patched.path("customFields").path("product" + CF).asText(), "values left out stay");
        JsonNode stale = alice.client().patch("tickets/" + id, Map.of("customFields", Map.of("product" + CF, "Scanner"),
                "version", custom.path("version").asLong())).expectProblem(409);
        assertEquals(409, stale.path("status").asInt(), stale.toString());
        assertEquals("Printer", alice.client().get("tickets/" + id).expect(200).json().path("customFields").path("product" + CF).asText(),
                "a stale change changes nothing");
        JsonNode badPatch = alice.client().patch("tickets/" + id, Map.of("customFields", Map.of("since" + CF, "someday"),
                "version", patched.path("version").asLong())).expectProblem(400);
        assertEquals(List.of("customFields.since" + CF), errorFields(badPatch), badPatch.toString());

        String required = ticketField("area", "text", Map.of("required", true));
        try {
            JsonNode missing = alice.client().post("tickets", Map.of("subject", "No area", "requesterId", person, "queueId", queue))
                    .expectProblem(400);
            assertEquals(List.of("customFields.area" + CF), errorFields(missing), missing.toString());
        } finally {
            // Archived at once: other classes open tickets on the same database.
            admin.delete("tickets/fields/" + required).expect(204);
        }
        alice.client().post("tickets", Map.of("subject", "Area again optional", "requesterId", person, "queueId", queue)).expect(201);
    }

    @Test
    @Order(21)
    void theListExportsAsFormulaSafeCsvWithItsFiltersAndOnlyWithinReach() {
        String marker = BlackBox.unique("Export");
        alice.client().get("tickets/export?format=csv").expectProblem(403);
        List<String> permissions = new ArrayList<>(PERMISSIONS);
        permissions.add("tickets.export");
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", permissions)).expect(200);
        try {
            JsonNode formula = alice.client().post("tickets", Map.of("subject", "=HYPERLINK(\"http://evil.example\",\"" + marker + "\")",
                    "requesterId", person, "queueId", queue, "priority", "high", "customFields", Map.of("product" + CF, "Scanner", "units" + CF,
                            -2))).expect(201).json();
            JsonNode plain = alice.client().post("tickets", Map.of("subject", marker + " plain", "requesterId", person, "queueId", queue,
                    "priority", "low")).expect(201).json();
            String theirs = BlackBox.unique("Theirs");
            mallory.client().post("tickets", Map.of("subject", theirs, "requesterId", malloryPerson, "priority", "high")).expect(201);
            alice.client().get("tickets/export?format=xlsx").expectProblem(400);
            alice.client().get("tickets/export?cf.bogus" + CF + "=1").expectProblem(400);

            var export = alice.client().get("tickets/export?format=csv&priority=high&queueId=" + queue + "&sort=number").expect(200);
            assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
            List<String> lines = List.of(export.body().replace("\uFEFF", "").split("\r\n"));
            assertTrue(lines.get(0).startsWith("number,subject,description,status,priority,channel,requester,requesterId,"), lines.get(0));
            assertTrue(lines.get(0).contains("cf.product" + CF + ",cf.units" + CF), lines.get(0));
            String row = lines.stream().filter(l -> l.contains(marker)).findFirst().orElseThrow(() -> new AssertionError(export.body()));
            assertTrue(row.startsWith(formula.path("number").asText() + ",\"'=HYPERLINK("), "a formula is written as text: " + row);
            assertTrue(row.contains(",Scanner,'-2"), "custom values, formula-safe too: " + row);
            assertTrue(row.contains(",Ana "), "the requester by name: " + row);
            assertFalse(export.body().contains(marker + " plain"), "the list's filters apply");
            assertFalse(export.body().contains(theirs), "another team's tickets are never exported");
            assertTrue(mallory.client().get("tickets/export?priority=high").expect(200).body().contains(theirs));
            String malloryFile = mallory.client().get("tickets/export").expect(200).body();
            assertFalse(malloryFile.contains(marker) || malloryFile.contains(formula.path("id").asText())
                    || malloryFile.contains(plain.path("id").asText()), "nor ours in theirs");
            assertTrue(BlackBox.listContains(alice.client().get("tickets?cf.product" + CF + "=Scanner"), formula.path("id").asText()));
            assertTrue(alice.client().get("tickets/export?cf.product" + CF + "=Scanner").expect(200).body().contains(marker));
            assertTrue(admin.get("audit?action=tickets.export&limit=5").expect(200).body().contains("tickets/tickets"), "the export is audited");
        } finally {
            admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        }
    }

    @Test
    @Order(22)
    void ticketsImportFromCsvAsAJobAndAnExportImportsBackUnchanged() throws Exception {
        String marker = BlackBox.unique("Imported");
        String queueName = "";
        for (JsonNode q : admin.get("tickets/queues").expect(200).json().path("items")) {
            queueName = q.path("id").asText().equals(queue) ? q.path("name").asText() : queueName;
        }
        String csv = "subject,requesterId,queue,priority,tags,cf.product" + CF + "\r\n"
                + marker + " one," + person + "," + queueName + ",high,\"vip, csv\",printer\r\n"
                + marker + " bad," + person + "," + queueName + ",soonish,,\r\n"
                + marker + " theirs," + malloryPerson + ",,low,,\r\n"
                + marker + " nowhere," + person + ",No such queue,low,,\r\n";
        // The import needs its permission besides writing.
        alice.client().sendRaw("POST", "tickets/import?type=tickets", csv, "text/csv").expectProblem(403);
        List<String> permissions = new ArrayList<>(PERMISSIONS);
        permissions.addAll(List.of("tickets.export", "tickets.import"));
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", permissions)).expect(200);
        try {
            JsonNode first = BlackBox.importCsv(alice.client(), "tickets/import?type=tickets", csv);
            assertEquals("done", first.path("state").asText(), first.toString());
            assertEquals(1, first.path("created").asInt(), first.toString());
            assertEquals(3, first.path("failed").asInt(), first.toString());
            String reasons = first.path("errors").toString();
            assertTrue(reasons.contains("priority:") && reasons.contains("requesterId:") && reasons.contains("queue:"), reasons);

            JsonNode imported = null;
            for (JsonNode t : alice.client().get("tickets?queueId=" + queue + "&cf.product" + CF + "=Printer&limit=100").expect(200).json()
                    .path("items")) {
                imported = t.path("subject").asText().equals(marker + " one") ? t : imported;
            }
            assertNotNull(imported, "the imported ticket is in its queue with its custom value");
            assertEquals(aliceTeam, imported.path("teamId").asText(), "in its queue's team, as when opened by hand");
            assertEquals(policy, imported.path("sla").path("policyId").asText(), "with its SLA clocks: " + imported);
            assertEquals(List.of("vip", "csv"), List.of(imported.path("tags").get(0).asText(), imported.path("tags").get(1).asText()));
            assertTrue(imported.path("number").asLong() > ticket.path("number").asLong(), "numbered by the desk");
            String id = imported.path("id").asText();

            // The export of the list imports back unchanged: every row is the ticket it names.
            String export = alice.client().get("tickets/export?queueId=" + queue + "&cf.product" + CF + "=Printer").expect(200).body();
            JsonNode back = BlackBox.importCsv(alice.client(), "tickets/import?type=tickets", export);
            assertEquals(0, back.path("created").asInt() + back.path("updated").asInt() + back.path("failed").asInt(), back.toString());
            assertTrue(back.path("skipped").asInt() >= 1, back.toString());

            // A row with a number changes that ticket as a PATCH would; another team's number is refused.
            JsonNode changed = BlackBox.importCsv(alice.client(), "tickets/import?type=tickets",
                    "number,priority\r\n" + imported.path("number").asText() + ",urgent\r\n");
            assertEquals(1, changed.path("updated").asInt(), changed.toString());
            JsonNode after = alice.client().get("tickets/" + id).expect(200).json();
            assertEquals("urgent", after.path("priority").asText());
            assertEquals(marker + " one", after.path("subject").asText(), "empty and absent cells change nothing");
            JsonNode theirs = BlackBox.importCsv(mallory.client(), "tickets/import?type=tickets",
                    "number,subject\r\n" + imported.path("number").asText() + ",Mine now\r\n");
            assertEquals(1, theirs.path("failed").asInt(), theirs.toString());
            assertTrue(theirs.path("errors").toString().contains("number:"), theirs.toString());
            assertEquals(marker + " one", alice.client().get("tickets/" + id).expect(200).json().path("subject").asText());
        } finally {
            admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        }
    }
}
