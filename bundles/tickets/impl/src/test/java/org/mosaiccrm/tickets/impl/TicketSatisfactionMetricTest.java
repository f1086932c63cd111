package org.mosaiccrm.tickets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.analytics.api.MetricPoint;
import org.mosaiccrm.analytics.api.MetricQuery;
import org.mosaiccrm.platform.api.security.UserPrincipal;

class TicketSatisfactionMetricTest {

    private static final UserPrincipal USER = new UserPrincipal("u1", "agent", "t1", Set.of(), Set.of(TicketsModule.READ));
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

    private static TicketSatisfactionMetric.Rated rated(int score, String team) {
        return new TicketSatisfactionMetric.Rated(FROM.plusSeconds(3600), score, "u1", team, null);
    }

    @Test
    void theAverageIsTheMeanScorePerKeyToTwoDecimals() {
        MetricQuery byTeam = new MetricQuery(USER, FROM, FROM.plusSeconds(86_400), null, "team", Map.of());
        List<MetricPoint> points = TicketSatisfactionMetric.average(List.of(rated(4, "a"), rated(5, "a"), rated(2, "b"), rated(3, "b"),
                rated(3, "b")), byTeam);
        assertEquals(List.of(new MetricPoint(null, "a", null, new BigDecimal("4.50")), new MetricPoint(null, "b", null, new BigDecimal("2.67"))),
                points);
    }

    @Test
    void withoutADimensionOneFigure() {
        MetricQuery total = new MetricQuery(USER, FROM, FROM.plusSeconds(86_400), null, null, Map.of());
        assertEquals(List.of(new MetricPoint(null, null, null, new BigDecimal("3.00"))),
                TicketSatisfactionMetric.average(List.of(rated(1, "a"), rated(5, "b")), total));
    }
}
