package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

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
 * The analytics module through its public API, over orders and deals this class creates in a
 * team of its own (the database may hold any other data): the funnel's metrics per local day and
 * month of the company's time zone, RFM segments, cohorts, churn and lifetime value, and basket
 * rules, each against figures worked out by hand; another team's orders in none of them nor in
 * an export; CSV exports formula-safe; and the funnel switched off and on, analytics working
 * throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsIT {

    private static final List<String> PERMISSIONS = List.of("contacts.read", "contacts.write", "funnel.read", "funnel.write",
            "funnel.export", "analytics.read", "analytics.export");
    private static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");

    private static MosaicServer server;
    private static ApiClient admin;
    private static BlackBox.Member alice;
    private static BlackBox.Member mallory;
    private static String aliceTeam;
    private static String malloryTeam;
    private static JsonNode settingsBefore;
    /** The SKUs of products A, B, C and D; D's looks like a spreadsheet formula. */
    private static String a;
    private static String b;
    private static String c;
    private static String d;
    private static final Map<String, String> CUSTOMERS = new HashMap<>();
    private static String pipelineId;
    private static JsonNode dashboard;
    /** Set while this class has the tickets module on, so that it is switched off again whatever happens. */
    private static boolean ticketsOn;

    @BeforeAll
    static void start() throws Exception {
        server = MosaicServer.fresh().start();
        admin = BlackBox.admin(server);
        Contacts.enable(admin);
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        admin.post("modules/analytics/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", PERMISSIONS)).expect(200);
        aliceTeam = BlackBox.createTeam(admin);
        malloryTeam = BlackBox.createTeam(admin);
        BlackBox.await(() -> admin.get("analytics/basket/rules?teamId=" + aliceTeam), 200);
        alice = BlackBox.member(server, admin, "alice", aliceTeam);
        mallory = BlackBox.member(server, admin, "mallory", malloryTeam);
        // The company works in Ljubljana (+01:00 in winter, +02:00 in summer): days and months are counted there.
        settingsBefore = admin.get("settings").expect(200).json();
        putSettings(settingsBefore, "Europe/Ljubljana");
    }

    private static void putSettings(JsonNode base, String timeZone) {
        JsonNode now = admin.get("settings").expect(200).json();
        Map<String, Object> body = new HashMap<>();
        body.put("companyName", base.path("companyName").asText());
        body.put("defaultLanguage", base.path("defaultLanguage").asText());
        body.put("theme", base.path("theme").asText());
        body.put("currency", base.path("currency").asText());
        body.put("timeZone", timeZone);
        body.put("version", now.path("version").asLong());
        admin.put("settings", body).expect(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            if (settingsBefore != null) {
                putSettings(settingsBefore, settingsBefore.path("timeZone").asText());
            }
            // On the suite's shared database the module states outlive this server: leave them as found.
            if (ticketsOn) {
                admin.post("modules/tickets/disable", Map.of()).expect(200);
            }
            admin.post("modules/analytics/disable", Map.of()).expect(200);
            admin.post("modules/funnel/disable", Map.of()).expect(200);
            server.close();
        }
    }

    private static String product(String sku) {
        admin.post("funnel/products", Map.of("sku", sku, "name", "Product " + sku, "prices", List.of(Map.of("currency", "EUR", "amount", "10.00"))))
                .expect(201);
        return sku;
    }

    private static void order(BlackBox.Member who, String customer, String orderedAt, String... skus) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(Map.of("sku", sku, "quantity", "1"));
        }
        who.client().post("funnel/orders", Map.of("number", BlackBox.unique("AN").toUpperCase(Locale.ROOT), "personId", customer,
                "currency", "EUR", "orderedAt", orderedAt, "lines", lines)).expect(201);
    }

    private static String person(BlackBox.Member who, String name) {
        return who.client().post("contacts/people", Map.of("firstName", name, "lastName", BlackBox.unique("Kupec"))).expect(201).json()
                .path("id").asText();
    }

    /**
     * Seven orders of four customers of Alice's team, ten euros a line:
     * <pre>
     * c1  2026-01-10 A B C (30)   2026-02-10 A B (20)   2026-06-28 22:30 UTC = 06-29 00:30 local: A B C D (40)
     * c2  2026-01-20 A C (20)     2026-06-20 A B D (30)
     * c3  2026-01-31 23:30 UTC = 02-01 00:30 local: B C (20)
     * c4  2026-05-21 D (10)
     * </pre>
     * and Mallory's, of another team, with the same products: five orders of A and D, which would
     * change every figure below if they leaked into Alice's.
     */
    @Test
    @Order(1)
    void ordersOfTwoTeams() {
        String u = BlackBox.unique("s").replace("-", "").toUpperCase(Locale.ROOT);
        a = product("A-" + u);
        b = product("B-" + u);
        c = product("C-" + u);
        d = product("=D-" + u);
        for (String name : List.of("c1", "c2", "c3", "c4")) {
            CUSTOMERS.put(name, person(alice, name));
        }
        order(alice, CUSTOMERS.get("c1"), "2026-01-10T12:00:00Z", a, b, c);
        order(alice, CUSTOMERS.get("c1"), "2026-02-10T12:00:00Z", a, b);
        order(alice, CUSTOMERS.get("c1"), "2026-06-28T22:30:00Z", a, b, c, d);
        order(alice, CUSTOMERS.get("c2"), "2026-01-20T12:00:00Z", a, c);
        order(alice, CUSTOMERS.get("c2"), "2026-06-20T12:00:00Z", a, b, d);
        order(alice, CUSTOMERS.get("c3"), "2026-01-31T23:30:00Z", b, c);
        order(alice, CUSTOMERS.get("c4"), "2026-05-21T12:00:00Z", d);
        String theirs = person(mallory, "m1");
        for (int i = 0; i < 5; i++) {
            order(mallory, theirs, "2026-0" + (i + 1) + "-15T12:00:00Z", a, d);
        }
    }

    /** An analysis computed by a job: 202 while it computes, then its answer (200). */
    private static ApiResponse computed(ApiClient client, String path) {
        return BlackBox.await(() -> client.get(path), 200);
    }

    private static Map<String, String> points(JsonNode figures) {
        Map<String, String> out = new HashMap<>();
        figures.path("points").forEach(p -> out.put(p.path("bucket").asText(null) + "|" + p.path("key").asText(null) + "|"
                + p.path("currency").asText(null), p.path("value").asText()));
        return out;
    }

    @Test
    @Order(2)
    void theFunnelsMetricsCountInTheCompanysDaysAndMonths() {
        ApiClient client = alice.client();
        List<String> ids = new ArrayList<>();
        client.get("analytics/metrics").expect(200).json().path("items").forEach(m -> ids.add(m.path("id").asText()));
        assertTrue(ids.containsAll(List.of("funnel.orders.count", "funnel.orders.revenue", "funnel.deals.created", "funnel.deals.won",
                "funnel.deals.wonAmount")), ids.toString());

        JsonNode months = client.get("analytics/metrics/funnel.orders.count?from=2026-01-01&to=2026-06-30&bucket=month").expect(200).json();
        assertEquals("Europe/Ljubljana", months.path("zone").asText());
        assertEquals(List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"), texts(months.path("current").path("buckets")));
        assertEquals(Map.of("2026-01|null|null", "2", "2026-02|null|null", "2", "2026-05|null|null", "1", "2026-06|null|null", "2"),
                points(months.path("current")), "c3's order of 31 January 23:30 UTC is February's in Ljubljana");
        JsonNode revenue = client.get("analytics/metrics/funnel.orders.revenue?from=2026-01-01&to=2026-06-30&bucket=month&dimension=owner")
                .expect(200).json();
        String owner = alice.id();
        assertEquals(Map.of("2026-01|" + owner + "|EUR", "50.00", "2026-02|" + owner + "|EUR", "40.00", "2026-05|" + owner + "|EUR", "10.00",
                "2026-06|" + owner + "|EUR", "70.00"), points(revenue.path("current")));
        JsonNode total = client.get("analytics/metrics/funnel.orders.revenue?from=2026-01-01&to=2026-06-30").expect(200).json();
        assertEquals(Map.of("null|null|EUR", "170.00"), points(total.path("current")), "one total without buckets");

        assertEquals(Map.of("2026-06-29|null|null", "1"),
                points(client.get("analytics/metrics/funnel.orders.count?from=2026-06-29&to=2026-06-29&bucket=day").expect(200).json()
                        .path("current")), "22:30 UTC on 28 June is 29 June in Ljubljana (+02:00)");
        assertEquals(Map.of(), points(client.get("analytics/metrics/funnel.orders.count?from=2026-06-28&to=2026-06-28&bucket=day")
                .expect(200).json().path("current")));

        JsonNode compared = client.get("analytics/metrics/funnel.orders.count?from=2026-06-01&to=2026-06-30&compare=previous").expect(200)
                .json();
        assertEquals(Map.of("null|null|null", "2"), points(compared.path("current")));
        assertEquals("2026-05-02", compared.path("previous").path("from").asText(), "the 30 days before");
        assertEquals(Map.of("null|null|null", "1"), points(compared.path("previous")));

        assertEquals(Map.of(), points(client.get("analytics/metrics/funnel.orders.count?from=2026-01-01&to=2026-06-30&teamId=" + malloryTeam)
                .expect(200).json().path("current")), "filtering for another team finds nothing of it");
        assertEquals(Map.of("null|null|null", "5"), points(mallory.client().get("analytics/metrics/funnel.orders.count?from=2026-01-01&to=2026-06-30")
                .expect(200).json().path("current")), "Mallory counts her own five");
    }

    @Test
    @Order(3)
    void badQuestionsAreProblemsNamingTheField() {
        ApiClient client = alice.client();
        assertEquals(List.of("colour"), fields(client.get("analytics/metrics/funnel.orders.count?colour=red").expectProblem(400)),
                "an unknown parameter would silently widen the answer");
        assertEquals(List.of("bucket", "from"), fields(client.get("analytics/metrics/funnel.orders.count?from=1.1.2026&bucket=year")
                .expectProblem(400)));
        assertEquals(List.of("dimension"), fields(client.get("analytics/metrics/funnel.orders.count?dimension=stage").expectProblem(400)));
        assertEquals(List.of("to"), fields(client.get("analytics/metrics/funnel.orders.count?from=2026-02-01&to=2026-01-01").expectProblem(400)));
        assertEquals(List.of("bucket"), fields(client.get("analytics/metrics/funnel.orders.count?from=2020-01-01&to=2026-01-01&bucket=day")
                .expectProblem(400)), "more than 1000 buckets");
        assertEquals(List.of("teamId"), fields(client.get("analytics/metrics/funnel.orders.count?teamId=x").expectProblem(400)));
        client.get("analytics/metrics/funnel.nothing").expectProblem(404);
        assertEquals(List.of("maxLength", "minSupport"),
                fields(client.get("analytics/basket/rules?minSupport=0&maxLength=40").expectProblem(400)));
        assertEquals(List.of("minConfidence"), fields(client.get("analytics/basket/rules?minConfidence=1.5").expectProblem(400)));
        assertEquals(List.of("period"), fields(client.get("analytics/cohorts?period=week").expectProblem(400)));
        assertEquals(List.of("currency"), fields(client.get("analytics/rfm?currency=euro").expectProblem(400)));
    }

    @Test
    @Order(4)
    void basketRulesMatchHandCountedSupportConfidenceAndLift() {
        // A 5, B 5, C 4, D 3 of 7 orders; AB 4, AC 3, BC 3, AD 2, BD 2; ABC 2, ABD 2.
        // 0.3 × 7 = 2.1: an itemset needs 3 orders (a rounded count, 2, would bring in AD, BD, ABC and ABD).
        JsonNode answer = computed(alice.client(), "analytics/basket/rules?minSupport=0.3&minConfidence=0.6&maxLength=3").json();
        assertEquals(7, answer.path("transactions").asLong(), "Mallory's five orders are not Alice's transactions");
        assertEquals(6, answer.path("total").asInt(), answer.toString());
        assertRule(answer, List.of(a), List.of(b), 4, 4.0 / 7, 0.8, 1.12);
        assertRule(answer, List.of(b), List.of(a), 4, 4.0 / 7, 0.8, 1.12);
        assertRule(answer, List.of(a), List.of(c), 3, 3.0 / 7, 0.6, 1.05);
        assertRule(answer, List.of(c), List.of(a), 3, 3.0 / 7, 0.75, 1.05);
        assertRule(answer, List.of(b), List.of(c), 3, 3.0 / 7, 0.6, 1.05);
        assertRule(answer, List.of(c), List.of(b), 3, 3.0 / 7, 0.75, 1.05);
        assertEquals(1.12, answer.path("rules").get(0).path("lift").asDouble(), 1e-6, "sorted by lift");

        JsonNode lower = computed(alice.client(), "analytics/basket/rules?minSupport=0.28&minConfidence=0.6&maxLength=3&sort=confidence").json();
        assertRule(lower, List.of(d, a), List.of(b), 2, 2.0 / 7, 1.0, 1.4);
        assertRule(lower, List.of(d, b), List.of(a), 2, 2.0 / 7, 1.0, 1.4);
        assertRule(lower, List.of(a, c), List.of(b), 2, 2.0 / 7, 2.0 / 3, 14.0 / 15);
        assertRule(lower, List.of(d), List.of(a, b), 2, 2.0 / 7, 2.0 / 3, 7.0 / 6);
        assertEquals(1.0, lower.path("rules").get(0).path("confidence").asDouble(), 1e-9, "sorted by confidence");
        assertEquals(1, computed(alice.client(), "analytics/basket/rules?minSupport=0.28&minConfidence=0.6&maxLength=3&limit=1").json()
                .path("rules").size());

        JsonNode theirs = computed(mallory.client(), "analytics/basket/rules?minSupport=0.5&minConfidence=0.5&maxLength=2").json();
        assertEquals(5, theirs.path("transactions").asLong());
        assertEquals(2, theirs.path("total").asInt(), "A → D and D → A, in all five of Mallory's orders: " + theirs);

        // Ordered 1 February to 28 June, local days: c3's B C (31 January 23:30 UTC) is in, c1's last order (28 June 22:30 UTC) out.
        // A B, A B D, B C, D: A 2, B 3, D 2; A B 2 of 4.
        JsonNode spring = computed(alice.client(), "analytics/basket/rules?minSupport=0.5&minConfidence=0.5&maxLength=2&from=2026-02-01&to=2026-06-28")
                .json();
        assertEquals(4, spring.path("transactions").asLong(), spring.toString());
        assertEquals(2, spring.path("total").asInt(), spring.toString());
        assertRule(spring, List.of(a), List.of(b), 2, 0.5, 1.0, 4.0 / 3);
        assertRule(spring, List.of(b), List.of(a), 2, 0.5, 2.0 / 3, 4.0 / 3);
    }

    private static void assertRule(JsonNode answer, List<String> antecedent, List<String> consequent, long count, double support,
            double confidence, double lift) {
        List<String> ant = antecedent.stream().sorted().toList();
        List<String> con = consequent.stream().sorted().toList();
        for (JsonNode r : answer.path("rules")) {
            if (texts(r.path("antecedent")).equals(ant) && texts(r.path("consequent")).equals(con)) {
                assertEquals(count, r.path("count").asLong(), ant + " → " + con);
                assertEquals(support, r.path("support").asDouble(), 1e-6, "support of " + ant + " → " + con);
                assertEquals(confidence, r.path("confidence").asDouble(), 1e-6, "confidence of " + ant + " → " + con);
                assertEquals(lift, r.path("lift").asDouble(), 1e-6, "lift of " + ant + " → " + con);
                return;
            }
        }
        throw new AssertionError("no rule " + ant + " → " + con + " in " + answer);
    }

    @Test
    @Order(5)
    void rfmSegmentsCohortsChurnAndLifetimeValue() {
        ApiClient client = alice.client();
        // As of 30 June: recency 1, 10, 149 and 40 days; frequency 3, 2, 1, 1; revenue 90, 50, 20, 10.
        // Quintiles among four: 1 + ⌊5 × (customers worse) / 4⌋.
        JsonNode rfm = computed(client, "analytics/rfm?asOf=2026-06-30").json();
        assertEquals("EUR", rfm.path("currency").asText());
        assertEquals(4, rfm.path("customers").asLong());
        Map<String, String> segments = new HashMap<>();
        rfm.path("segments").forEach(s -> segments.put(s.path("name").asText(), s.path("customers").asLong() + " " + s.path("revenue").asText()));
        assertEquals(Map.of("Champions", "1 90.00", "Loyal", "1 50.00", "Promising", "0 0.00", "At risk", "0 0.00", "Hibernating", "2 30.00"),
                segments);

        JsonNode c1 = client.get("analytics/people/" + CUSTOMERS.get("c1") + "?asOf=2026-06-30").expect(200).json();
        assertEquals(List.of(4, 4, 4), List.of(c1.path("rfm").path("r").asInt(), c1.path("rfm").path("f").asInt(), c1.path("rfm").path("m").asInt()));
        assertEquals("Champions", c1.path("rfm").path("segment").asText());
        assertEquals("90.00", c1.path("lifetimeValue").asText());
        // 10 January to 29 June (local) is 170 days over two intervals: every 85 days; 1 day since.
        assertEquals(85.0, c1.path("churnRisk").path("meanIntervalDays").asDouble(), 1e-9);
        assertEquals(1, c1.path("churnRisk").path("daysSinceLast").asLong(), "the last order is 29 June in Ljubljana");
        assertEquals("low", c1.path("churnRisk").path("risk").asText());
        JsonNode c2 = client.get("analytics/people/" + CUSTOMERS.get("c2") + "?asOf=2026-12-01").expect(200).json();
        // 20 January to 20 June: 151 days; 164 days since on 1 December: between one and two intervals, 13 days overdue.
        assertEquals("medium", c2.path("churnRisk").path("risk").asText(), c2.toString());
        assertEquals(13.0, c2.path("churnRisk").path("overdueDays").asDouble(), 1e-9);
        assertEquals("50.00", c2.path("lifetimeValue").asText());
        JsonNode c3 = client.get("analytics/people/" + CUSTOMERS.get("c3") + "?asOf=2026-06-30").expect(200).json();
        assertEquals("Hibernating", c3.path("rfm").path("segment").asText());
        assertEquals("unknown", c3.path("churnRisk").path("risk").asText(), "a single order has no rhythm");
        JsonNode stranger = mallory.client().get("analytics/people/" + CUSTOMERS.get("c1")).expect(200).json();
        assertTrue(stranger.path("rfm").isNull() && stranger.path("lifetimeValue").isNull(), "nothing of Alice's customer for Mallory: " + stranger);

        JsonNode cohorts = computed(client, "analytics/cohorts?period=month&asOf=2026-06-30").json();
        List<String> rows = new ArrayList<>();
        cohorts.path("cohorts").forEach(k -> rows.add(k.path("cohort").asText() + " " + k.path("size").asLong() + " " + texts(k.path("retained"))));
        assertEquals(List.of("2026-01 2 [2, 1, 0, 0, 0, 2]", "2026-02 1 [1, 0, 0, 0, 0]", "2026-05 1 [1, 0]"), rows,
                "c3's first order is February's in Ljubljana");
    }

    @Test
    @Order(6)
    void exportsAreFormulaSafeCsvOfWhatTheUserMaySee() {
        var export = computed(alice.client(), "analytics/basket/rules?minSupport=0.28&minConfidence=0.6&maxLength=3&format=csv");
        assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
        List<String> lines = List.of(export.body().replace("\uFEFF", "").split("\r\n"));
        assertEquals("antecedent,consequent,support,confidence,lift,count", lines.get(0));
        assertTrue(export.body().contains("'=D-"), "a SKU that looks like a formula is neutralised: " + export.body());
        for (String line : lines) {
            assertFalse(line.startsWith("=") || line.contains(",=") || line.contains("\"="), line);
        }
        var rfm = computed(alice.client(), "analytics/rfm?asOf=2026-06-30&format=csv");
        List<String> rfmLines = List.of(rfm.body().replace("\uFEFF", "").split("\r\n"));
        assertEquals(5, rfmLines.size(), "a header and Alice's four customers: " + rfm.body());
        assertTrue(rfm.body().contains(CUSTOMERS.get("c1") + ",Champions,4,4,4,1,3,90.00,EUR"), rfm.body());
        var metric = alice.client().get("analytics/metrics/funnel.orders.revenue?from=2026-01-01&to=2026-06-30&bucket=month&format=csv").expect(200);
        assertTrue(metric.body().contains("current,2026-06,,EUR,70.00"), metric.body());
        var cohorts = computed(mallory.client(), "analytics/cohorts?asOf=2026-06-30&format=csv");
        for (String id : CUSTOMERS.values()) {
            assertFalse(cohorts.body().contains(id));
        }
        assertEquals(List.of("cohort,size,month0,month1,month2,month3,month4,month5", "2026-01,1,1,1,1,1,1,0"),
                List.of(cohorts.body().replace("\uFEFF", "").split("\r\n")), "Mallory's one customer, ordering January to May");
    }

    @Test
    @Order(7)
    void dealMetricsCountCreatedAndWonDeals() {
        JsonNode pipeline = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Analytics"), "stages",
                List.of(Map.of("name", "Lead", "probability", 20, "kind", "open"), Map.of("name", "Won", "kind", "won"),
                        Map.of("name", "Lost", "kind", "lost")))).expect(201).json();
        pipelineId = pipeline.path("id").asText();
        String won = pipeline.path("stages").get(1).path("id").asText();
        ApiClient client = alice.client();
        String today = LocalDate.now(LJUBLJANA).toString();
        JsonNode deal = client.post("funnel/deals", Map.of("title", "Analytics deal", "pipelineId", pipelineId, "amount", "1250.50",
                "currency", "EUR", "expectedClose", today)).expect(201).json();
        client.post("funnel/deals", Map.of("title", "Second deal", "pipelineId", pipelineId)).expect(201);
        client.post("funnel/deals/" + deal.path("id").asText() + "/move", Map.of("stageId", won, "version", deal.path("version").asLong()))
                .expect(200);
        JsonNode third = client.post("funnel/deals", Map.of("title", "Third deal", "pipelineId", pipelineId, "amount", "100",
                "currency", "EUR")).expect(201).json();
        client.post("funnel/deals/" + third.path("id").asText() + "/move", Map.of("stageId", pipeline.path("stages").get(2).path("id").asText(),
                "version", third.path("version").asLong())).expect(200);
        mallory.client().post("funnel/deals", Map.of("title", "Hers", "pipelineId", pipelineId, "amount", "99", "currency", "EUR")).expect(201);
        String range = "?from=" + today + "&to=" + today + "&pipelineId=" + pipelineId + "&bucket=day";
        assertEquals(Map.of(today + "|null|null", "3"), points(client.get("analytics/metrics/funnel.deals.created" + range).expect(200).json()
                .path("current")));
        assertEquals(Map.of(today + "|null|null", "1"), points(client.get("analytics/metrics/funnel.deals.won" + range).expect(200).json()
                .path("current")));
        assertEquals(Map.of(today + "|null|EUR", "1250.50"), points(client.get("analytics/metrics/funnel.deals.wonAmount" + range).expect(200)
                .json().path("current")));
        assertEquals(Map.of(today + "|" + pipelineId + "|null", "1"), points(mallory.client().get("analytics/metrics/funnel.deals.created"
                + range + "&dimension=pipeline").expect(200).json().path("current")));

        // The funnel of Alice's three deals: all entered Lead, one reached Won (the lost one is no step).
        String period = "?pipelineId=" + pipelineId + "&from=" + today + "&to=" + today;
        JsonNode conversion = client.get("analytics/funnel/conversion" + period + "&period=month").expect(200).json();
        assertEquals(3, conversion.path("deals").asLong(), conversion.toString());
        JsonNode lead = conversion.path("stages").get(0);
        assertEquals(List.of("3", "1", "0.3333"), List.of(lead.path("entered").asText(), lead.path("converted").asText(), lead.path("rate").asText()));
        JsonNode wonStep = conversion.path("stages").get(1);
        assertEquals(List.of(won, "1", "0.3333"), List.of(wonStep.path("stageId").asText(), wonStep.path("entered").asText(),
                wonStep.path("ofPrevious").asText()));
        assertEquals(2, conversion.path("stages").size(), "Lead and Won are steps, Lost is not");
        assertEquals(LocalDate.now(LJUBLJANA).toString().substring(0, 7), conversion.path("periods").get(0).path("period").asText());
        assertEquals(1, mallory.client().get("analytics/funnel/conversion" + period).expect(200).json().path("deals").asLong(),
                "Mallory's one deal, none of Alice's");
        JsonNode summary = client.get("analytics/funnel/summary" + period).expect(200).json();
        assertEquals(1, summary.path("won").asLong());
        assertEquals(1, summary.path("lost").asLong());
        assertEquals(0.5, summary.path("winRate").asDouble(), 1e-9);
        assertEquals("1250.50", summary.path("averageDealSize").get(0).path("amount").asText());
        assertEquals(List.of("EUR", "1250.50", "1250.50"), List.of(summary.path("forecast").get(0).path("currency").asText(),
                summary.path("forecast").get(0).path("forecast").asText(), summary.path("forecast").get(0).path("actual").asText()),
                "expected to close today and won today: " + summary);
        assertEquals(List.of("pipelineId"), fields(client.get("analytics/funnel/conversion").expectProblem(400)));
        client.get("analytics/funnel/conversion?pipelineId=" + aliceTeam).expectProblem(404);
    }

    private static Map<String, Object> widget(String type, String metric, String from, String to, Object... more) {
        Map<String, Object> w = new HashMap<>();
        w.put("type", type);
        if (metric != null) {
            w.put("metric", metric);
        }
        w.put("period", "custom");
        w.put("from", from);
        w.put("to", to);
        for (int i = 0; i < more.length; i += 2) {
            w.put((String) more[i], more[i + 1]);
        }
        return w;
    }

    private static String widgetId(JsonNode dashboard, int index) {
        return dashboard.path("widgets").get(index).path("id").asText();
    }

    private static String data(ApiClient client, JsonNode dashboard, int index) {
        return "analytics/dashboards/" + dashboard.path("id").asText() + "/widgets/" + widgetId(dashboard, index) + "/data";
    }

    @Test
    @Order(8)
    void dashboardsOfWidgetsPersonalAndShared() {
        ApiClient client = alice.client();
        JsonNode bad = client.post("analytics/dashboards", Map.of("name", "Bad", "widgets", List.of(Map.of("metric", "funnel.orders.count"),
                widget("line", "funnel.nothing", "2026-01-01", "2026-06-30"), widget("bar", "funnel.orders.count", "2026-06-30", "2026-01-01",
                        "bucket", "year")))).expectProblem(400);
        assertEquals(List.of("widgets[0].type", "widgets[1].metric", "widgets[2].bucket", "widgets[2].to"), fields(bad), bad.toString());
        client.post("analytics/dashboards", Map.of("name", "Shared", "shared", true)).expectProblem(403);
        client.post("analytics/dashboards", Map.of("name", "Colour", "colour", "red")).expectProblem(400);

        var created = client.post("analytics/dashboards", Map.of("name", BlackBox.unique("Sales"), "widgets", List.of(
                widget("line", "funnel.orders.revenue", "2026-01-01", "2026-06-30", "bucket", "month", "title", "Revenue"),
                widget("number", "funnel.orders.count", "2026-06-01", "2026-06-30", "compare", true),
                widget("funnel", null, "2026-01-01", "2030-12-31", "pipelineId", pipelineId),
                widget("stackedBar", "funnel.orders.count", "2026-01-01", "2026-06-30", "bucket", "month", "dimension", "owner", "width", 2))))
                .expect(201);
        dashboard = created.json();
        assertTrue(created.header("Location").endsWith("/api/v1/analytics/dashboards/" + dashboard.path("id").asText()));
        assertEquals(4, dashboard.path("widgets").size());
        dashboard.path("widgets").forEach(w -> assertTrue(w.path("available").asBoolean(), w.toString()));

        JsonNode revenue = client.get(data(client, dashboard, 0)).expect(200).json();
        assertEquals(Map.of("2026-01|null|EUR", "50.00", "2026-02|null|EUR", "40.00", "2026-05|null|EUR", "10.00", "2026-06|null|EUR", "70.00"),
                points(revenue.path("current")));
        JsonNode number = client.get(data(client, dashboard, 1)).expect(200).json();
        assertEquals(Map.of("null|null|null", "2"), points(number.path("current")), "a number ignores buckets");
        assertEquals(Map.of("null|null|null", "1"), points(number.path("previous")), "and is compared with the period before");
        assertEquals(3, client.get(data(client, dashboard, 2)).expect(200).json().path("deals").asLong(), "the pipeline's funnel");
        var csv = client.get(data(client, dashboard, 0) + "?format=csv").expect(200);
        assertTrue(csv.contentType().startsWith("text/csv"));
        assertTrue(csv.body().contains("current,2026-06,,EUR,70.00"), csv.body());
        assertTrue(client.get(data(client, dashboard, 2) + "?format=csv").expect(200).body().contains(",Lead,3,1,0.3333,"));

        mallory.client().get("analytics/dashboards/" + dashboard.path("id").asText()).expectProblem(404);
        mallory.client().get(data(client, dashboard, 0)).expectProblem(404);
        assertFalse(BlackBox.anyHas(SearchIT.list(mallory.client().get("analytics/dashboards").expect(200).json().path("items")), "id",
                dashboard.path("id").asText()), "a personal dashboard is its owner's alone");

        // The dashboard's filter applies to every widget: Mallory's team holds none of Alice's orders.
        String path = "analytics/dashboards/" + dashboard.path("id").asText();
        client.patch(path, Map.of("filters", Map.of("teamId", malloryTeam), "version", dashboard.path("version").asLong() + 1))
                .expectProblem(409);
        JsonNode filtered = client.patch(path, Map.of("filters", Map.of("teamId", malloryTeam), "version", dashboard.path("version").asLong()))
                .expect(200).json();
        assertEquals(malloryTeam, filtered.path("filters").path("teamId").asText());
        assertEquals(Map.of(), points(client.get(data(client, dashboard, 0)).expect(200).json().path("current")));
        dashboard = client.patch(path, Map.of("filters", Map.of("period", "custom", "from", "2026-06-01", "to", "2026-06-30"), "version",
                filtered.path("version").asLong())).expect(200).json();
        assertEquals(Map.of("2026-06|null|EUR", "70.00"), points(client.get(data(client, dashboard, 0)).expect(200).json().path("current")),
                "the dashboard's period replaces the widget's");

        // A shared dashboard: kept by analytics administrators, read by everyone in their own reach.
        JsonNode shared = admin.post("analytics/dashboards", Map.of("name", BlackBox.unique("Company"), "shared", true, "widgets",
                List.of(widget("table", "funnel.orders.count", "2026-01-01", "2026-06-30")))).expect(201).json();
        assertEquals(Map.of("null|null|null", "7"), points(client.get(data(client, shared, 0)).expect(200).json().path("current")));
        assertEquals(Map.of("null|null|null", "5"), points(mallory.client().get(data(client, shared, 0)).expect(200).json().path("current")));
        client.patch("analytics/dashboards/" + shared.path("id").asText(), Map.of("name", "Mine now", "version", shared.path("version").asLong()))
                .expectProblem(403);
        client.delete("analytics/dashboards/" + shared.path("id").asText()).expectProblem(403);
        admin.delete("analytics/dashboards/" + shared.path("id").asText()).expect(204);
        client.get("analytics/dashboards/" + shared.path("id").asText()).expectProblem(404);
    }

    @Test
    @Order(9)
    void switchedOffTheFunnelTakesItsMetricsAndAnalysesAndAnalyticsKeepsWorking() {
        admin.post("modules/funnel/disable", Map.of()).expect(200);
        BlackBox.await(() -> alice.client().get("analytics/basket/rules"), 404);
        JsonNode metrics = alice.client().get("analytics/metrics").expect(200).json();
        metrics.path("items").forEach(m -> assertFalse(m.path("module").asText().equals("funnel"), metrics.toString()));
        alice.client().get("analytics/metrics/funnel.orders.count").expectProblem(404);
        alice.client().get("analytics/rfm").expect(404);
        alice.client().get("analytics/funnel/conversion").expect(404);
        JsonNode mine = alice.client().get("analytics/dashboards/" + dashboard.path("id").asText()).expect(200).json();
        mine.path("widgets").forEach(w -> assertFalse(w.path("available").asBoolean(), "the funnel's widgets drop out: " + w));
        alice.client().get(data(alice.client(), dashboard, 0)).expectProblem(404);
        assertFalse(admin.get("openapi.json").expect(200).json().path("paths").has("/analytics/basket/rules"));
        assertTrue(admin.get("openapi.json").expect(200).json().path("paths").has("/analytics/metrics"));

        admin.post("modules/funnel/enable", Map.of()).expect(200);
        BlackBox.await(() -> alice.client().get("analytics/rfm?asOf=2026-06-30"), 200);
        BlackBox.await(() -> alice.client().get("analytics/metrics/funnel.orders.count?from=2026-01-01&to=2026-06-30"), 200);
        assertEquals(Map.of("null|null|null", "7"), points(alice.client().get("analytics/metrics/funnel.orders.count?from=2026-01-01&to=2026-06-30")
                .expect(200).json().path("current")), "the data and the metric are back");
        assertEquals(4, alice.client().get("analytics/rfm?asOf=2026-06-30").expect(200).json().path("customers").asLong());
        BlackBox.await(() -> alice.client().get(data(alice.client(), dashboard, 0)), 200);
        alice.client().get("analytics/dashboards/" + dashboard.path("id").asText()).expect(200).json().path("widgets")
                .forEach(w -> assertTrue(w.path("available").asBoolean(), "and come back with it: " + w));
        JsonNode paths = admin.get("openapi.json").expect(200).json().path("paths");
        for (String path : List.of("/analytics/basket/rules", "/analytics/rfm", "/analytics/cohorts", "/analytics/funnel/conversion",
                "/analytics/metrics/{id}")) {
            assertTrue(paths.has(path), "OpenAPI lists " + path);
        }
    }

    /**
     * Rules counted by brute force over the baskets, for comparison with the server's: every
     * itemset of two to {@code maxLength} items, its count compared as a fraction with the
     * support asked, every split of it into antecedent and consequent.
     */
    private static List<Object[]> bruteForceRules(List<List<String>> baskets, String minSupport, String minConfidence, int maxLength) {
        List<String> items = baskets.stream().flatMap(List::stream).distinct().sorted().toList();
        int n = baskets.size();
        java.util.function.Function<List<String>, Long> count = set -> baskets.stream().filter(b -> b.containsAll(set)).count();
        List<Object[]> rules = new ArrayList<>();
        for (int mask = 1; mask < 1 << items.size(); mask++) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(items.get(i));
                }
            }
            long together = count.apply(set);
            if (set.size() < 2 || set.size() > maxLength
                    || new java.math.BigDecimal(together).compareTo(new java.math.BigDecimal(minSupport).multiply(new java.math.BigDecimal(n))) < 0) {
                continue;
            }
            for (int sub = 1; sub < (1 << set.size()) - 1; sub++) {
                List<String> antecedent = new ArrayList<>();
                List<String> consequent = new ArrayList<>();
                for (int i = 0; i < set.size(); i++) {
                    ((sub & 1 << i) != 0 ? antecedent : consequent).add(set.get(i));
                }
                long ante = count.apply(antecedent);
                if (new java.math.BigDecimal(together).compareTo(new java.math.BigDecimal(minConfidence).multiply(new java.math.BigDecimal(ante))) < 0) {
                    continue;
                }
                double confidence = (double) together / ante;
                rules.add(new Object[] {antecedent, consequent, together, (double) together / n, confidence,
                        confidence / ((double) count.apply(consequent) / n)});
            }
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static void assertRulesAre(JsonNode answer, List<Object[]> expected) {
        assertEquals(expected.size(), answer.path("total").asInt(), answer.toString());
        for (Object[] r : expected) {
            assertRule(answer, (List<String>) r[0], (List<String>) r[1], (long) r[2], (double) r[3], (double) r[4], (double) r[5]);
        }
    }

    /**
     * Basket rules, RFM and cohorts are computed by a job: the first question answers 202 with
     * Retry-After and the run, which ends with the answer stored and shown with the time it was
     * computed; asking again is answered from it, a refresh computes it again, and a new order
     * makes it stale (still shown, marked, while the new computation runs). Results are per
     * reach: Mallory's same question is computed over her orders, and her new order changes
     * none of Alice's figures. Each answer checked against brute-force counting.
     */
    @Test
    @Order(10)
    void heavyAnalysesAreComputedByJobsKeptAndRefreshed() throws Exception {
        ApiClient client = alice.client();
        String rules = "analytics/basket/rules?minSupport=0.29&minConfidence=0.6&maxLength=3";
        List<List<String>> baskets = new ArrayList<>(List.of(List.of(a, b, c), List.of(a, b), List.of(a, b, c, d), List.of(a, c),
                List.of(a, b, d), List.of(b, c), List.of(d)));

        ApiResponse first = client.get(rules);
        assertEquals(202, first.status(), first.body());
        assertEquals("2", first.header("Retry-After"));
        assertEquals("computing", first.json().path("state").asText());
        String job = first.json().path("job").asText();
        assertEquals("done", BlackBox.awaitJob(client, job).path("state").asText());
        JsonNode answer = client.get(rules).expect(200).json();
        assertEquals(7, answer.path("transactions").asLong());
        assertFalse(answer.path("stale").asBoolean());
        assertTrue(answer.path("refreshing").isNull(), answer.toString());
        assertRulesAre(answer, bruteForceRules(baskets, "0.29", "0.6", 3));
        java.time.Instant computedAt = java.time.Instant.parse(answer.path("computedAt").asText());
        assertEquals(computedAt.toString(), java.time.Instant.parse(client.get(rules + "&sort=count").expect(200).json().path("computedAt")
                .asText()).toString(), "asked again (sorted otherwise), answered from the same computation");

        ApiResponse refresh = client.post(rules.replace("rules?", "rules/refresh?"), Map.of());
        assertEquals(202, refresh.status(), refresh.body());
        assertEquals("done", BlackBox.awaitJob(client, refresh.json().path("job").asText()).path("state").asText());
        JsonNode again = client.get(rules).expect(200).json();
        assertTrue(java.time.Instant.parse(again.path("computedAt").asText()).isAfter(computedAt), again.toString());
        assertRulesAre(again, bruteForceRules(baskets, "0.29", "0.6", 3));

        // A new order: the stored rules are shown marked stale while they are computed again over eight orders.
        order(alice, CUSTOMERS.get("c4"), "2026-06-25T12:00:00Z", a, b);
        baskets.add(List.of(a, b));
        JsonNode stale = client.get(rules).expect(200).json();
        assertTrue(stale.path("stale").asBoolean(), stale.toString());
        assertEquals(7, stale.path("transactions").asLong(), "the previous computation, marked");
        assertEquals("done", BlackBox.awaitJob(client, stale.path("refreshing").asText()).path("state").asText());
        JsonNode fresh = client.get(rules).expect(200).json();
        assertFalse(fresh.path("stale").asBoolean(), fresh.toString());
        assertEquals(8, fresh.path("transactions").asLong());
        assertRulesAre(fresh, bruteForceRules(baskets, "0.29", "0.6", 3));

        // Mallory's same question is hers: over her five orders of A and D, not Alice's stored answer.
        JsonNode theirs = computed(mallory.client(), rules).json();
        assertEquals(5, theirs.path("transactions").asLong(), theirs.toString());
        List<List<String>> hers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hers.add(List.of(a, d));
        }
        assertRulesAre(theirs, bruteForceRules(hers, "0.29", "0.6", 3));
        // Her new order makes every stored result stale, and Alice's figures computed again are the same.
        String theirCustomer = person(mallory, "m2");
        order(mallory, theirCustomer, "2026-06-26T12:00:00Z", a, b, c);
        JsonNode afterTheirs = client.get(rules).expect(200).json();
        if (afterTheirs.path("stale").asBoolean()) {
            BlackBox.awaitJob(client, afterTheirs.path("refreshing").asText());
            afterTheirs = client.get(rules).expect(200).json();
        }
        assertFalse(afterTheirs.path("stale").asBoolean());
        assertEquals(8, afterTheirs.path("transactions").asLong(), "another team's order is none of Alice's");
        assertRulesAre(afterTheirs, bruteForceRules(baskets, "0.29", "0.6", 3));
        var csv = client.get(rules + "&format=csv").expect(200);
        assertEquals(1 + bruteForceRules(baskets, "0.29", "0.6", 3).size(), csv.body().replace("\uFEFF", "").split("\r\n").length,
                "the export is the stored answer");

        // RFM and cohorts likewise, each with its time of computation and a refresh.
        ApiResponse rfm = client.get("analytics/rfm?asOf=2026-07-01");
        assertEquals(202, rfm.status(), rfm.body());
        BlackBox.awaitJob(client, rfm.json().path("job").asText());
        JsonNode segments = client.get("analytics/rfm?asOf=2026-07-01").expect(200).json();
        assertFalse(segments.path("computedAt").isNull());
        assertEquals(4, segments.path("customers").asLong(), "c1 to c4, none of Mallory's");
        long revenue = 0;
        for (JsonNode g : segments.path("segments")) {
            revenue += new java.math.BigDecimal(g.path("revenue").asText()).longValueExact();
        }
        assertEquals(190, revenue, "seven orders worth 170 and the new one of 20");
        ApiResponse refreshRfm = client.post("analytics/rfm/refresh?asOf=2026-07-01", Map.of());
        assertEquals(202, refreshRfm.status());
        assertEquals("done", BlackBox.awaitJob(client, refreshRfm.json().path("job").asText()).path("state").asText());
        ApiResponse cohorts = client.post("analytics/cohorts/refresh?asOf=2026-07-01", Map.of());
        assertEquals(202, cohorts.status());
        BlackBox.awaitJob(client, cohorts.json().path("job").asText());
        JsonNode table = client.get("analytics/cohorts?asOf=2026-07-01").expect(200).json();
        assertEquals("2026-01 2 [2, 1, 0, 0, 0, 2, 0]", table.path("cohorts").get(0).path("cohort").asText() + " "
                + table.path("cohorts").get(0).path("size").asLong() + " " + texts(table.path("cohorts").get(0).path("retained")),
                "January's cohort as in the test before, one month on");
        assertEquals(List.of("minSupport"), fields(client.post("analytics/basket/rules/refresh?minSupport=2", Map.of()).expectProblem(400)));
    }

    private static JsonNode ticket(BlackBox.Member who, String requester, String subject) {
        return who.client().post("tickets", Map.of("subject", subject, "requesterId", requester)).expect(201).json();
    }

    private static void solve(BlackBox.Member who, JsonNode ticket) {
        String path = "tickets/" + ticket.path("id").asText();
        long version = who.client().get(path).expect(200).json().path("version").asLong();
        who.client().patch(path, Map.of("status", "solved", "version", version)).expect(200);
    }

    /**
     * The tickets module's metrics, counted by hand: Alice's team opens three tickets today,
     * answers the first publicly and solves two; Mallory's team opens two and solves one, which
     * changes none of Alice's figures. Then the module switched off takes its metrics along, and
     * they come back with it.
     */
    @Test
    @Order(11)
    void ticketsMetricsCountVolumeResponsesComplianceAndBacklogInTheUsersReach() {
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        ticketsOn = true;
        List<String> permissions = new ArrayList<>(PERMISSIONS);
        permissions.addAll(List.of("tickets.read", "tickets.write"));
        admin.patch("roles/" + BlackBox.roleId(admin, "user"), Map.of("permissions", permissions)).expect(200);
        BlackBox.await(() -> alice.client().get("analytics/metrics/tickets.created"), 200);
        String requester = person(alice, "t1");
        JsonNode first = ticket(alice, requester, "Printer on fire");
        JsonNode second = ticket(alice, requester, "Toner low");
        ticket(alice, requester, "Paper jam");
        alice.client().post("tickets/" + first.path("id").asText() + "/comments", Map.of("body", "On our way.", "public", true)).expect(201);
        solve(alice, first);
        solve(alice, second);
        String theirs = person(mallory, "t2");
        JsonNode hers = ticket(mallory, theirs, "Screen dark");
        ticket(mallory, theirs, "Mouse gone");
        solve(mallory, hers);

        String today = LocalDate.now(LJUBLJANA).toString();
        String range = "?from=" + today + "&to=" + today;
        ApiClient client = alice.client();
        assertEquals(Map.of("null|null|null", "3"), points(client.get("analytics/metrics/tickets.created" + range).expect(200).json().path("current")));
        assertEquals(Map.of("null|null|null", "2"), points(client.get("analytics/metrics/tickets.solved" + range).expect(200).json().path("current")));
        assertEquals(Map.of(today + "|null|null", "1"), points(client.get("analytics/metrics/tickets.backlog" + range + "&bucket=day").expect(200)
                .json().path("current")), "the paper jam is open at the end of the day");
        assertEquals(Map.of("null|null|null", "1"), points(client.get("analytics/metrics/tickets.slaCompliance" + range).expect(200).json()
                .path("current")), "two solved, neither past a target: 2 / 2");
        assertEquals(Map.of("null|" + aliceTeam + "|null", "0"), points(client.get("analytics/metrics/tickets.firstResponseHours" + range
                + "&dimension=team").expect(200).json().path("current")), "one first response, within seconds of the ticket");
        assertEquals(Map.of("null|null|null", "2"), points(mallory.client().get("analytics/metrics/tickets.created" + range).expect(200).json()
                .path("current")), "Mallory counts her own two");
        assertEquals(Map.of("null|null|null", "1"), points(mallory.client().get("analytics/metrics/tickets.backlog" + range).expect(200).json()
                .path("current")));
        assertEquals(Map.of(), points(client.get("analytics/metrics/tickets.created" + range + "&teamId=" + malloryTeam).expect(200).json()
                .path("current")), "filtering for another team finds nothing of it");
        JsonNode definitions = client.get("analytics/metrics").expect(200).json();
        List<String> ids = new ArrayList<>();
        definitions.path("items").forEach(m -> ids.add(m.path("id").asText()));
        assertTrue(ids.containsAll(List.of("tickets.created", "tickets.solved", "tickets.firstResponseHours", "tickets.resolutionHours",
                "tickets.slaCompliance", "tickets.backlog")), ids.toString());

        admin.post("modules/tickets/disable", Map.of()).expect(200);
        BlackBox.await(() -> client.get("analytics/metrics/tickets.created"), 404);
        client.get("analytics/metrics").expect(200).json().path("items")
                .forEach(m -> assertFalse(m.path("module").asText().equals("tickets"), "switched off, its metrics are gone: " + m));
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> client.get("analytics/metrics/tickets.created" + range), 200);
        assertEquals(Map.of("null|null|null", "3"), points(client.get("analytics/metrics/tickets.created" + range).expect(200).json().path("current")),
                "and back with it");
        admin.post("modules/tickets/disable", Map.of()).expect(200);
        ticketsOn = false;
    }

    /**
     * Widgets pinned to the start page: the flag is kept with the widget, the start page lists
     * the analytics panel to whoever reads analytics, and the panel reads the dashboards the
     * user reads (so Mallory never meets Alice's pinned widget).
     */
    @Test
    @Order(12)
    void widgetsArePinnedToTheStartPage() {
        ApiClient client = alice.client();
        JsonNode board = client.post("analytics/dashboards", Map.of("name", BlackBox.unique("Pins"), "widgets", List.of(
                widget("number", "funnel.orders.count", "2026-01-01", "2026-06-30", "pinned", true),
                widget("bar", "funnel.orders.revenue", "2026-01-01", "2026-06-30", "bucket", "month")))).expect(201).json();
        assertTrue(board.path("widgets").get(0).path("pinned").asBoolean(), board.toString());
        assertFalse(board.path("widgets").get(1).path("pinned").asBoolean(), "not pinned unless asked");
        List<String> panels = new ArrayList<>();
        client.get("ui/panels").expect(200).json().forEach(p -> panels.add(p.path("moduleId").asText() + ":" + p.path("id").asText()));
        assertTrue(panels.contains("analytics:pinned"), panels.toString());
        assertEquals(Map.of("null|null|null", "8"), points(client.get(data(client, board, 0)).expect(200).json().path("current")),
                "what the panel shows: Alice's eight orders of the first half year");
        boolean seen = false;
        for (JsonNode d : mallory.client().get("analytics/dashboards").expect(200).json().path("items")) {
            seen |= d.path("id").asText().equals(board.path("id").asText());
        }
        assertFalse(seen, "a personal dashboard's pins are its owner's");
        JsonNode unpinned = client.patch("analytics/dashboards/" + board.path("id").asText(), Map.of("widgets", List.of(Map.of("id",
                widgetId(board, 0), "type", "number", "metric", "funnel.orders.count", "period", "custom", "from", "2026-01-01", "to", "2026-06-30",
                "pinned", false)), "version", board.path("version").asLong())).expect(200).json();
        assertFalse(unpinned.path("widgets").get(0).path("pinned").asBoolean());
        assertEquals(List.of("widgets[0].pinned"), fields(client.post("analytics/dashboards", Map.of("name", "Bad pin", "widgets",
                List.of(widget("number", "funnel.orders.count", "2026-01-01", "2026-06-30", "pinned", "yes")))).expectProblem(400)));
    }

    // Panels on record pages (issue 21): analytics' figures on a person's page and "bought together" on a product's.

    /** The panels listed for a record type's pages, as module:id. */
    private static List<String> recordPanels(ApiClient client, String type) {
        List<String> out = new ArrayList<>();
        client.get("ui/panels?record=" + type).expect(200).json().forEach(p -> out.add(p.path("moduleId").asText() + ":" + p.path("id").asText()));
        return out;
    }

    /** Waits until the record type's panels hold the panel or not, as the module switches take a moment. */
    private static void awaitPanel(ApiClient client, String type, String panel, boolean listed) {
        BlackBox.awaitJson(() -> client.get("ui/panels?record=" + type), list -> {
            boolean found = false;
            for (JsonNode p : list) {
                found |= panel.equals(p.path("moduleId").asText() + ":" + p.path("id").asText());
            }
            return found == listed;
        }, java.time.Duration.ofSeconds(30), panel + (listed ? " listed" : " gone") + " for " + type);
    }

    /**
     * The person and product pages list analytics' panels for whoever reads analytics; a user
     * without analytics.read does not get them; a bad record type is a problem naming the
     * parameter; switched off, analytics takes its panels along and brings them back when on
     * again; and with the funnel off there are no orders to count, so no panels either.
     */
    @Test
    @Order(13)
    void recordPagesListTheAnalyticsPanelsOfWhoReadsAnalytics() {
        ApiClient client = alice.client();
        assertTrue(recordPanels(client, "contacts.person").contains("analytics:customer"), recordPanels(client, "contacts.person").toString());
        JsonNode listed = client.get("ui/panels?record=contacts.person").expect(200).json();
        listed.forEach(p -> {
            if ("customer".equals(p.path("id").asText())) {
                assertEquals("/ui/modules/analytics/person-panel.js", p.path("script").asText());
            }
        });
        assertTrue(recordPanels(client, "funnel.product").contains("analytics:together"));
        assertFalse(recordPanels(client, "contacts.person").contains("analytics:together"), "a panel is for its own record type");
        for (String bad : List.of("nosuch.thing", "contacts.nobody", "Contacts.Person", "contacts", "", "..%2Fx")) {
            assertEquals(List.of("record"), fields(client.get("ui/panels?record=" + bad).expectProblem(400)), bad);
        }
        assertTrue(client.get("ui/panels").expect(200).json().toString().contains("\"pinned\""), "the start page's own list stays");

        String roleName = BlackBox.unique("no-analytics");
        admin.post("roles", Map.of("name", roleName, "permissions", List.of("contacts.read", "funnel.read"))).expect(201);
        String username = BlackBox.unique("noan");
        admin.post("users", Map.of("username", username, "password", BlackBox.PASSWORD, "roles", List.of(roleName), "teamId", aliceTeam))
                .expect(201);
        ApiClient without = BlackBox.signIn(server, username, BlackBox.PASSWORD);
        assertEquals(List.of(), recordPanels(without, "contacts.person").stream().filter(p -> p.startsWith("analytics:")).toList());
        assertEquals(List.of(), recordPanels(without, "funnel.product").stream().filter(p -> p.startsWith("analytics:")).toList());
        without.get("analytics/people/" + CUSTOMERS.get("c1")).expectProblem(403);

        admin.post("modules/analytics/disable", Map.of()).expect(200);
        try {
            awaitPanel(client, "contacts.person", "analytics:customer", false);
            awaitPanel(client, "funnel.product", "analytics:together", false);
        } finally {
            admin.post("modules/analytics/enable", Map.of()).expect(200);
        }
        awaitPanel(client, "contacts.person", "analytics:customer", true);
        awaitPanel(client, "funnel.product", "analytics:together", true);
        BlackBox.await(() -> client.get("analytics/people/" + CUSTOMERS.get("c1")), 200);

        admin.post("modules/funnel/disable", Map.of()).expect(200);
        try {
            awaitPanel(client, "contacts.person", "analytics:customer", false);
            BlackBox.await(() -> client.get("ui/panels?record=funnel.product"), 400);
        } finally {
            admin.post("modules/funnel/enable", Map.of()).expect(200);
        }
        awaitPanel(client, "contacts.person", "analytics:customer", true);
        awaitPanel(client, "funnel.product", "analytics:together", true);
        BlackBox.await(() -> client.get("analytics/basket/rules?minSupport=0.29&minConfidence=0.6&maxLength=3"), 200);
    }

    /** The rules of a question once they are computed and current (not stale). */
    private static JsonNode current(ApiClient client, String path) {
        return BlackBox.awaitJson(() -> client.get(path), a -> !a.path("stale").asBoolean() && a.has("rules"), java.time.Duration.ofSeconds(60),
                "current rules of " + path);
    }

    /**
     * What the panels ask: the rules whose antecedent holds a product's SKU, and the rules that
     * speak to one customer (what they bought leads to them, and they add something new), both
     * against brute-force counting over Alice's eight orders; another team's customer bought
     * nothing in Mallory's reach; bad filters are problems naming them.
     */
    @Test
    @Order(14)
    @SuppressWarnings("unchecked")
    void basketRulesFilteredForAProductsPageAndAPersonsPage() {
        ApiClient client = alice.client();
        String question = "analytics/basket/rules?minSupport=0.29&minConfidence=0.6&maxLength=3";
        List<List<String>> baskets = List.of(List.of(a, b, c), List.of(a, b), List.of(a, b, c, d), List.of(a, c), List.of(a, b, d),
                List.of(b, c), List.of(d), List.of(a, b));
        List<Object[]> all = bruteForceRules(baskets, "0.29", "0.6", 3);
        assertRulesAre(current(client, question), all);

        List<Object[]> fromC = all.stream().filter(r -> ((List<String>) r[0]).contains(c)).toList();
        assertFalse(fromC.isEmpty());
        JsonNode forProduct = current(client, question + "&sku=" + java.net.URLEncoder.encode(c, java.nio.charset.StandardCharsets.UTF_8));
        assertRulesAre(forProduct, fromC);
        forProduct.path("rules").forEach(r -> assertTrue(texts(r.path("antecedent")).contains(c), r.toString()));

        // c3 bought B and C only: rules from B, C or both that add A or D.
        List<String> bought = List.of(b, c);
        List<Object[]> forC3 = all.stream().filter(r -> bought.containsAll((List<String>) r[0]) && !bought.containsAll((List<String>) r[1]))
                .toList();
        assertFalse(forC3.isEmpty());
        JsonNode forPerson = current(client, question + "&customerId=" + CUSTOMERS.get("c3"));
        assertRulesAre(forPerson, forC3);
        assertEquals(1, current(client, question + "&customerId=" + CUSTOMERS.get("c3") + "&limit=1").path("rules").size());
        assertEquals(0, current(client, "analytics/basket/rules?customerId=" + CUSTOMERS.get("c1") + "&minSupport=0.29&minConfidence=0.6&maxLength=3&sku=nothing-"
                + a).path("total").asInt(), "the filters together");

        JsonNode theirs = BlackBox.awaitJson(() -> mallory.client().get(question + "&customerId=" + CUSTOMERS.get("c1")),
                x -> x.has("rules"), java.time.Duration.ofSeconds(60), "Mallory's rules");
        assertEquals(0, theirs.path("total").asInt(), "Alice's customer bought nothing Mallory may see: " + theirs);

        assertEquals(List.of("customerId", "sku"), fields(client.get(question + "&customerId=x&sku=" + "S".repeat(65)).expectProblem(400)));
        assertEquals(List.of("sku"), fields(client.get(question + "&sku=a&sku=b").expectProblem(400)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out.stream().sorted().toList();
    }
}
