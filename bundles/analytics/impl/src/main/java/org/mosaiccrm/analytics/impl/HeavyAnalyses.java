package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * The analyses {@link AnalysisJobs} computes, each from its parameters in canonical form (as
 * {@link #basketQuestion} and {@link #customerQuestion} write them, the company's time zone
 * among them) over one pass of the orders the user may see. Their results are what is stored:
 * the rules sorted by lift, every customer's scores, the cohorts.
 */
final class HeavyAnalyses {

    /**
     * The RFM segmentation in the currency counted (null without orders): the quintiles' cuts,
     * which score any customer, and the segments' sizes and revenue. Not every customer's scores:
     * at a hundred thousand customers those were megabytes to store and to read on every view.
     */
    record RfmData(String currency, Rfm.Model model, List<Rfm.Segment> segments) {

        long customers() {
            return model == null ? 0 : model.customers();
        }
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
        CustomerFacts facts = customerTotals(orders, user, q);
        LocalDate asOf = LocalDate.parse(q.get("asOf"));
        if (facts == null) {
            return new RfmData(null, null, Rfm.segments(List.of()));
        }
        Rfm.Model model = Rfm.model(facts.customers().values(), asOf);
        return new RfmData(facts.currency(), model, Rfm.segments(Rfm.scores(model, facts.customers().values(), asOf).values()));
    }

    /** The customers' totals the question counts (null without orders): what RFM, churn and lifetime value read. */
    static CustomerFacts customerTotals(OrderHistory orders, UserPrincipal user, Map<String, String> q) {
        return facts(orders, user, q, true);
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
