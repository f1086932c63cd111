package org.mosaiccrm.analytics.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.analytics.api.TimeBucket;
import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.funnel.api.DealHistory;
import org.mosaiccrm.funnel.api.Pipeline;
import org.mosaiccrm.funnel.api.Stage;
import org.mosaiccrm.funnel.api.StageKind;

/** Conversion, win rate, deal size, cycle and forecast against actual, worked out by hand. */
class SalesAnalysisTest {

    private static final Pipeline PIPELINE = new Pipeline("p", "Sales", List.of(new Stage("lead", "Lead", 0, 10, StageKind.OPEN, null),
            new Stage("proposal", "Proposal", 1, 50, StageKind.OPEN, null), new Stage("won", "Won", 2, 100, StageKind.WON, null),
            new Stage("lost", "Lost", 3, 0, StageKind.LOST, null)));
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-04-01T00:00:00Z");

    private static Instant at(String day) {
        return Instant.parse(day + "T10:00:00Z");
    }

    private static DealHistory.Deal deal(String id, String created, String closed, String amount, String currency, String expected,
            Integer probability, String... path) {
        List<DealHistory.Move> moves = new ArrayList<>();
        String from = null;
        for (String stage : path) {
            moves.add(new DealHistory.Move(from, stage, at(created), null, null));
            from = stage;
        }
        return new DealHistory.Deal(id, "p", from, "o", "t", at(created), closed == null ? null : at(closed),
                amount == null ? null : new BigDecimal(amount), currency, expected == null ? null : LocalDate.parse(expected), probability,
                moves);
    }

    /**
     * d1 won after 30 days, d2 lost from Proposal, d3 still in Lead (its own 30 %), d4 won straight
     * from Lead, skipping Proposal; d5, created in December, won in January in USD.
     */
    private static final List<DealHistory.Deal> DEALS = List.of(
            deal("d1", "2026-01-05", "2026-02-04", "1000", "EUR", "2026-02-10", null, "lead", "proposal", "won"),
            deal("d2", "2026-01-10", "2026-02-09", "500", "EUR", "2026-02-20", null, "lead", "proposal", "lost"),
            deal("d3", "2026-01-15", null, "200", "EUR", "2026-02-25", 30, "lead"),
            deal("d4", "2026-02-01", "2026-03-03", "300", "EUR", "2026-03-01", null, "lead", "won"),
            deal("d5", "2025-12-21", "2026-01-20", "100", "USD", null, null, "lead", "won"));

    @Test
    void conversionCountsEveryStepADealPassed() {
        SalesAnalysis sales = new SalesAnalysis(PIPELINE);
        List<SalesAnalysis.Conversion> all = sales.conversion(DEALS, START, END, t -> null);
        assertEquals(1, all.size());
        assertEquals(4, all.get(0).deals(), "d5 was created before the period");
        List<SalesAnalysis.Step> steps = all.get(0).stages();
        assertEquals(List.of("lead", "proposal", "won"), steps.stream().map(SalesAnalysis.Step::stageId).toList(), "lost is no step");
        assertEquals(List.of(4L, 3L, 2L), steps.stream().map(SalesAnalysis.Step::entered).toList(), "d4 passed Proposal by skipping it");
        assertEquals(List.of(3L, 2L, 0L), steps.stream().map(SalesAnalysis.Step::converted).toList());
        assertEquals(new BigDecimal("0.7500"), steps.get(0).rate());
        assertEquals(new BigDecimal("0.6667"), steps.get(1).rate());
        assertNull(steps.get(2).rate(), "nothing follows the won stage");
        assertNull(steps.get(0).ofPrevious());
        assertEquals(new BigDecimal("0.7500"), steps.get(1).ofPrevious());
        assertEquals(new BigDecimal("0.6667"), steps.get(2).ofPrevious());

        TimeBuckets months = new TimeBuckets(TimeBucket.MONTH, ZoneOffset.UTC, java.time.DayOfWeek.MONDAY);
        List<SalesAnalysis.Conversion> monthly = sales.conversion(DEALS, START, END, months::label);
        assertEquals(List.of("2026-01", "2026-02"), monthly.stream().map(SalesAnalysis.Conversion::period).toList());
        assertEquals(List.of(3L, 2L, 1L), monthly.get(0).stages().stream().map(SalesAnalysis.Step::entered).toList());
        assertEquals(List.of(1L, 1L, 1L), monthly.get(1).stages().stream().map(SalesAnalysis.Step::entered).toList());
    }

