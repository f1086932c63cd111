package org.mosaiccrm.analytics.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** RFM scores and segments, cohorts, churn risk and lifetime value against figures worked out by hand. */
class CustomerAnalysesTest {

    private static final ZoneId LJUBLJANA = ZoneId.of("Europe/Ljubljana");
    private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");

    /** Orders at noon UTC on the given days, each of the given total. */
    private static void orders(CustomerFacts facts, String customer, String total, String... days) {
        for (String day : days) {
            facts.add(customer, Instant.parse(day + "T12:00:00Z"), "EUR", new BigDecimal(total));
        }
    }

    @Test
    void fiveDistinctCustomersScoreOneToFiveAndFallIntoTheirSegments() {
        CustomerFacts facts = new CustomerFacts(LJUBLJANA, "EUR");
        orders(facts, "c1", "100", "2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2026-06-29");
        orders(facts, "c2", "100", "2026-01-10", "2026-02-10", "2026-03-10", "2026-06-20");
        orders(facts, "c3", "100", "2026-01-10", "2026-02-10", "2026-06-10");
        orders(facts, "c4", "100", "2026-01-10", "2026-05-21");
        orders(facts, "c5", "100", "2026-04-11");
        facts.add("c5", Instant.parse("2026-04-11T13:00:00Z"), "USD", new BigDecimal("999"));
        facts.add(null, Instant.parse("2026-04-11T13:00:00Z"), "EUR", new BigDecimal("999"));
        Map<String, Rfm.Score> scores = Rfm.scores(facts.customers().values(), AS_OF);
        assertEquals(new Rfm.Score("c1", 5, 5, 5, 1, 5, new BigDecimal("500"), "Champions"), scores.get("c1"));
        assertEquals(new Rfm.Score("c2", 4, 4, 4, 10, 4, new BigDecimal("400"), "Champions"), scores.get("c2"));
        assertEquals(new Rfm.Score("c3", 3, 3, 3, 20, 3, new BigDecimal("300"), "Loyal"), scores.get("c3"));
        assertEquals(new Rfm.Score("c4", 2, 2, 2, 40, 2, new BigDecimal("200"), "Hibernating"), scores.get("c4"));
        assertEquals(new Rfm.Score("c5", 1, 1, 1, 80, 1, new BigDecimal("100"), "Hibernating"), scores.get("c5"),
                "another currency and an order without a customer count nowhere");
        assertEquals(List.of(new Rfm.Segment("Champions", 2, new BigDecimal("900")), new Rfm.Segment("Loyal", 1, new BigDecimal("300")),
                new Rfm.Segment("Promising", 0, BigDecimal.ZERO), new Rfm.Segment("At risk", 0, BigDecimal.ZERO),
                new Rfm.Segment("Hibernating", 2, new BigDecimal("300"))), Rfm.segments(scores.values()));
    }

