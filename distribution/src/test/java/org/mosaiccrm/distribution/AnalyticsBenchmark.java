package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.LightHttpClient;
import org.mosaiccrm.platform.testing.MosaicServer;

/**
 * The analytics benchmark of issue 21 ({@code docs/bench/analytics.md}), on PostgreSQL: RFM
 * segments and basket rules over 500,000 orders of about 2,000,000 lines, each beside its floor
 * in the same run: a hand-written SQL statement for RFM ({@link AnalyticsSql}), a plain in-memory
 * Java count for the basket rules ({@link BasketCount}); the API's answers checked equal to the
 * floors' (segments' customers and revenue; the rules' count and the top rules' items, count,
 * support, confidence and lift), since a benchmark that measured different work is worthless.
 * Also one customer's figures ({@code GET /analytics/people/{id}}), for a heavy customer and one
 * without orders. A benchmark, not a test: it asserts nothing about time.
 *
 * <p>The orders are not made through the API (half a million would take hours): one product,
 * one order and its line are, and PostgreSQL copies them ({@link AnalyticsData}). Hence
 * PostgreSQL only: the embedded Derby cannot be opened beside the server. The database must hold
 * no orders yet (drop its tables after a run). An analysis's time runs from {@code POST
 * …/refresh} to the first {@code GET} answering 200 with the new result, polled every 20 ms
 * whatever Retry-After says.
 *
 * <p>Run by the {@code bench} profile with {@code MOSAIC_TEST_DB_*} set: {@code mvn -B -pl
 * distribution verify -Pbench -Dit.test=AnalyticsBenchmark}. Properties: {@code bench.orders}
 * (500,000), {@code bench.customers} (100,000), {@code bench.skus} (2,000), {@code bench.seed}
 * (0.21, in [-1, 1]), {@code bench.runs} (3), {@code bench.minSupport} (0.001), {@code
 * bench.minConfidence} (0.1), {@code bench.maxLength} (4), {@code bench.ruleLimit} (100, the top
 * rules compared), {@code bench.personRequests} (20), {@code bench.timeout} (1,800 s an analysis),
 * {@code bench.timeZone} (the company's), {@code bench.serverOpts}.
 */
class AnalyticsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 20;
    private static final String CURRENCY = "EUR";
    private static final double RFM_TARGET = 3;
    private static final double BASKET_TARGET = 10;
    private static final double RATIO_TARGET = 2;

    private final int orders = Integer.getInteger("bench.orders", 500_000);
    private final int customers = Integer.getInteger("bench.customers", 100_000);
    private final int skus = Integer.getInteger("bench.skus", 2_000);
    private final double seed = Double.parseDouble(System.getProperty("bench.seed", "0.21"));
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final BigDecimal minSupport = new BigDecimal(System.getProperty("bench.minSupport", "0.001"));
    private final BigDecimal minConfidence = new BigDecimal(System.getProperty("bench.minConfidence", "0.1"));
    private final int maxLength = Integer.getInteger("bench.maxLength", 4);
    private final int ruleLimit = Integer.getInteger("bench.ruleLimit", 100);
    private final int personRequests = Integer.getInteger("bench.personRequests", 20);
    private final long timeoutSeconds = Long.getLong("bench.timeout", 1_800);

    /** An analysis computed through the API: seconds from the refresh to the new answer, GETs sent, the answer. */
    record Computed(double seconds, int polls, JsonNode answer) {
    }

    /** What the server and the database were given: the day analysed, its zone, the customers timed, what was seeded. */
    private record Setup(LocalDate asOf, ZoneId zone, String heavy, String noOrders, AnalyticsData.Made made, double idleSeconds) {
    }

    /** One analysis measured: the API's runs and the machine's load around them, the floor's runs. */
    private record Measured(List<Computed> api, String load, double[] floor) {
    }

    private final List<String> mismatches = new ArrayList<>();

    @Test
    void rfmAndBasketRulesBesideTheirFloors() throws Exception {
        String url = System.getenv("MOSAIC_TEST_DB_URL");
        assumeTrue(url != null && url.startsWith("jdbc:postgresql:"), "the analytics benchmark copies rows inside PostgreSQL"
                + " (MOSAIC_TEST_DB_URL)");
        Files.createDirectories(Bench.OUT);
        String report;
        try (MosaicServer server = MosaicServer.fresh(Map.of("EXTRA_JAVA_OPTS", System.getProperty("bench.serverOpts", ""))).start()) {
            Bench.Database db = Bench.Database.of(server);
            Setup setup = setUp(server, db);
            String token = BlackBox.login(server, "admin", MosaicServer.ADMIN_PASSWORD).expect(200).json().path("token").asText();
            try (LightHttpClient http = new LightHttpClient(server, token, (int) Math.min(Integer.MAX_VALUE, timeoutSeconds * 1000))) {
                String asOf = "?asOf=" + setup.asOf();
                Map<String, AnalyticsSql.Segment> sqlSegments = null;
                double[] rfmSql = new double[runs];
                try (Connection c = db.connect()) {
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        sqlSegments = AnalyticsSql.rfm(c, setup.asOf(), setup.zone(), CURRENCY);
                        rfmSql[i] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                Measured rfm = measure("rfm", http, "analytics/rfm/refresh" + asOf, "analytics/rfm" + asOf, rfmSql);
                long[] rfmGet = timed(http, "analytics/rfm" + asOf, 10);
                Map<String, AnalyticsSql.Segment> apiSegments = AnalyticsSql.rfm(last(rfm));
                check(AnalyticsSql.same(sqlSegments, apiSegments), "the API's segments " + apiSegments + " are the hand-written SQL's "
                        + sqlSegments);

                BasketCount.Result counted = null;
                double[] basketJava = new double[runs];
                double[] basketRead = new double[runs];
                try (Connection c = db.connect()) {
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        counted = BasketCount.run(c, minSupport, minConfidence, maxLength);
                        basketJava[i] = (System.nanoTime() - t0) / 1e9;
                        basketRead[i] = counted.readSeconds();
                    }
                }
                String rules = "minSupport=" + minSupport.toPlainString() + "&minConfidence=" + minConfidence.toPlainString()
                        + "&maxLength=" + maxLength;
                Measured basket = measure("basket rules", http, "analytics/basket/rules/refresh?" + rules, "analytics/basket/rules?"
                        + rules + "&limit=" + ruleLimit, basketJava);
                JsonNode apiRules = last(basket);
                check(counted.transactions() == apiRules.path("transactions").asLong(), "baskets: the API counted "
                        + apiRules.path("transactions") + ", the Java count " + counted.transactions());
                check(counted.rules().size() == apiRules.path("total").asInt(), "rules: the API found " + apiRules.path("total")
                        + ", the Java count " + counted.rules().size());
                check(topRules(counted.rules()).equals(topRules(apiRules)), "the top rules to 6 decimals: API " + topRules(apiRules)
                        + ", Java count " + topRules(counted.rules()));

                // One customer's figures, computed on request.
                long[] heavyTimes = timed(http, "analytics/people/" + setup.heavy() + asOf, personRequests);
                long[] noneTimes = timed(http, "analytics/people/" + setup.noOrders() + asOf, personRequests);
                JsonNode heavy = ok(http, "analytics/people/" + setup.heavy() + asOf);
                JsonNode none = ok(http, "analytics/people/" + setup.noOrders() + asOf);
                check(setup.made().heavyOrders() == heavy.path("orders").asLong(), "the heavy customer's orders: " + heavy);
                check(none.path("rfm").isNull() && none.path("orders").asLong() == 0, "no figures without orders: " + none);

                report = heading(db, setup, counted) + row("RFM segments", rfm, "hand-written SQL (one statement, RANK() windows)", RFM_TARGET)
                        + String.format(Locale.ROOT, "  a GET of the computed segments (what each poll cost once a result existed):"
                                + " p50 %.1f ms, max %.1f ms%n", Bench.millis(rfmGet, 50), Bench.millis(rfmGet, 100))
                        + row("basket rules", basket, "plain Java count (JDBC read included)", BASKET_TARGET)
                        + String.format(Locale.ROOT, "  the floor's JDBC read of the lines alone: runs %s s%n", seconds(basketRead))
                        + String.format(Locale.ROOT, "%nGET /analytics/people/{id}, %d requests each, 1 client:%n"
                                + "  heavy customer (%,d orders)  p50 %.1f ms, max %.1f ms%n"
                                + "  person without orders       p50 %.1f ms, max %.1f ms%n", personRequests, setup.made().heavyOrders(),
                                Bench.millis(heavyTimes, 50), Bench.millis(heavyTimes, 100), Bench.millis(noneTimes, 50),
                                Bench.millis(noneTimes, 100))
                        + String.format(Locale.ROOT, "%nsame answer  RFM segments %s%nsame answer  basket rules: %,d transactions, %,d rules,"
                                + " the top %d compared%ntop rule     %s%n", apiSegments, counted.transactions(), counted.rules().size(),
                                apiRules.path("rules").size(), counted.rules().isEmpty() ? "none" : counted.rules().get(0).text())
                        + (mismatches.isEmpty() ? "checks       the API's answers are the floors'\n"
                                : "DIFFERENT    " + String.join("\nDIFFERENT    ", mismatches) + "\n")
                        + String.format(Locale.ROOT, "note         an analysis is timed from POST …/refresh to the first GET answering its new"
                                + " result, GETs sent every %d ms (Retry-After ignored)%n", POLL_MILLIS);
            }
        }
        Files.writeString(Bench.OUT.resolve("analytics.txt"), report);
        System.out.println(report);
        assertTrue(mismatches.isEmpty(), "the API did the floors' work: " + mismatches);
    }

    /**
     * A fresh server with contacts, funnel and analytics; the template person, product and order
     * through the API, copied in the database; the server left to go idle.
     */
    private Setup setUp(MosaicServer server, Bench.Database db) throws Exception {
        ApiClient admin = BlackBox.admin(server);
        Contacts.enable(admin);
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        admin.post("modules/analytics/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
        BlackBox.await(() -> admin.get("analytics/metrics"), 200);
        try (Connection c = db.connect()) {
            assertEquals(0, AnalyticsData.count(c, "SELECT COUNT(*) FROM FN_ORDER"), "the benchmark's database must hold no orders yet"
                    + " (after a run: DROP SCHEMA public CASCADE; CREATE SCHEMA public)");
        }
        ZoneId zone = companyZone(admin);
        LocalDate asOf = LocalDate.now(zone);
        String heavy = person(admin, "Heavy customer");
        String noOrders = person(admin, "No orders");
        String sku = AnalyticsData.Plan.sku(0);
        String productId = admin.post("funnel/products", Map.of("sku", sku, "name", "Bench product " + sku, "prices",
                List.of(Map.of("currency", CURRENCY, "amount", "5.00")))).expect(201).json().path("id").asText();
        String orderId = admin.post("funnel/orders", Map.of("number", "BENCH-TEMPLATE", "personId", heavy, "currency", CURRENCY,
                "orderedAt", asOf.minusDays(10).atTime(12, 0).atZone(zone).toInstant().toString(), "lines",
                List.of(Map.of("sku", sku, "quantity", "1")))).expect(201).json().path("id").asText();
        AnalyticsData.Made made;
        try (Connection c = db.connect()) {
            String lineId = AnalyticsData.one(c, "SELECT ID FROM FN_ORDER_LINE WHERE ORDER_ID = ?", orderId);
            made = AnalyticsData.seed(c, new AnalyticsData.Template(heavy, productId, orderId, lineId),
                    new AnalyticsData.Plan(orders, customers, skus, seed, utc(asOf.minusYears(3), zone), utc(asOf, zone)));
        }
        Bench.log("seeded %,d orders, %,d lines, %,d customers in %.0f s", made.orders(), made.lines(), made.customers(), made.seconds());
        return new Setup(asOf, zone, heavy, noOrders, made, Bench.awaitIdleCpu(server, 300));
    }

    /** The analysis through the API, {@code runs} times, beside the floor's runs measured before it. */
    private Measured measure(String what, LightHttpClient http, String refresh, String get, double[] floor) throws Exception {
        Bench.log("%s, the floor: %s s", what, seconds(floor));
        String before = Bench.load();
        List<Computed> api = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            api.add(compute(http, refresh, get));
            Bench.log("%s through the API: %.3f s", what, api.get(i).seconds());
        }
        return new Measured(api, before + " → " + Bench.load(), floor);
    }

    private static JsonNode last(Measured m) {
        return m.api().get(m.api().size() - 1).answer();
    }

    private void check(boolean same, String what) {
        if (!same) {
            mismatches.add(what);
        }
    }

    private String heading(Bench.Database db, Setup s, BasketCount.Result counted) {
        AnalyticsData.Made made = s.made();
        return String.format(Locale.ROOT, "machine   %s%njvm       %s%ndatabase  postgresql (%s)%ncommit    %s%n%n", Bench.machine(), Bench.jvm(),
                db.url(), Bench.gitCommit())
                + String.format(Locale.ROOT, "data      %,d orders (%,d copied + the template), %,d lines (%.2f an order), %,d customers"
                        + " (ids drawn from %,d), %,d products (%,d SKUs on lines), EUR only, ordered over the 3 years before %s (%s);"
                        + " seeded in %.0f s, server idle %.0f s later%n", made.orders(), orders, made.lines(),
                        (double) made.lines() / made.orders(), made.customers(), customers, made.products(), made.skusOnLines(), s.asOf(),
                        s.zone(), made.seconds(), s.idleSeconds())
                + String.format(Locale.ROOT, "baskets   %,d transactions; support %s (%,d orders), confidence %s, at most %d items:"
                        + " %,d frequent itemsets, %,d rules%n%n", counted.transactions(), minSupport.toPlainString(),
                        minCount(counted.transactions()), minConfidence.toPlainString(), maxLength, counted.frequentItemsets(),
                        counted.rules().size());
    }

    /**
     * The company's time zone, where days are counted: {@code bench.timeZone} when given (set
     * through {@code PUT /settings} first, so that the floor's local days are checked against the
     * server's away from UTC), else the one the settings hold.
     */
    private static ZoneId companyZone(ApiClient admin) {
        JsonNode settings = admin.get("settings").expect(200).json();
        String wanted = System.getProperty("bench.timeZone");
        if (wanted != null && !wanted.isBlank()) {
            Map<String, Object> body = new java.util.HashMap<>();
            for (String field : List.of("companyName", "defaultLanguage", "theme", "currency")) {
                body.put(field, settings.path(field).asText());
            }
            body.put("timeZone", wanted);
            body.put("version", settings.path("version").asLong());
            settings = admin.put("settings", body).expect(200).json();
        }
        return ZoneId.of(settings.path("timeZone").asText());
    }

    private static String person(ApiClient admin, String lastName) {
        return admin.post("contacts/people", Map.of("firstName", "Bench", "lastName", lastName)).expect(201).json().path("id").asText();
    }

    /** The start of a local day as ORDERED_AT holds it (UTC). */
    private static LocalDateTime utc(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private long minCount(long transactions) {
        return Math.max(1, minSupport.multiply(BigDecimal.valueOf(transactions)).setScale(0, java.math.RoundingMode.CEILING).longValueExact());
    }

    /**
     * Asks the analysis to be computed again and polls its answer every {@value #POLL_MILLIS} ms
     * until it answers 200 with a result newer than the one before the refresh, and current.
     */
    private Computed compute(LightHttpClient http, String refresh, String get) throws IOException, InterruptedException {
        long start = System.nanoTime();
        LightHttpClient.Answer started = http.send("POST", refresh, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        if (started.status() != 202) {
            throw new AssertionError("POST " + refresh + " answered " + started.status() + ": " + started.text());
        }
        String previous = JSON.readTree(started.body()).path("previousComputedAt").asText(null);
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        int polls = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            LightHttpClient.Answer a = http.get(get);
            polls++;
            if (a.status() == 200) {
                JsonNode answer = JSON.readTree(a.body());
                if (!answer.path("stale").asBoolean() && !answer.path("computedAt").asText().equals(previous)) {
                    return new Computed((System.nanoTime() - start) / 1e9, polls, answer);
                }
            } else if (a.status() != 202) {
                throw new AssertionError("GET " + get + " answered " + a.status() + ": " + a.text());
            }
        }
        throw new AssertionError("GET " + get + " had no new answer within " + timeoutSeconds + " s");
    }

    private static JsonNode ok(LightHttpClient http, String path) throws IOException {
        LightHttpClient.Answer a = http.get(path);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.text());
        }
        return JSON.readTree(a.body());
    }

    /** {@code count} GETs one after another, each insisting on 200; their durations in nanoseconds. */
    private static long[] timed(LightHttpClient http, String path, int count) throws IOException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            http.getOk(path);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private List<String> topRules(List<BasketCount.Rule> rules) {
        return rules.stream().limit(ruleLimit).map(BasketCount.Rule::text).toList();
    }

    private static List<String> topRules(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("rules").forEach(r -> out.add(BasketCount.Rule.text(r)));
        return out;
    }

    /** A measured analysis beside its floor: every run, the medians, their ratio, and the targets. */
    private static String row(String what, Measured m, String floorName, double target) {
        double[] apiSeconds = m.api().stream().mapToDouble(Computed::seconds).toArray();
        double a = median(apiSeconds);
        double f = median(m.floor());
        return String.format(Locale.ROOT, "%s%n  Mosaic    runs %s s (GETs polled: %s), median %.3f s; load average %s%n"
                + "  beside    %s: runs %s s, median %.3f s%n  ratio     %.2f× the floor; targets ≤ %.0f s: %s, ≤ %.0f× the floor: %s%n",
                what, seconds(apiSeconds), m.api().stream().map(c -> Integer.toString(c.polls())).toList(), a, m.load(), floorName,
                seconds(m.floor()), f, a / f, target, a <= target ? "met" : "NOT met", RATIO_TARGET, a <= RATIO_TARGET * f ? "met" : "NOT met");
    }

    private static String seconds(double[] values) {
        return Arrays.toString(Arrays.stream(values).map(d -> Math.round(d * 1000) / 1000.0).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
