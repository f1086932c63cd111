package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * The funnel module through its public API: pipelines and their stages as administrators set
 * them up, deals with decimal amounts, every stage move in the deal's history, a stale move
 * refused with nothing changed, the board's sums checked against hand-computed figures, another
 * team's deals nowhere, and the module switched off and on with contacts working throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunnelIT {

    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "funnel.read", "funnel.write",
            "funnel.delete", "funnel.export", "funnel.import");

    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static JsonNode pipeline;
    private static String organization;
    private static String person;
    private static JsonNode deal;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        alice = BlackBox.member(server, admin, "alice", BlackBox.createTeam(admin));
        mallory = BlackBox.member(server, admin, "mallory", BlackBox.createTeam(admin));
        organization = alice.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Kovač d.o.o."))).expect(201).json()
                .path("id").asText();
        person = alice.client().post("contacts/people", Map.of("firstName", "Ana", "lastName", BlackBox.unique("Novak"))).expect(201)
                .json().path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> stage(String name, Object probability, String kind, Integer rotDays) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        if (probability != null) {
            s.put("probability", probability);
        }
        s.put("kind", kind);
        if (rotDays != null) {
            s.put("rotDays", rotDays);
        }
        return s;
    }

    private static String stageId(JsonNode pipeline, String name) {
        for (JsonNode s : pipeline.path("stages")) {
            if (s.path("name").asText().equals(name)) {
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no stage " + name + " in " + pipeline);
    }

    private static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    @Test
    @Order(1)
    void administratorsSetUpPipelinesWithCheckedStages() {
        String name = BlackBox.unique("Sales");
        List<Map<String, Object>> stages = List.of(stage("Lead", 10, "open", 14), stage("Proposal", 50, "open", null),
                stage("Won", null, "won", null), stage("Lost", null, "lost", null));
        alice.client().post("funnel/pipelines", Map.of("name", name, "stages", stages)).expectProblem(403);

        JsonNode noOpen = admin.post("funnel/pipelines", Map.of("name", name, "stages", List.of(stage("Won", null, "won", null))))
                .expectProblem(400);
        assertTrue(errorFields(noOpen).contains("stages"), noOpen.toString());
        JsonNode bad = admin.post("funnel/pipelines", Map.of("name", name, "stages", List.of(stage("Lead", 120, "open", null),
                stage("lead", 10, "open", null), stage("Won", 50, "won", null), stage("Maybe", 10, "pending", 0)))).expectProblem(400);
        assertEquals(List.of("stages[0].probability", "stages[1].name", "stages[2].probability", "stages[3].kind", "stages[3].rotDays"),
                errorFields(bad).stream().sorted().toList(), bad.toString());

        var created = admin.post("funnel/pipelines", Map.of("name", name, "stages", stages)).expect(201);
        pipeline = created.json();
        assertTrue(created.header("Location").endsWith("/api/v1/funnel/pipelines/" + pipeline.path("id").asText()));
        assertEquals(List.of("Lead", "Proposal", "Won", "Lost"), names(pipeline));
        assertEquals(100, pipeline.path("stages").get(2).path("probability").asInt(), "a won stage is certain");
        assertEquals(14, pipeline.path("stages").get(0).path("rotDays").asInt());
        assertTrue(BlackBox.anyHas(SearchIT.list(alice.client().get("funnel/pipelines").expect(200).json().path("items")), "name", name),
                "every user of the funnel sees the pipelines");
    }

    private static List<String> names(JsonNode pipeline) {
        List<String> names = new ArrayList<>();
        pipeline.path("stages").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    @Test
    @Order(2)
    void dealsHoldDecimalMoneyAndStartInTheFirstOpenStage() {
        ApiClient a = alice.client();
        String pipelineId = pipeline.path("id").asText();
        JsonNode bad = a.post("funnel/deals", Map.of("title", "Float", "pipelineId", pipelineId, "amount", 1250.5, "currency", "XYZ",
                "organizationId", mallorysOrganization(), "expectedClose", "31.12.2026")).expectProblem(400);
        assertEquals(List.of("amount", "currency", "expectedClose", "organizationId"), errorFields(bad).stream().sorted().toList(),
                bad.toString());
        a.post("funnel/deals", Map.of("title", "No pipeline")).expectProblem(400);
        a.post("funnel/deals", Map.of("title", "Amount alone", "pipelineId", pipelineId, "amount", "10")).expectProblem(400);

        var created = a.post("funnel/deals", Map.of("title", "Website relaunch", "pipelineId", pipelineId, "amount", "1250",
                "currency", "eur", "expectedClose", "2026-12-31", "organizationId", organization, "personIds", List.of(person)))
                .expect(201);
        deal = created.json();
        assertEquals("1250.00", deal.path("amount").asText(), "a decimal string with the currency's decimals");
        assertEquals("EUR", deal.path("currency").asText());
        assertEquals(stageId(pipeline, "Lead"), deal.path("stageId").asText());
        assertEquals(10, deal.path("probability").asInt());
        assertFalse(deal.path("probabilityOwn").asBoolean());
        assertEquals("125.00", deal.path("weightedAmount").asText());
        assertEquals(List.of(person), List.of(deal.path("personIds").get(0).asText()));
        assertEquals("2026-12-31", deal.path("expectedClose").asText());
        assertTrue(deal.path("organizationName").asText().startsWith("Kovač d.o.o."), deal.toString());
        JsonNode listed = a.get("funnel/deals?pipelineId=" + pipelineId).expect(200).json().path("items").get(0);
        assertTrue(listed.path("organizationName").asText().startsWith("Kovač d.o.o."), "lists name the organization: " + listed);

        JsonNode history = a.get("funnel/deals/" + deal.path("id").asText() + "/history").expect(200).json().path("items");
        assertEquals(1, history.size(), history.toString());
        assertTrue(history.get(0).path("fromStageId").isNull());
        assertEquals(stageId(pipeline, "Lead"), history.get(0).path("toStageId").asText());
        assertEquals(alice.id(), history.get(0).path("by").asText());
        assertEquals("1250.00", history.get(0).path("amount").asText());
    }

    private static String mallorysOrganization() {
        return mallory.client().post("contacts/organizations", Map.of("name", BlackBox.unique("Mallory Ltd"))).expect(201).json()
                .path("id").asText();
    }

    @Test
    @Order(3)
    void everyMoveIsRecordedAndAStaleMoveChangesNothing() {
        ApiClient a = alice.client();
        String id = deal.path("id").asText();
        long version = deal.path("version").asLong();
        a.post("funnel/deals/" + id + "/move", Map.of("stageId", stageId(pipeline, "Proposal"))).expectProblem(400);
        JsonNode moved = a.post("funnel/deals/" + id + "/move", Map.of("stageId", stageId(pipeline, "Proposal"), "version", version))
                .expect(200).json();
        assertEquals(stageId(pipeline, "Proposal"), moved.path("stageId").asText());
        assertEquals(version + 1, moved.path("version").asLong());

        JsonNode stale = a.post("funnel/deals/" + id + "/move", Map.of("stageId", stageId(pipeline, "Won"), "version", version))
                .expectProblem(409);
        assertTrue(stale.path("detail").asText().length() > 0);
        JsonNode now = a.get("funnel/deals/" + id).expect(200).json();
        assertEquals(stageId(pipeline, "Proposal"), now.path("stageId").asText(), "a stale move changes nothing");
        assertTrue(now.path("closedAt").isNull());
        JsonNode history = a.get("funnel/deals/" + id + "/history").expect(200).json().path("items");
        assertEquals(2, history.size(), "the stale move left no trace: " + history);
        assertEquals(stageId(pipeline, "Lead"), history.get(1).path("fromStageId").asText());
        assertEquals(stageId(pipeline, "Proposal"), history.get(1).path("toStageId").asText());

        // A PATCH of the stage is a move too, and a won stage closes the deal.
        JsonNode won = a.patch("funnel/deals/" + id, Map.of("stageId", stageId(pipeline, "Won"), "version", now.path("version").asLong()))
                .expect(200).json();
        assertFalse(won.path("closedAt").isNull());
        assertEquals(100, won.path("probability").asInt());
        assertEquals(3, a.get("funnel/deals/" + id + "/history").expect(200).json().path("items").size());
        JsonNode reopened = a.post("funnel/deals/" + id + "/move", Map.of("stageId", stageId(pipeline, "Proposal"), "version",
                won.path("version").asLong())).expect(200).json();
        assertTrue(reopened.path("closedAt").isNull(), "back in an open stage, the deal is open again");
        deal = reopened;
    }

    @Test
    @Order(4)
    void aStageThatHoldsDealsCannotBeRemoved() {
        String id = pipeline.path("id").asText();
        List<Map<String, Object>> withoutProposal = new ArrayList<>();
        for (JsonNode s : pipeline.path("stages")) {
            if (!s.path("name").asText().equals("Proposal")) {
                Map<String, Object> kept = new HashMap<>();
                kept.put("id", s.path("id").asText());
                kept.put("name", s.path("name").asText().equals("Lead") ? "Qualified lead" : s.path("name").asText());
                kept.put("kind", s.path("kind").asText());
                kept.put("probability", s.path("probability").asInt());
                withoutProposal.add(kept);
            }
        }
        JsonNode refused = admin.patch("funnel/pipelines/" + id, Map.of("stages", withoutProposal, "version", pipeline.path("version").asLong()))
                .expectProblem(409);
        assertTrue(refused.path("detail").asText().contains("'Proposal' still holds 1 deal"), refused.toString());
        JsonNode unchanged = admin.get("funnel/pipelines/" + id).expect(200).json();
        assertEquals(List.of("Lead", "Proposal", "Won", "Lost"), names(unchanged), "nothing changed, not even the rename");

        // Reordered and renamed, with a stage added: the ids stay.
        List<Map<String, Object>> reordered = new ArrayList<>();
        for (String name : List.of("Proposal", "Lead", "Won", "Lost")) {
            JsonNode s = unchanged.path("stages").get(names(unchanged).indexOf(name));
            Map<String, Object> kept = new HashMap<>();
            kept.put("id", s.path("id").asText());
            kept.put("name", name.equals("Lead") ? "Qualified lead" : name);
            kept.put("kind", s.path("kind").asText());
            kept.put("probability", s.path("probability").asInt());
            reordered.add(kept);
        }
        reordered.add(2, stage("Negotiation", 80, "open", 7));
        JsonNode changed = admin.patch("funnel/pipelines/" + id, Map.of("stages", reordered, "version", unchanged.path("version").asLong()))
                .expect(200).json();
        assertEquals(List.of("Proposal", "Qualified lead", "Negotiation", "Won", "Lost"), names(changed));
        assertEquals(stageId(unchanged, "Lead"), stageId(changed, "Qualified lead"));
        assertTrue(changed.path("version").asLong() > unchanged.path("version").asLong());
        admin.patch("funnel/pipelines/" + id, Map.of("name", "Stale", "version", unchanged.path("version").asLong())).expectProblem(409);
        pipeline = changed;
    }

    @Test
    @Order(5)
    void theBoardSumsWhatTheUserMaySeePerCurrency() {
        ApiClient a = alice.client();
        String pipelineId = pipeline.path("id").asText();
        String proposal = stageId(pipeline, "Proposal");
        // In Proposal (50 %): the first deal, 1250.00 EUR; a deal of its own 20 % for 100.10 EUR; one in USD; one without an amount.
        a.post("funnel/deals", Map.of("title", "Support", "pipelineId", pipelineId, "stageId", proposal, "amount", "100.10",
                "currency", "EUR", "probability", 20)).expect(201);
        a.post("funnel/deals", Map.of("title", "Licences", "pipelineId", pipelineId, "stageId", proposal, "amount", "99.99",
                "currency", "USD")).expect(201);
        a.post("funnel/deals", Map.of("title", "Someday", "pipelineId", pipelineId, "stageId", proposal)).expect(201);
        mallory.client().post("funnel/deals", Map.of("title", "Mallory's", "pipelineId", pipelineId, "stageId", proposal,
                "amount", "1000000", "currency", "EUR")).expect(201);

        JsonNode board = a.get("funnel/board?pipelineId=" + pipelineId).expect(200).json();
        assertEquals("EUR", board.path("currency").asText(), "the currency most of the user's deals are in");
        JsonNode column = board.path("stages").get(0);
        assertEquals("Proposal", column.path("name").asText());
        assertEquals(4, column.path("count").asInt(), "another team's deal does not count");
        assertEquals("1350.10", column.path("amount").asText(), "1250.00 + 100.10");
        assertEquals("645.02", column.path("weighted").asText(), "1250.00 × 50 % + 100.10 × 20 % = 625.00 + 20.02");
        assertEquals(4, column.path("deals").size());
        JsonNode usd = null;
        for (JsonNode t : column.path("totals")) {
            if (t.path("currency").asText().equals("USD")) {
                usd = t;
            }
        }
        assertEquals("99.99", usd.path("amount").asText());
        assertEquals("50.00", usd.path("weighted").asText(), "99.99 × 50 % = 49.995, rounded half-even to the cent: 50.00");
        for (JsonNode card : column.path("deals")) {
            assertFalse(card.path("title").asText().contains("Mallory"), card.toString());
        }
        JsonNode card = column.path("deals").findParent("organizationName");
        assertTrue(card != null, "cards name their organization");

        JsonNode usdBoard = a.get("funnel/board?pipelineId=" + pipelineId + "&currency=USD").expect(200).json();
        assertEquals("99.99", usdBoard.path("stages").get(0).path("amount").asText());
        a.get("funnel/board?pipelineId=" + pipelineId + "&currency=EURO").expectProblem(400);

        JsonNode mallorys = mallory.client().get("funnel/board?pipelineId=" + pipelineId).expect(200).json();
        assertEquals(1, mallorys.path("stages").get(0).path("count").asInt());
        assertEquals("1000000.00", mallorys.path("stages").get(0).path("amount").asText());
        mallory.client().get("funnel/deals/" + deal.path("id").asText()).expectProblem(404);
        mallory.client().get("funnel/deals/" + deal.path("id").asText() + "/history").expectProblem(404);
        mallory.client().post("funnel/deals/" + deal.path("id").asText() + "/move", Map.of("stageId", proposal, "version", 1))
                .expectProblem(404);
        assertFalse(BlackBox.listContains(mallory.client().get("funnel/deals?pipelineId=" + pipelineId), deal.path("id").asText()));
        assertEquals(4, a.get("funnel/deals?pipelineId=" + pipelineId + "&stageId=" + proposal).expect(200).json().path("total").asInt());

        // A pipeline none of whose deals has an amount has a board without a currency, its empty stages too.
        JsonNode amountless = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Amountless"), "stages", List.of(
                stage("Talk", 20, "open", null), stage("Won", 100, "won", null), stage("Lost", 0, "lost", null)))).expect(201).json();
        a.post("funnel/deals", Map.of("title", "No amount yet", "pipelineId", amountless.path("id").asText())).expect(201);
        JsonNode plain = a.get("funnel/board?pipelineId=" + amountless.path("id").asText()).expect(200).json();
        assertFalse(plain.hasNonNull("currency"), plain.toString());
        assertEquals(1, plain.path("stages").get(0).path("count").asInt());
        assertEquals(0, plain.path("stages").get(1).path("count").asInt());
        assertFalse(plain.path("stages").get(1).hasNonNull("amount"), plain.toString());
    }

    /**
     * The board's totals are kept in a table of their own (FN_BOARD_SUM) in the transaction of
     * every change of a deal: after each kind of change — create, move, amount, currency and
     * probability edits, delete, a bulk reassignment to another team — each user's board equals
     * what their own deals list adds up to.
     */
    @Test
    @Order(6)
    void theBoardsTotalsFollowEveryChangeOfADeal() throws Exception {
        JsonNode p = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Totals"), "stages", List.of(stage("First", 40, "open", null),
                stage("Second", 60, "open", null), stage("Won", null, "won", null), stage("Lost", null, "lost", null)))).expect(201).json();
        String pid = p.path("id").asText();
        String first = stageId(p, "First");
        String second = stageId(p, "Second");
        ApiClient a = alice.client();
        JsonNode d1 = a.post("funnel/deals", Map.of("title", "T1", "pipelineId", pid, "stageId", first, "amount", "100.00", "currency", "EUR"))
                .expect(201).json();
        JsonNode d2 = a.post("funnel/deals", Map.of("title", "T2", "pipelineId", pid, "stageId", first, "amount", "50.50", "currency", "EUR",
                "probability", 10)).expect(201).json();
        JsonNode d3 = a.post("funnel/deals", Map.of("title", "T3", "pipelineId", pid, "stageId", first)).expect(201).json();
        JsonNode d4 = a.post("funnel/deals", Map.of("title", "T4", "pipelineId", pid, "stageId", second, "amount", "10.00", "currency", "USD"))
                .expect(201).json();
        mallory.client().post("funnel/deals", Map.of("title", "M1", "pipelineId", pid, "stageId", second, "amount", "7.00", "currency", "EUR"))
                .expect(201);
        assertBoardIsTheSumOfTheDeals(a, pid, 4);
        assertBoardIsTheSumOfTheDeals(mallory.client(), pid, 1);

        a.post("funnel/deals/" + d1.path("id").asText() + "/move", Map.of("stageId", second, "version", d1.path("version").asLong())).expect(200);
        a.patch("funnel/deals/" + d2.path("id").asText(), Map.of("amount", "70.25", "version", d2.path("version").asLong())).expect(200);
        a.patch("funnel/deals/" + d3.path("id").asText(), Map.of("amount", "5.00", "currency", "EUR", "probability", 30,
                "version", d3.path("version").asLong())).expect(200);
        a.patch("funnel/deals/" + d4.path("id").asText(), Map.of("currency", "EUR", "version", d4.path("version").asLong())).expect(200);
        assertBoardIsTheSumOfTheDeals(a, pid, 4);
        JsonNode board = a.get("funnel/board?pipelineId=" + pid).expect(200).json();
        assertEquals("110.00", board.path("stages").get(1).path("amount").asText(), "Second: 100.00 moved in + 10.00 now in EUR");

        a.delete("funnel/deals/" + d2.path("id").asText()).expect(204);
        assertBoardIsTheSumOfTheDeals(a, pid, 3);

        // A bulk reassignment (the platform's job, not the funnel's code) moves the totals with the deals.
        String malloryTeam = mallory.client().get("funnel/deals?pipelineId=" + pid).expect(200).json().path("items").get(0).path("teamId").asText();
        String job = admin.post("funnel/deals/assign", Map.of("ids", List.of(d1.path("id").asText(), d4.path("id").asText()),
                "ownerId", mallory.id(), "teamId", malloryTeam)).expect(202).json().path("jobId").asText();
        JsonNode progress = BlackBox.awaitJob(admin, job);
        assertEquals("done", progress.path("state").asText(), progress.toString());
        assertEquals(2, progress.path("updated").asInt(), progress.toString());
        assertBoardIsTheSumOfTheDeals(a, pid, 1);
        assertBoardIsTheSumOfTheDeals(mallory.client(), pid, 3);
        assertBoardIsTheSumOfTheDeals(admin, pid, 4);
    }

    /** The user's board per stage: the count of their deals and, per currency, their count, amount and weighted amount. */
    private static void assertBoardIsTheSumOfTheDeals(ApiClient client, String pipelineId, int deals) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Map<String, java.math.BigDecimal[]> sums = new java.util.TreeMap<>();
        JsonNode list = client.get("funnel/deals?limit=100&pipelineId=" + pipelineId).expect(200).json().path("items");
        assertEquals(deals, list.size(), list.toString());
        for (JsonNode d : list) {
            String stage = d.path("stageId").asText();
            counts.computeIfAbsent(stage, k -> new long[1])[0]++;
            if (!d.path("amount").isNull() && !d.path("amount").isMissingNode()) {
                java.math.BigDecimal amount = new java.math.BigDecimal(d.path("amount").asText());
                java.math.BigDecimal[] sum = sums.computeIfAbsent(stage + "/" + d.path("currency").asText(),
                        k -> new java.math.BigDecimal[] {java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO});
                sum[0] = sum[0].add(amount);
                sum[1] = sum[1].add(amount.multiply(java.math.BigDecimal.valueOf(d.path("probability").asInt())).movePointLeft(2));
                sum[2] = sum[2].add(java.math.BigDecimal.ONE);
            }
        }
        Map<String, long[]> boardCounts = new java.util.TreeMap<>();
        Map<String, java.math.BigDecimal[]> boardSums = new java.util.TreeMap<>();
        for (JsonNode column : client.get("funnel/board?pipelineId=" + pipelineId).expect(200).json().path("stages")) {
            if (column.path("count").asLong() > 0) {
                boardCounts.put(column.path("id").asText(), new long[] {column.path("count").asLong()});
            }
            for (JsonNode t : column.path("totals")) {
                boardSums.put(column.path("id").asText() + "/" + t.path("currency").asText(), new java.math.BigDecimal[] {
                        new java.math.BigDecimal(t.path("amount").asText()), new java.math.BigDecimal(t.path("weighted").asText()),
                        java.math.BigDecimal.valueOf(t.path("count").asLong())});
            }
        }
        assertEquals(counts.keySet(), boardCounts.keySet());
        counts.forEach((stage, n) -> assertEquals(n[0], boardCounts.get(stage)[0], "deals in stage " + stage));
        assertEquals(sums.keySet(), boardSums.keySet());
        sums.forEach((key, expected) -> {
            java.math.BigDecimal[] actual = boardSums.get(key);
            assertEquals(0, expected[0].compareTo(actual[0]), key + " amount " + expected[0] + " vs " + actual[0]);
            assertEquals(0, expected[1].setScale(2, java.math.RoundingMode.HALF_EVEN).compareTo(actual[1]),
                    key + " weighted " + expected[1] + " vs " + actual[1]);
            assertEquals(0, expected[2].compareTo(actual[2]), key + " count");
        });
    }

    @Test
    @Order(6)
    void theForecastMatchesHandComputedFigures() {
        List<Map<String, Object>> stages = List.of(stage("A", 30, "open", null), stage("B", 60, "open", null),
                stage("Won", null, "won", null), stage("Lost", null, "lost", null));
        JsonNode p = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Forecast"), "stages", stages)).expect(201).json();
        String id = p.path("id").asText();
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate next = today.withDayOfMonth(1).plusMonths(1);
        java.time.LocalDate afterNext = next.plusMonths(1);
        ApiClient a = alice.client();
        a.post("funnel/deals", Map.of("title", "d1", "pipelineId", id, "stageId", stageId(p, "A"), "amount", "1000.00", "currency", "EUR",
                "expectedClose", next.plusDays(14).toString())).expect(201);
        a.post("funnel/deals", Map.of("title", "d2", "pipelineId", id, "stageId", stageId(p, "B"), "amount", "500", "currency", "EUR",
                "probability", 10, "expectedClose", next.plusDays(19).toString())).expect(201);
        a.post("funnel/deals", Map.of("title", "d3", "pipelineId", id, "stageId", stageId(p, "B"), "amount", "200.00", "currency", "USD",
                "expectedClose", afterNext.toString())).expect(201);
        JsonNode d4 = a.post("funnel/deals", Map.of("title", "d4", "pipelineId", id, "stageId", stageId(p, "A"), "amount", "300.00",
                "currency", "EUR", "expectedClose", afterNext.plusMonths(1).toString())).expect(201).json();
        a.post("funnel/deals/" + d4.path("id").asText() + "/move", Map.of("stageId", stageId(p, "Won"), "version", d4.path("version").asLong()))
                .expect(200);
        a.post("funnel/deals", Map.of("title", "d5", "pipelineId", id, "stageId", stageId(p, "Lost"), "amount", "400.00", "currency", "EUR",
                "expectedClose", next.toString())).expect(201);
        mallory.client().post("funnel/deals", Map.of("title", "m1", "pipelineId", id, "stageId", stageId(p, "A"), "amount", "9999.00",
                "currency", "EUR", "expectedClose", next.toString())).expect(201);

        String range = "&from=" + today.withDayOfMonth(1) + "&to=" + afterNext.plusMonths(2);
        JsonNode rows = a.get("funnel/forecast?pipelineId=" + id + range + "&period=month&groupBy=owner").expect(200).json().path("periods");
        String month = String.format("%04d-%02d", today.getYear(), today.getMonthValue());
        String nextMonth = String.format("%04d-%02d", next.getYear(), next.getMonthValue());
        String nextButOne = String.format("%04d-%02d", afterNext.getYear(), afterNext.getMonthValue());
        List<String> expected = List.of(
                // d4, won today: 300.00 at 100 %.
                month + " " + alice.id() + " EUR 1 300.00 300.00 300.00",
                // d1 1000.00 × 30 % + d2 500.00 × 10 % (its own) = 300.00 + 50.00.
                nextMonth + " " + alice.id() + " EUR 2 1500.00 350.00 0.00",
                // d3 200.00 USD × 60 %.
                nextButOne + " " + alice.id() + " USD 1 200.00 120.00 0.00");
        List<String> got = new ArrayList<>();
        rows.forEach(r -> got.add(r.path("period").asText() + " " + r.path("key").asText() + " " + r.path("currency").asText() + " "
                + r.path("count").asLong() + " " + r.path("amount").asText() + " " + r.path("weighted").asText() + " " + r.path("won").asText()));
        assertEquals(expected, got, "lost deals and another team's deals do not count");

        JsonNode byStage = a.get("funnel/forecast?pipelineId=" + id + range + "&period=quarter&groupBy=stage").expect(200).json();
        long stageRows = 0;
        for (JsonNode r : byStage.path("periods")) {
            assertTrue(r.path("period").asText().matches("\\d{4}-Q[1-4]"), r.toString());
            stageRows += r.path("count").asLong();
        }
        assertEquals(4, stageRows);
        a.get("funnel/forecast?period=week").expectProblem(400);
        a.get("funnel/forecast?groupBy=colour").expectProblem(400);
        a.get("funnel/forecast?from=2027-01-01&to=2026-01-01").expectProblem(400);
    }

    @Test
    @Order(7)
    void switchedOffTheFunnelIsGoneAndContactsKeepWorking() {
        String id = deal.path("id").asText();
        admin.post("modules/funnel/disable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 404);
        alice.client().get("funnel/deals/" + id).expect(404);
        alice.client().get("contacts/organizations/" + organization).expect(200);
        alice.client().post("contacts/people", Map.of("firstName", "Still", "lastName", "Working")).expect(201);

        admin.post("modules/funnel/enable", Map.of()).expect(200);
        BlackBox.await(() -> alice.client().get("funnel/deals/" + id), 200);
        assertEquals("1250.00", alice.client().get("funnel/deals/" + id).expect(200).json().path("amount").asText(), "the data stayed");
    }

    @Test
    @Order(8)
    void dealsAreWorthTheirLinesAtTheProductsPrices() {
        String sku = BlackBox.unique("web");
        alice.client().post("funnel/products", Map.of("sku", sku, "name", "Website")).expectProblem(403);
        JsonNode product = admin.post("funnel/products", Map.of("sku", sku, "name", "Website care", "prices",
                List.of(Map.of("currency", "EUR", "amount", "100.00"), Map.of("currency", "usd", "amount", "110")))).expect(201).json();
        assertEquals("100.00", product.path("prices").get(0).path("amount").asText());
        assertEquals("USD", product.path("prices").get(1).path("currency").asText());
        JsonNode taken = admin.post("funnel/products", Map.of("sku", sku.toUpperCase(java.util.Locale.ROOT), "name", "Again")).expectProblem(400);
        assertEquals(List.of("sku"), errorFields(taken), "a SKU is unique ignoring case");
        JsonNode badPrices = admin.post("funnel/products", Map.of("sku", sku + "-2", "name", "X", "prices",
                List.of(Map.of("currency", "EUR", "amount", "1"), Map.of("currency", "EUR", "amount", 2.5)))).expectProblem(400);
        assertEquals(List.of("prices[1].amount", "prices[1].currency"), errorFields(badPrices).stream().sorted().toList());
        assertTrue(BlackBox.listContains(alice.client().get("funnel/products?q=" + sku), product.path("id").asText()));

        ApiClient a = alice.client();
        String pid = product.path("id").asText();
        String pipelineId = pipeline.path("id").asText();
        JsonNode deal = a.post("funnel/deals", Map.of("title", "Care package", "pipelineId", pipelineId, "currency", "EUR", "lines",
                List.of(Map.of("productId", pid, "quantity", "3"), Map.of("productId", pid, "quantity", 1, "unitPrice", "50",
                        "discountPercent", "10")))).expect(201).json();
        assertEquals("345.00", deal.path("amount").asText(), "3 × 100.00 + 1 × 50.00 − 10 %");
        assertEquals("300.00", deal.path("lines").get(0).path("total").asText());
        assertEquals("100.00", deal.path("lines").get(0).path("unitPrice").asText(), "the product's price in the deal's currency");
        assertEquals(sku, deal.path("lines").get(0).path("sku").asText());
        assertEquals("45.00", deal.path("lines").get(1).path("total").asText());
        String id = deal.path("id").asText();
        assertEquals("345.00", a.get("funnel/deals/" + id + "/history").expect(200).json().path("items").get(0).path("amount").asText());

        JsonNode amountAlone = a.patch("funnel/deals/" + id, Map.of("amount", "1.00", "version", deal.path("version").asLong()))
                .expectProblem(400);
        assertEquals(List.of("amount"), errorFields(amountAlone));
        JsonNode gbp = a.post("funnel/deals", Map.of("title", "Pounds", "pipelineId", pipelineId, "currency", "GBP", "lines",
                List.of(Map.of("productId", pid, "quantity", "1"), Map.of("productId", "nope", "quantity", "0")))).expectProblem(400);
        assertEquals(List.of("lines[0].unitPrice", "lines[1].productId", "lines[1].quantity"), errorFields(gbp).stream().sorted().toList());

        JsonNode fewer = a.patch("funnel/deals/" + id, Map.of("lines", List.of(Map.of("productId", pid, "quantity", "2")), "version",
                deal.path("version").asLong())).expect(200).json();
        assertEquals("200.00", fewer.path("amount").asText());
        assertEquals(1, fewer.path("lines").size());
        mallory.client().get("funnel/deals/" + id).expectProblem(404);

        JsonNode inUse = admin.delete("funnel/products/" + pid).expectProblem(409);
        assertTrue(inUse.path("detail").asText().contains("1 line"), inUse.toString());
        assertFalse(admin.patch("funnel/products/" + pid, Map.of("active", false, "version", product.path("version").asLong())).expect(200)
                .json().path("active").asBoolean());
    }

    @Test
    @Order(9)
    void dealsAndProductsAreFoundBySearchWithinReach() {
        String word = BlackBox.unique("zebrafish").replace("-", "");
        JsonNode d = alice.client().post("funnel/deals", Map.of("title", "Aquarium " + word, "pipelineId", pipeline.path("id").asText()))
                .expect(201).json();
        JsonNode hits = SearchIT.awaitSearch(alice.client(), word, a -> SearchIT.hasHit(a, d.path("id").asText()));
        JsonNode hit = SearchIT.list(hits.path("items")).stream().filter(h -> h.path("id").asText().equals(d.path("id").asText()))
                .findFirst().orElseThrow();
        assertEquals("deal", hit.path("type").asText());
        assertEquals("/funnel/deals/" + d.path("id").asText(), hit.path("href").asText(), "a hit links to its record's page");
        assertFalse(SearchIT.hasHit(SearchIT.search(mallory.client(), word), d.path("id").asText()), "another team's deal is not found");

        String sku = BlackBox.unique("seahorse").replace("-", "");
        JsonNode product = admin.post("funnel/products", Map.of("sku", sku, "name", "Seahorse food")).expect(201).json();
        SearchIT.awaitSearch(mallory.client(), sku, a -> SearchIT.hasHit(a, product.path("id").asText()));
    }

    @Test
    @Order(10)
    void theExportHasTheListsDealsFormulaSafeAndAudited() {
        String pipelineId = pipeline.path("id").asText();
        alice.client().post("funnel/deals", Map.of("title", "=HYPERLINK(\"http://evil\")", "pipelineId", pipelineId)).expect(201);
        var export = alice.client().get("funnel/deals/export?pipelineId=" + pipelineId + "&sort=title").expect(200);
        assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
        List<String> lines = List.of(export.body().replace("\uFEFF", "").split("\r?\n"));
        assertEquals("title,pipeline,stage,amount,currency,expectedClose,probability,organization,nextStep,nextStepAt,closedAt,"
                + "closeReason,ownerId,teamId", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Website relaunch,") && l.contains(",1250.00,EUR,2026-12-31,50,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\"'=HYPERLINK") || l.startsWith("'=HYPERLINK")), "formula-safe: " + lines);
        assertFalse(export.body().contains("Mallory"), "another team's deals are not exported");
        JsonNode audit = admin.get("audit?action=funnel.export").expect(200).json().path("items");
        assertTrue(audit.size() > 0, "the export is audited");
    }

    @Test
    @Order(11)
    void leadsSayWhoTheyAreAndConvertAllOrNothing() throws Exception {
        ApiClient a = alice.client();
        String known = BlackBox.unique("ana") + "@kovac-example.si";
        String knownPerson = a.post("contacts/people", Map.of("firstName", "Ana", "lastName", "Kovač", "emails", List.of(known)))
                .expect(201).json().path("id").asText();
        JsonNode lead = a.post("funnel/leads", Map.of("firstName", "Ana", "lastName", "Kovač", "email", known.toUpperCase(java.util.Locale.ROOT),
                "source", "web")).expect(201).json();
        assertEquals("new", lead.path("status").asText());
        assertEquals("person", lead.path("matches").get(0).path("type").asText());
        assertEquals(knownPerson, lead.path("matches").get(0).path("id").asText(), "its email belongs to a person already");
        assertEquals(List.of("lastName"), errorFields(a.post("funnel/leads", Map.of("source", "web")).expectProblem(400)));
        assertEquals(List.of("reason"), errorFields(a.post("funnel/leads", Map.of("lastName", "X", "status", "disqualified")).expectProblem(400)));

        String company = BlackBox.unique("Breznik d.o.o.");
        String email = BlackBox.unique("bor") + "@breznik-example.si";
        JsonNode fresh = a.post("funnel/leads", Map.of("firstName", "Bor", "lastName", "Breznik", "email", email, "company", company,
                "notes", "Wants a quote before Christmas")).expect(201).json();
        assertEquals(0, fresh.path("matches").size());
        String freshId = fresh.path("id").asText();

        // A conversion that fails half-way (the deal's pipeline does not exist) leaves nothing behind.
        JsonNode failed = a.post("funnel/leads/" + freshId + "/convert", Map.of("createDeal", true, "pipelineId",
                "00000000-0000-7000-8000-00000000beef", "amount", "500", "currency", "EUR")).expectProblem(400);
        assertEquals(List.of("pipelineId"), errorFields(failed));
        assertEquals(0, a.get("contacts/people?q=" + SearchIT.q(email)).expect(200).json().path("total").asInt(), "no person left behind");
        assertEquals(0, a.get("contacts/organizations?q=" + SearchIT.q(company)).expect(200).json().path("total").asInt(),
                "no organization left behind");
        assertEquals("new", a.get("funnel/leads/" + freshId).expect(200).json().path("status").asText());

        JsonNode converted = a.post("funnel/leads/" + freshId + "/convert", Map.of("createDeal", true, "dealTitle", "Breznik quote",
                "pipelineId", pipeline.path("id").asText(), "amount", "500", "currency", "EUR")).expect(200).json();
        String personId = converted.path("personId").asText();
        String organizationId = converted.path("organizationId").asText();
        assertTrue(converted.path("personCreated").asBoolean() && converted.path("organizationCreated").asBoolean());
        JsonNode person = a.get("contacts/people/" + personId).expect(200).json();
        assertEquals(organizationId, person.path("organizationId").asText());
        assertEquals(email, person.path("emails").get(0).path("address").asText());
        JsonNode org = a.get("contacts/organizations/" + organizationId).expect(200).json();
        assertEquals(company, org.path("name").asText());
        assertEquals("breznik-example.si", org.path("domain").asText(), "the organization's domain from the lead's email");
        JsonNode dealOfLead = a.get("funnel/deals/" + converted.path("dealId").asText()).expect(200).json();
        assertEquals("Breznik quote", dealOfLead.path("title").asText());
        assertEquals("500.00", dealOfLead.path("amount").asText());
        assertEquals(organizationId, dealOfLead.path("organizationId").asText());
        assertEquals(personId, dealOfLead.path("personIds").get(0).asText());
        JsonNode timeline = a.get("contacts/people/" + personId + "/timeline").expect(200).json().path("items");
        assertTrue(timeline.toString().contains("Wants a quote before Christmas"), "the lead's notes are on the person's timeline: " + timeline);

        JsonNode after = a.get("funnel/leads/" + freshId).expect(200).json();
        assertEquals("converted", after.path("status").asText());
        assertEquals(personId, after.path("personId").asText());
        a.patch("funnel/leads/" + freshId, Map.of("source", "fair", "version", after.path("version").asLong())).expectProblem(409);
        a.post("funnel/leads/" + freshId + "/convert", Map.of()).expectProblem(409);

        // A lead whose email is a person's converts to that person.
        JsonNode toKnown = a.post("funnel/leads/" + lead.path("id").asText() + "/convert", Map.of()).expect(200).json();
        assertEquals(knownPerson, toKnown.path("personId").asText());
        assertFalse(toKnown.path("personCreated").asBoolean());
        assertTrue(toKnown.path("dealId").isNull());

        mallory.client().get("funnel/leads/" + freshId).expectProblem(404);
        assertFalse(BlackBox.listContains(mallory.client().get("funnel/leads"), freshId));
    }

    @Test
    @Order(12)
    void leadsImportFromCsvOnceEvenWhenImportedTwice() throws Exception {
        String tag = BlackBox.unique("csv");
        String csv = "firstName,lastName,company,email,status\n"
                + "Bo,Berg,Acme," + tag + "@acme-example.com,new\n"
                + "Cy,,," + "not-an-email,\n"
                + "Di,Dolenc,,," + "qualified\n";
        JsonNode first = BlackBox.importCsv(alice.client(), "funnel/import?type=leads", csv);
        assertEquals("done", first.path("state").asText(), first.toString());
        assertEquals(2, first.path("created").asInt(), first.toString());
        assertEquals(1, first.path("failed").asInt(), first.toString());
        assertTrue(first.toString().contains("email"), "the refused row names its column: " + first);
        JsonNode again = BlackBox.importCsv(alice.client(), "funnel/import?type=leads", csv.replace("Di,Dolenc,,,qualified\n", ""));
        assertEquals(0, again.path("created").asInt(), "the same file again creates nothing: " + again);
        assertEquals(1, again.path("skipped").asInt(), again.toString());
        assertEquals(1, alice.client().get("funnel/leads?q=" + tag).expect(200).json().path("total").asInt());
    }

    @Test
    @Order(13)
    void ordersComeFromTheApiFromWonDealsAndFromCsvOnce() throws Exception {
        ApiClient a = alice.client();
        String u = BlackBox.unique("o").replace("-", "").toUpperCase(java.util.Locale.ROOT);
        String sku = "SKU-" + u;
        admin.post("funnel/products", Map.of("sku", sku, "name", "Widget", "prices", List.of(Map.of("currency", "EUR", "amount", "12.50"))))
                .expect(201);
        JsonNode order = a.post("funnel/orders", Map.of("number", "API-" + u, "personId", person, "currency", "EUR", "orderedAt",
                "2026-11-03T10:00:00Z", "lines", List.of(Map.of("sku", sku.toLowerCase(java.util.Locale.ROOT), "quantity", "2")))).expect(201).json();
        assertEquals("25.00", order.path("total").asText(), "2 × the product's price in EUR");
        assertEquals(sku, order.path("lines").get(0).path("sku").asText());
        a.post("funnel/orders", Map.of("number", "api-" + u, "currency", "EUR", "lines", List.of(Map.of("sku", sku, "quantity", "1"))))
                .expectProblem(409);
        JsonNode bad = a.post("funnel/orders", Map.of("number", "BAD-" + u, "currency", "EUR", "lines",
                List.of(Map.of("sku", "NOPE-" + u, "quantity", "1")))).expectProblem(400);
        assertEquals(List.of("lines[0].sku"), errorFields(bad));

        // The deal with lines of test 8, won: its order; won again after reopening: still one.
        JsonNode care = null;
        for (JsonNode d : a.get("funnel/deals?q=Care%20package").expect(200).json().path("items")) {
            care = d;
        }
        String won = stageId(pipeline, "Won");
        JsonNode afterWin = a.post("funnel/deals/" + care.path("id").asText() + "/move", Map.of("stageId", won, "version",
                care.path("version").asLong())).expect(200).json();
        JsonNode reopened = a.post("funnel/deals/" + care.path("id").asText() + "/move", Map.of("stageId", stageId(pipeline, "Proposal"),
                "version", afterWin.path("version").asLong())).expect(200).json();
        a.post("funnel/deals/" + care.path("id").asText() + "/move", Map.of("stageId", won, "version", reopened.path("version").asLong()))
                .expect(200);
        List<JsonNode> fromDeal = new ArrayList<>();
        for (JsonNode o : a.get("funnel/orders?limit=500").expect(200).json().path("items")) {
            if (care.path("id").asText().equals(o.path("dealId").asText())) {
                fromDeal.add(o);
            }
        }
        assertEquals(1, fromDeal.size(), "one order per won deal");
        assertEquals("200.00", fromDeal.get(0).path("total").asText());
        assertEquals(1, fromDeal.get(0).path("lines").size());

        String email = "cust" + u.toLowerCase(java.util.Locale.ROOT) + "@shop-example.com";
        String csv = "orderNumber,customerEmail,orderedAt,sku,quantity,unitPrice,currency\n"
                + "ORD-" + u + "-1," + email + ",2026-11-03,NEW-" + u + ",2,10.00,EUR\n"
                + "ORD-" + u + "-1," + email + ",2026-11-03," + sku + ",1,5.50,EUR\n"
                + "ORD-" + u + "-2," + email + ",2026-11-04,NEW-" + u + ",1,10.00,EUR\n"
                + "ORD-" + u + "-3," + email + ",2026-11-05,NEW-" + u + ",many,10.00,EUR\n"
                + "ORD-" + u + "-1," + email + ",2026-11-03," + sku + ",1,5.50,USD\n";
        JsonNode first = BlackBox.importCsv(a, "funnel/import?type=orders", csv);
        assertEquals("done", first.path("state").asText(), first.toString());
        assertEquals(3, first.path("created").asInt(), first.toString());
        assertEquals(2, first.path("failed").asInt(), first.toString());
        assertTrue(first.toString().contains("quantity") && first.toString().contains("currency"), first.toString());
        JsonNode imported = a.get("funnel/orders?q=ORD-" + u + "-1").expect(200).json().path("items").get(0);
        assertEquals("25.50", imported.path("total").asText(), "2 × 10.00 + 1 × 5.50, two rows of one order");
        assertEquals(2, imported.path("lines").size());
        assertFalse(imported.path("personId").isNull(), "the customer found or created by email");
        assertEquals(1, a.get("funnel/products?q=NEW-" + u).expect(200).json().path("total").asInt(), "an unknown SKU made a product");

        JsonNode again = BlackBox.importCsv(a, "funnel/import?type=orders", csv);
        assertEquals(0, again.path("created").asInt(), "the same file again creates nothing: " + again);
        assertEquals(3, again.path("skipped").asInt(), again.toString());
        assertEquals("25.50", a.get("funnel/orders?q=ORD-" + u + "-1").expect(200).json().path("items").get(0).path("total").asText());

        JsonNode mallorys = BlackBox.importCsv(mallory.client(), "funnel/import?type=orders",
                "orderNumber,customerEmail,orderedAt,sku,quantity,unitPrice,currency\nORD-" + u + "-1,m@example.com,2026-11-03," + sku
                        + ",9,1.00,EUR\n");
        assertEquals(1, mallorys.path("failed").asInt(), "another team's order is not added to: " + mallorys);
        assertEquals(0, mallory.client().get("funnel/orders?q=ORD-" + u).expect(200).json().path("total").asInt());

        String id = imported.path("id").asText();
        // Lines are parts of their order: one audit entry for the order, holding both lines' values, none of their own.
        JsonNode created = awaitAudit("funnel/order/" + id, "funnel.order.created");
        assertEquals("ORD-" + u + "-1", created.path("name").asText(), created.toString());
        List<String> quantities = new ArrayList<>();
        for (JsonNode change : created.path("changes")) {
            if (change.path("field").asText().matches("orderLine\\[[^]]+]\\.quantity")) {
                quantities.add(change.path("after").asText());
                assertEquals("Order line · Quantity", change.path("label").asText(), "a line's field as the pages name it");
            }
        }
        assertEquals(List.of("1", "2"), quantities.stream().map(q -> new java.math.BigDecimal(q).stripTrailingZeros().toPlainString())
                .sorted().toList(), "each line's values: " + created);
        assertEquals(0, admin.get("audit?action=funnel.orderline&limit=1").expect(200).json().path("items").size(),
                "no entry of a line of its own");
        JsonNode hits = SearchIT.awaitSearch(a, "ORD-" + u + "-1", h -> SearchIT.hasHit(h, id));
        assertTrue(hits.toString().contains("/funnel/orders/" + id), "orders are found by number: " + hits);
        assertFalse(SearchIT.hasHit(SearchIT.search(mallory.client(), "ORD-" + u + "-1"), id));
    }

    @Test
    @Order(14)
    void assignmentRulesGiveNewLeadsToATeamInTurn() {
        String fairs = BlackBox.createTeam(admin);
        BlackBox.Member first = BlackBox.member(server, admin, "fair1", fairs);
        BlackBox.Member second = BlackBox.member(server, admin, "fair2", fairs);
        List<String> turn = new ArrayList<>(List.of(first.id(), second.id()));
        java.util.Collections.sort(turn);
        String source = BlackBox.unique("fair");

        alice.client().put("funnel/assignment-rules", Map.of("rules", List.of())).expectProblem(403);
        JsonNode bad = admin.put("funnel/assignment-rules", Map.of("rules", List.of(Map.of("field", "colour", "value", "red", "teamId", fairs),
                Map.of("field", "source", "teamId", "00000000-0000-7000-8000-00000000beef")))).expectProblem(400);
        assertEquals(List.of("rules[0].field", "rules[1].teamId", "rules[1].value"), errorFields(bad).stream().sorted().toList());
        JsonNode rules = admin.put("funnel/assignment-rules", Map.of("rules", List.of(Map.of("field", "source", "value", source,
                "teamId", fairs)))).expect(200).json();
        assertEquals(1, rules.path("items").size());

        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode lead = alice.client().post("funnel/leads", Map.of("lastName", "Visitor " + i, "source", source.toUpperCase(java.util.Locale.ROOT)))
                    .expect(201).json();
            assertEquals(fairs, lead.path("teamId").asText(), "the rule's team: " + lead);
            owners.add(lead.path("ownerId").asText());
        }
        assertEquals(List.of(turn.get(0), turn.get(1), turn.get(0)), owners, "the team's members in turn");
        JsonNode web = alice.client().post("funnel/leads", Map.of("lastName", "Web visitor", "source", "web")).expect(201).json();
        assertEquals(alice.id(), web.path("ownerId").asText(), "no rule matched: the creator keeps it");
        JsonNode chosen = alice.client().post("funnel/leads", Map.of("lastName", "Chosen", "source", source, "ownerId", alice.id()))
                .expect(201).json();
        assertEquals(alice.id(), chosen.path("ownerId").asText(), "an owner given in the request wins over the rules");
        assertTrue(BlackBox.total(first.client(), "funnel/leads?q=visitor") >= 2, "the team's members see their leads");
        admin.put("funnel/assignment-rules", Map.of("rules", List.of())).expect(200);
    }

    @Test
    @Order(15)
    void closingReasonsComeFromTheListAndDealsShowOnTimelines() {
        alice.client().put("funnel/reasons", Map.of("won", List.of("Price"))).expectProblem(403);
        JsonNode reasons = admin.put("funnel/reasons", Map.of("won", List.of("Price", "Relationship"), "lost", List.of("Price", "Timing")))
                .expect(200).json();
        assertEquals(List.of("Price", "Timing"), List.of(reasons.path("lost").get(0).asText(), reasons.path("lost").get(1).asText()));
        ApiClient a = alice.client();
        JsonNode d = a.post("funnel/deals", Map.of("title", "Timeline deal", "pipelineId", pipeline.path("id").asText(), "organizationId",
                organization, "personIds", List.of(person), "amount", "10", "currency", "EUR")).expect(201).json();
        String lost = stageId(pipeline, "Lost");
        JsonNode refused = a.post("funnel/deals/" + d.path("id").asText() + "/move", Map.of("stageId", lost, "version",
                d.path("version").asLong(), "closeReason", "Weather")).expectProblem(400);
        assertEquals(List.of("closeReason"), errorFields(refused));
        assertEquals(d.path("stageId").asText(), a.get("funnel/deals/" + d.path("id").asText()).expect(200).json().path("stageId").asText(),
                "a refused reason leaves the deal where it was");
        JsonNode closed = a.post("funnel/deals/" + d.path("id").asText() + "/move", Map.of("stageId", lost, "version",
                d.path("version").asLong(), "closeReason", "timing")).expect(200).json();
        assertEquals("Timing", closed.path("closeReason").asText(), "stored as listed");

        String orgTimeline = a.get("contacts/organizations/" + organization + "/timeline").expect(200).json().path("items").toString();
        assertTrue(orgTimeline.contains("Timeline deal") && orgTimeline.contains("Lost · 10.00 EUR · Timing"),
                "the deal's creation and its loss are on the organization's timeline: " + orgTimeline);
        assertTrue(a.get("contacts/people/" + person + "/timeline").expect(200).json().path("items").toString().contains("Timeline deal"));
        admin.put("funnel/reasons", Map.of("won", List.of(), "lost", List.of())).expect(200);
    }

    @Test
    @Order(16)
    void theLeadExportHasTheListsLeadsFormulaSafeAndAudited() {
        String source = BlackBox.unique("fair");
        alice.client().post("funnel/leads", Map.of("lastName", "=HYPERLINK(\"http://evil\")", "source", source)).expect(201);
        alice.client().post("funnel/leads", Map.of("firstName", "Eva", "lastName", "Zupan", "company", "Zupan d.o.o.", "source", source,
                "status", "qualified")).expect(201);
        alice.client().post("funnel/leads", Map.of("firstName", "Other", "lastName", "Status", "source", source)).expect(201);
        mallory.client().post("funnel/leads", Map.of("firstName", "Mallory", "lastName", "Hidden", "source", source)).expect(201);
        var export = alice.client().get("funnel/leads/export?source=" + SearchIT.q(source) + "&sort=name").expect(200);
        assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
        List<String> lines = List.of(export.body().replace("\uFEFF", "").split("\r?\n"));
        assertEquals("firstName,lastName,company,email,phone,source,status,reason,notes", lines.get(0));
        assertEquals(4, lines.size(), "the header and alice's three leads of that source: " + lines);
        assertTrue(lines.contains("Eva,Zupan,Zupan d.o.o.,,," + source + ",qualified,,"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"'=HYPERLINK") || l.contains(",'=HYPERLINK")), "formula-safe: " + lines);
        assertFalse(export.body().contains("Mallory"), "another team's leads are not exported");
        var qualified = alice.client().get("funnel/leads/export?source=" + SearchIT.q(source) + "&status=qualified").expect(200).body();
        assertTrue(qualified.contains("Zupan") && !qualified.contains("Other"), "the list's filters apply: " + qualified);
        alice.client().get("funnel/leads/export?format=xlsx").expectProblem(400);
        JsonNode audit = admin.get("audit?action=funnel.export").expect(200).json().path("items");
        assertTrue(audit.toString().contains("funnel/leads"), "the export is audited: " + audit);
    }

    /** The audit entry of this action on this target, once the audit writer (after the commit) has written it. */
    private JsonNode awaitAudit(String target, String action) throws InterruptedException {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (true) {
            for (JsonNode e : admin.get("audit?target=" + target + "&action=" + action).expect(200).json().path("items")) {
                if (action.equals(e.path("action").asText())) {
                    return e;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no audit entry " + action + " of " + target);
            }
            Thread.sleep(100);
        }
    }
}
