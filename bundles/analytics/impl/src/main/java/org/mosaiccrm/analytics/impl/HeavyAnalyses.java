package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * The analyses {@link AnalysisJobs} computes, each from its parameters in canonical form (as
 * {@link #basketQuestion} and {@link #customerQuestion} write them, the company's time zone
 * among them) over one pass of the orders the user may see. Their results are what is stored:
 * the rules sorted by lift, every customer's scores, the cohorts.
 */
final class HeavyAnalyses {

    /** Every customer's RFM scores, in the currency counted (null without orders). */
    record RfmData(String currency, List<Rfm.Score> scores) {
    }

    /** The retention cohorts, in the currency counted (null without orders). */
    record CohortData(String currency, List<Retention.Cohort> cohorts) {
    }

    private HeavyAnalyses() {
    }

    /** The question of basket rules: the thresholds, the days ordered in and whose orders; sort and limit only shape the answer. */
    static Map<String, String> basketQuestion(ZoneId zone, BigDecimal minSupport, BigDecimal minConfidence, int maxLength, LocalDate from,
            LocalDate to, String ownerId, String teamId) {
        Map<String, String> q = new HashMap<>();
        q.put("zone", zone.getId());
        q.put("minSupport", minSupport.stripTrailingZeros().toPlainString());
        q.put("minConfidence", minConfidence.stripTrailingZeros().toPlainString());
        q.put("maxLength", Integer.toString(maxLength));
        q.put("from", from == null ? null : from.toString());
        q.put("to", to == null ? null : to.toString());
        q.put("ownerId", ownerId);
        q.put("teamId", teamId);
        return q;
    }

    /** The question of the customer analyses (RFM, cohorts): the currency (null: the only one), the day counted to, whose orders. */
    static Map<String, String> customerQuestion(ZoneId zone, String currency, LocalDate asOf, String ownerId, String teamId) {
        Map<String, String> q = new HashMap<>();
        q.put("zone", zone.getId());
        q.put("currency", currency);
        q.put("asOf", asOf.toString());
        q.put("ownerId", ownerId);
        q.put("teamId", teamId);
        return q;
    }

    static BasketRules.Result basket(OrderHistory orders, UserPrincipal user, Map<String, String> q) {
        ZoneId zone = ZoneId.of(q.get("zone"));
        LocalDate from = date(q.get("from"));
        LocalDate to = date(q.get("to"));
        OrderHistory.Filter filter = new OrderHistory.Filter(from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), q.get("ownerId"), q.get("teamId"));
        Baskets baskets = new Baskets();
        orders.forEachBasket(user, filter, baskets::add);
        return BasketRules.of(baskets, new BigDecimal(q.get("minSupport")), new BigDecimal(q.get("minConfidence")),
                Integer.parseInt(q.get("maxLength")), BasketRules.Sort.LIFT);
    }

    static RfmData rfm(OrderHistory orders, UserPrincipal user, Map<String, String> q) {
        CustomerFacts facts = facts(orders, user, q, true);
        LocalDate asOf = LocalDate.parse(q.get("asOf"));
        return facts == null ? new RfmData(null, List.of())
                : new RfmData(facts.currency(), List.copyOf(Rfm.scores(facts.customers().values(), asOf).values()));
    }

    static CohortData cohorts(OrderHistory orders, UserPrincipal user, Map<String, String> q) {
        CustomerFacts facts = facts(orders, user, q, false);
        LocalDate asOf = LocalDate.parse(q.get("asOf"));
        return facts == null ? new CohortData(null, List.of())
                : new CohortData(facts.currency(), Retention.cohorts(facts.customers().values(), YearMonth.from(asOf)));
    }

    /** The customers' facts of the question: their totals only, or with the months they ordered in. */
    private static CustomerFacts facts(OrderHistory orders, UserPrincipal user, Map<String, String> q, boolean totalsOnly) {
        ZoneId zone = ZoneId.of(q.get("zone"));
        LocalDate asOf = LocalDate.parse(q.get("asOf"));
        OrderHistory.Filter filter = new OrderHistory.Filter(null, asOf.plusDays(1).atStartOfDay(zone).toInstant(), q.get("ownerId"),
                q.get("teamId"));
        return totalsOnly ? CustomerOrders.totals(orders, user, filter, zone, q.get("currency"))
                : CustomerOrders.facts(orders, user, filter, zone, q.get("currency"));
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }
}
