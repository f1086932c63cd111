package org.mosaiccrm.distribution;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFM segments as a developer would write them by hand for PostgreSQL, the floor beside
 * {@code GET /analytics/rfm} in {@code AnalyticsBenchmark}: one statement, with the definitions
 * of the analytics module's {@code Rfm}. A customer is an order's person, else its organization;
 * the orders counted are those in the currency ordered before the day after {@code asOf} began in
 * the company's zone; recency is the days from the last order's local day to {@code asOf} (fewer
 * is better), frequency the orders, monetary the revenue. A score is 1 + ⌊5 × (customers strictly
 * worse) / customers⌋, which is what {@code RANK() - 1} counts when the worst come first. The
 * segment follows from R and F. The M score is computed as well (the API computes and stores it
 * for every customer), though no segment depends on it.
 */
final class AnalyticsSql {

    /** A segment's customers and revenue. */
    record Segment(long customers, BigDecimal revenue) {

        /** Equal counts and amounts (scales apart). */
        boolean same(Segment other) {
            return other != null && customers == other.customers && revenue.compareTo(other.revenue) == 0;
        }

        @Override
        public String toString() {
            return customers + " customers, " + revenue.stripTrailingZeros().toPlainString();
        }
    }

    /** The segments in the API's order. */
    static final List<String> SEGMENTS = List.of("Champions", "Loyal", "Promising", "At risk", "Hibernating");

    static final String RFM = "WITH c AS ("
            + " SELECT ?::date - (MAX(ORDERED_AT) AT TIME ZONE 'UTC' AT TIME ZONE ?)::date AS recency, COUNT(*) AS orders, SUM(TOTAL) AS revenue"
            + " FROM FN_ORDER WHERE CURRENCY = ? AND ORDERED_AT < ? AND COALESCE(PERSON_ID, ORGANIZATION_ID) IS NOT NULL"
            + " GROUP BY COALESCE(PERSON_ID, ORGANIZATION_ID)),"
            + " s AS (SELECT revenue,"
            + " 1 + 5 * (RANK() OVER (ORDER BY recency DESC) - 1) / COUNT(*) OVER () AS r,"
            + " 1 + 5 * (RANK() OVER (ORDER BY orders) - 1) / COUNT(*) OVER () AS f,"
            + " 1 + 5 * (RANK() OVER (ORDER BY revenue) - 1) / COUNT(*) OVER () AS m FROM c)"
            + " SELECT CASE WHEN r >= 3 THEN CASE WHEN r >= 4 AND f >= 4 THEN 'Champions' WHEN f >= 3 THEN 'Loyal' ELSE 'Promising' END"
            + " WHEN f >= 3 THEN 'At risk' ELSE 'Hibernating' END AS segment, COUNT(*), SUM(revenue), SUM(m) FROM s GROUP BY 1";

    private AnalyticsSql() {
    }

    /** Every segment (empty ones with nothing), in the API's order. */
    static Map<String, Segment> rfm(Connection c, LocalDate asOf, ZoneId zone, String currency) throws SQLException {
        Map<String, Segment> out = new LinkedHashMap<>();
        SEGMENTS.forEach(s -> out.put(s, new Segment(0, BigDecimal.ZERO)));
        try (PreparedStatement s = c.prepareStatement(RFM)) {
            s.setDate(1, Date.valueOf(asOf));
            s.setString(2, zone.getId());
            s.setString(3, currency);
            s.setTimestamp(4, Timestamp.valueOf(asOf.plusDays(1).atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Segment(r.getLong(2), r.getBigDecimal(3)));
                    r.getLong(4);
                }
            }
        }
        return out;
    }

    /** The API's segments ({@code GET /analytics/rfm}) as {@link #rfm} answers them. */
    static Map<String, Segment> rfm(JsonNode answer) {
        Map<String, Segment> out = new LinkedHashMap<>();
        answer.path("segments").forEach(s -> out.put(s.path("name").asText(), new Segment(s.path("customers").asLong(),
                new BigDecimal(s.path("revenue").asText()))));
        return out;
    }

    /** True when both have the same segments with the same customers and revenue. */
    static boolean same(Map<String, Segment> a, Map<String, Segment> b) {
        return a.keySet().equals(b.keySet()) && a.entrySet().stream().allMatch(e -> e.getValue().same(b.get(e.getKey())));
    }
}