    @Test
    void winRateDealSizeCycleAndForecastAgainstActual() {
        TimeBuckets months = new TimeBuckets(TimeBucket.MONTH, ZoneOffset.UTC, java.time.DayOfWeek.MONDAY);
        SalesAnalysis.Summary s = new SalesAnalysis(PIPELINE).summary(DEALS, START, END, months);
        assertEquals(3, s.won(), "d1, d4 and d5 were won in the period");
        assertEquals(1, s.lost());
        assertEquals(new BigDecimal("0.7500"), s.winRate());
        assertEquals(List.of(new SalesAnalysis.Amount("EUR", new BigDecimal("650.00")), new SalesAnalysis.Amount("USD", new BigDecimal("100.00"))),
                s.averageDealSize(), "(1000 + 300) / 2; never across currencies");
        assertEquals(new BigDecimal("30.00"), s.salesCycleDays());
        assertEquals(3, s.forecast().size(), s.forecast().toString());
        SalesAnalysis.ForecastRow jan = s.forecast().get(0);
        assertEquals(List.of("2026-01", "USD"), List.of(jan.period(), jan.currency()));
        assertEquals(0, jan.actual().compareTo(new BigDecimal("100")));
        SalesAnalysis.ForecastRow feb = s.forecast().get(1);
        assertEquals(0, feb.forecast().compareTo(new BigDecimal("1060")), "d1 won (100 %), d2 lost (0), d3 30 % of 200: " + feb);
        assertEquals(0, feb.actual().compareTo(new BigDecimal("1000")));
        SalesAnalysis.ForecastRow mar = s.forecast().get(2);
        assertEquals(0, mar.forecast().compareTo(new BigDecimal("300")));
        assertEquals(0, mar.actual().compareTo(new BigDecimal("300")));
    }

    /**
     * Velocity = open deals × win rate × average deal size ÷ sales cycle days, by hand: d3 and d6
     * are open (d6 in Proposal without an amount, created after the period: open deals count
     * whenever created); 3 won of 4 closed; 650 EUR and 100 USD on average; 30 days each.
     * EUR: 2 × 0.75 × 650 ÷ 30 = 32.50 a day; USD: 2 × 0.75 × 100 ÷ 30 = 5.00.
     */
    @Test
    void salesVelocityFromItsParts() {
        List<DealHistory.Deal> deals = new ArrayList<>(DEALS);
        deals.add(deal("d6", "2026-05-01", null, null, null, null, null, "lead", "proposal"));
        TimeBuckets months = new TimeBuckets(TimeBucket.MONTH, ZoneOffset.UTC, java.time.DayOfWeek.MONDAY);
        SalesAnalysis.Summary s = new SalesAnalysis(PIPELINE).summary(deals, START, END, months);
        assertEquals(2, s.openDeals());
        assertEquals(new BigDecimal("0.7500"), s.winRate());
        assertEquals(new BigDecimal("30.00"), s.salesCycleDays());
        assertEquals(List.of(new SalesAnalysis.Amount("EUR", new BigDecimal("32.50")), new SalesAnalysis.Amount("USD", new BigDecimal("5.00"))),
                s.salesVelocity());

        // A cycle that is not whole days, exactly: d7 won after 12 hours. Won 4 of 5; cycle (3 × 30 + 0.5) ÷ 4 = 22.625 days;
        // EUR average (1000 + 300 + 50) ÷ 3 = 450; velocity 2 × 4/5 × 450 ÷ 22.625 = 31.8232…, from
        // the exact cycle (the rounded 22.62 would give 31.83).
        deals.add(new DealHistory.Deal("d7", "p", "won", "o", "t", Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-10T12:00:00Z"),
                new BigDecimal("50"), "EUR", null, null, List.of(new DealHistory.Move(null, "won", Instant.parse("2026-03-10T12:00:00Z"), null, null))));
        SalesAnalysis.Summary t = new SalesAnalysis(PIPELINE).summary(deals, START, END, months);
        assertEquals(new BigDecimal("22.62"), t.salesCycleDays(), "22.625 shown to two decimals, half even");
        assertEquals(new BigDecimal("31.82"), t.salesVelocity().get(0).amount());
        assertEquals(new BigDecimal("7.07"), t.salesVelocity().get(1).amount(), "USD: 2 × 4/5 × 100 ÷ 22.625 = 7.0718…");
    }
}
