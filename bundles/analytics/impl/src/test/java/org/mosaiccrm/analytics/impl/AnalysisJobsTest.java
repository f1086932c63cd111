package org.mosaiccrm.analytics.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/** The key a stored analysis is found by: the same question in the same reach, and nothing else. */
class AnalysisJobsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Ljubljana");

    @Test
    void theSameQuestionWrittenDifferentlyIsOneKeyAndReadsBack() {
        Map<String, String> a = HeavyAnalyses.basketQuestion(ZONE, new BigDecimal("0.010"), new BigDecimal("0.5"), 3, null, null, null, null);
        Map<String, String> b = HeavyAnalyses.basketQuestion(ZONE, new BigDecimal("0.01"), new BigDecimal("0.50"), 3, null, null, null, null);
        assertEquals(AnalysisJobs.canonical(a), AnalysisJobs.canonical(b));
        assertEquals("maxLength=3&minConfidence=0.5&minSupport=0.01&zone=Europe/Ljubljana", AnalysisJobs.canonical(a));
        assertEquals(Map.of("maxLength", "3", "minConfidence", "0.5", "minSupport", "0.01", "zone", "Europe/Ljubljana"),
                AnalysisJobs.parameters(AnalysisJobs.canonical(a)));
        Map<String, String> later = HeavyAnalyses.basketQuestion(ZONE, new BigDecimal("0.01"), new BigDecimal("0.5"), 3, LocalDate.of(2026, 1, 1),
                null, null, null);
        assertNotEquals(AnalysisJobs.canonical(a), AnalysisJobs.canonical(later));
    }

    @Test
    void theReachIsPartOfTheKey() {
        UserPrincipal alice = new UserPrincipal("u-alice", "alice", "t-1", Set.of("user"), Set.of());
        UserPrincipal bob = new UserPrincipal("u-bob", "bob", "t-1", Set.of("user"), Set.of());
        UserPrincipal moved = new UserPrincipal("u-alice", "alice", "t-2", Set.of("user"), Set.of());
        UserPrincipal admin = new UserPrincipal("u-admin", "admin", "t-1", Set.of(UserPrincipal.ADMIN_ROLE), Set.of());
        String q = "minSupport=0.01";
        // Two members of a team may see different orders (each their own in other teams): neither shares the other's result.
        assertNotEquals(AnalysisJobs.key("basket", AnalysisJobs.reach(alice), q), AnalysisJobs.key("basket", AnalysisJobs.reach(bob), q));
        assertNotEquals(AnalysisJobs.key("basket", AnalysisJobs.reach(alice), q), AnalysisJobs.key("basket", AnalysisJobs.reach(moved), q));
        assertEquals("all", AnalysisJobs.reach(admin));
        assertNotEquals(AnalysisJobs.key("basket", "all", q), AnalysisJobs.key("rfm", "all", q));
        assertEquals(64, AnalysisJobs.key("rfm", "all", q).length());
    }

    /** What is stored reads back as it was computed: decimals exactly, never in exponent form. */
    @Test
    void resultsReadBackAsStored() throws Exception {
        BasketRules.Result rules = BasketRules.of(java.util.List.of(Set.of("A", "B"), Set.of("A", "B", "C"), Set.of("C")), new BigDecimal("0.3"),
                new BigDecimal("0.5"), 3, BasketRules.Sort.LIFT);
        String json = AnalysisJobs.JSON.writeValueAsString(rules);
        assertEquals(rules, AnalysisJobs.JSON.readValue(json, BasketRules.Result.class));
        Rfm.Cuts money = new Rfm.Cuts(java.util.List.of(new BigDecimal("1E+3"), new BigDecimal("2E+3"), new BigDecimal("25E+2"),
                new BigDecimal("4E+3")));
        HeavyAnalyses.RfmData rfm = new HeavyAnalyses.RfmData("EUR", new Rfm.Model(5, money, money, money),
                java.util.List.of(new Rfm.Segment("Champions", 1, new BigDecimal("1E+3"))));
        String stored = AnalysisJobs.JSON.writeValueAsString(rfm);
        assertEquals(false, stored.contains("E+"), stored);
        HeavyAnalyses.RfmData back = AnalysisJobs.JSON.readValue(stored, HeavyAnalyses.RfmData.class);
        assertEquals(0, new BigDecimal("1000").compareTo(back.segments().get(0).revenue()));
        assertEquals(5, back.customers());
        assertEquals(3, back.model().monetary().score(new BigDecimal("2000.01")), "above two cuts, not above 2500");
        HeavyAnalyses.CohortData cohorts = new HeavyAnalyses.CohortData("EUR", java.util.List.of(new Retention.Cohort("2026-01", 2,
                java.util.List.of(2L, 1L))));
        assertEquals(cohorts, AnalysisJobs.JSON.readValue(AnalysisJobs.JSON.writeValueAsString(cohorts), HeavyAnalyses.CohortData.class));
    }
}