    @Test
    void equalValuesShareTheLowerQuintile() {
        CustomerFacts facts = new CustomerFacts(LJUBLJANA, "EUR");
        // Frequencies 1, 1, 1, 2, 3, 5, all last ordering on one day: 0, 0, 0, 3, 4, 5 customers below.
        orders(facts, "a", "10", "2026-06-01");
        orders(facts, "b", "10", "2026-06-01");
        orders(facts, "c", "10", "2026-06-01");
        orders(facts, "d", "10", "2026-05-01", "2026-06-01");
        orders(facts, "e", "10", "2026-04-01", "2026-05-01", "2026-06-01");
        orders(facts, "f", "10", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01");
        Map<String, Rfm.Score> scores = Rfm.scores(facts.customers().values(), AS_OF);
        assertEquals(List.of(1, 1, 1, 3, 4, 5), List.of("a", "b", "c", "d", "e", "f").stream().map(id -> scores.get(id).f()).toList(),
                "1 + ⌊5 × below / 6⌋");
        assertEquals(1, scores.get("f").r(), "all equally recent: everyone scores 1 on recency");
        assertEquals("At risk", scores.get("f").segment(), "often, not lately (relative to the others)");
    }

    /**
     * A stored segmentation keeps only each measure's four cuts: they must score every customer as
     * the definition over all of them does, ties and small counts included.
     */
    @Test
    void cutsScoreAsTheFullRankingDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(round < 50 ? 7 : 300);
            CustomerFacts facts = new CustomerFacts(LJUBLJANA, "EUR");
            for (int i = 0; i < n; i++) {
                int count = 1 + random.nextInt(4);
                for (int k = 0; k < count; k++) {
                    facts.add("c" + i, Instant.parse("2026-01-01T10:00:00Z").plus(java.time.Duration.ofDays(random.nextInt(round % 2 == 0 ? 5 : 170))),
                            "EUR", BigDecimal.valueOf(random.nextInt(5) * 10L));
                }
            }
            List<CustomerFacts.Customer> all = List.copyOf(facts.customers().values());
            Rfm.Model model = Rfm.model(all, AS_OF);
            for (CustomerFacts.Customer c : all) {
                long days = java.time.temporal.ChronoUnit.DAYS.between(c.last, AS_OF);
                long recencyBelow = all.stream().filter(o -> java.time.temporal.ChronoUnit.DAYS.between(o.last, AS_OF) > days).count();
                long frequencyBelow = all.stream().filter(o -> o.orders < c.orders).count();
                long monetaryBelow = all.stream().filter(o -> o.revenue.compareTo(c.revenue) < 0).count();
                Rfm.Score s = model.score(c, AS_OF);
                String where = "round " + round + ", " + n + " customers, " + c.id;
                assertEquals(1 + 5 * recencyBelow / n, s.r(), where);
                assertEquals(1 + 5 * frequencyBelow / n, s.f(), where);
                assertEquals(1 + 5 * monetaryBelow / n, s.m(), where);
            }
        }
    }

    @Test
    void cohortsFollowTheMonthOfTheFirstOrderInTheCompanysZone() {
        CustomerFacts facts = new CustomerFacts(LJUBLJANA, "EUR");
        orders(facts, "x", "10", "2026-01-05", "2026-02-05", "2026-04-05");
        orders(facts, "y", "10", "2026-01-20");
        // 23:30 UTC on 31 January is 00:30 on 1 February in Ljubljana.
        facts.add("z", Instant.parse("2026-01-31T23:30:00Z"), "EUR", BigDecimal.TEN);
        orders(facts, "z", "10", "2026-03-02");
        assertEquals(List.of(new Retention.Cohort("2026-01", 2, List.of(2L, 1L, 0L, 1L)), new Retention.Cohort("2026-02", 1, List.of(1L, 1L, 0L))),
                Retention.cohorts(facts.customers().values(), YearMonth.parse("2026-04")));
    }

    @Test
    void churnRiskComparesTheDaysSinceTheLastOrderWithTheCustomersOwnInterval() {
        CustomerFacts facts = new CustomerFacts(LJUBLJANA, "EUR");
        orders(facts, "c", "10.50", "2026-01-01", "2026-01-11", "2026-01-31");
        orders(facts, "once", "10", "2026-01-01");
        CustomerFacts.Customer c = facts.customers().get("c");
        assertEquals(new BigDecimal("31.50"), c.revenue, "historical lifetime value: the sum of their orders");
        assertEquals(new Retention.ChurnRisk(new BigDecimal("15.00"), 10, new BigDecimal("0.00"), "low"),
                Retention.churn(c, LocalDate.parse("2026-02-10")), "30 days over 2 intervals: every 15 days; 10 days since");
        assertEquals(new Retention.ChurnRisk(new BigDecimal("15.00"), 20, new BigDecimal("5.00"), "medium"),
                Retention.churn(c, LocalDate.parse("2026-02-20")));
        assertEquals(new Retention.ChurnRisk(new BigDecimal("15.00"), 30, new BigDecimal("15.00"), "medium"),
                Retention.churn(c, LocalDate.parse("2026-03-02")), "exactly twice the interval is still medium");
        assertEquals(new Retention.ChurnRisk(new BigDecimal("15.00"), 38, new BigDecimal("23.00"), "high"),
                Retention.churn(c, LocalDate.parse("2026-03-10")));
        assertEquals("unknown", Retention.churn(facts.customers().get("once"), AS_OF).risk(), "one order: no rhythm");
    }
}
