package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/analytics/basket/rules}: association rules over the orders the user may
 * see, each order one transaction of the SKUs on its lines. Present only while the funnel is on.
 * Computed by FP-growth in a job ({@link AnalysisJobs}) for the thresholds, days and owner or
 * team asked, in the user's reach: the answer is the latest computation, with its
 * {@code computedAt}, marked {@code stale} when orders changed since (a new one then runs);
 * 202 with Retry-After while there is none yet. {@code POST …/rules/refresh} computes again.
 * Two filters narrow the answer without changing what is computed: {@code sku} keeps the rules
 * whose antecedent holds that product ("bought together" on a product's page), {@code customerId}
 * those whose antecedent the customer's orders hold entirely and whose consequent holds something
 * they have not bought (on a person's page); {@code total} counts the rules that pass.
 */
@Component(service = BasketResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("analytics/basket")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class BasketResource {

    /** A rule has at most this many items: the number of rules of an itemset doubles with each item. */
    static final int MAX_LENGTH = 10;
    static final int MAX_LIMIT = 1000;

    private static final Set<String> PARAMETERS = Set.of("minSupport", "minConfidence", "maxLength", "limit", "sort", "from", "to",
            "ownerId", "teamId", "format", "sku", "customerId");
    /** As long as a product's SKU may be. */
    static final int MAX_SKU = 64;

    public record RuleView(List<String> antecedent, List<String> consequent, BigDecimal support, BigDecimal confidence, BigDecimal lift,
            long count) {
    }

    /** {@code stale}: orders changed since {@code computedAt}; {@code refreshing}: the run computing a newer answer, if any. */
    public record RulesAnswer(long transactions, Instant computedAt, boolean stale, String refreshing, BigDecimal minSupport,
            BigDecimal minConfidence, int maxLength, String sort, int total, List<RuleView> rules) {
    }

    @Reference
    private AnalysisJobs jobs;

    @Reference
    private Answers answers;

    @Reference
    private OrderHistory orders;

    /** What a request asks: the question computed (thresholds, days, whose orders) and how the answer is shaped. */
    private record Asked(Map<String, String> question, BigDecimal minSupport, BigDecimal minConfidence, int maxLength, int limit,
            String sort, boolean csv, String sku, String customerId) {
    }

    private Asked asked(UriInfo uri) {
        Params params = new Params(uri.getQueryParameters(), PARAMETERS);
        boolean csv = params.csv();
        BigDecimal minSupport = params.decimal("minSupport", new BigDecimal("0.01"), BigDecimal.ZERO, false, BigDecimal.ONE);
        BigDecimal minConfidence = params.decimal("minConfidence", new BigDecimal("0.5"), BigDecimal.ZERO, true, BigDecimal.ONE);
        int maxLength = params.integer("maxLength", 3, 2, MAX_LENGTH);
        int limit = params.integer("limit", 100, 1, MAX_LIMIT);
        String sort = params.choice("sort", "lift", List.of("lift", "confidence", "support", "count"));
        LocalDate from = params.date("from", null);
        LocalDate to = params.date("to", null);
        if (from != null && to != null && to.isBefore(from)) {
            params.error("to", "must not lie before from");
        }
        String ownerId = params.id("ownerId");
        String teamId = params.id("teamId");
        String sku = params.text("sku");
        if (sku != null && sku.length() > MAX_SKU) {
            params.error("sku", "must be a product's SKU, at most " + MAX_SKU + " characters");
        }
        String customerId = params.id("customerId");
        params.requireValid();
        return new Asked(HeavyAnalyses.basketQuestion(answers.zone(), minSupport, minConfidence, maxLength, from, to, ownerId, teamId),
                minSupport, minConfidence, maxLength, limit, sort, csv, sku, customerId);
    }

    @GET
    @Path("rules")
    @ApiAnswer(RulesAnswer.class)
    public Response rules(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Asked a = asked(uri);
        AnalysisJobs.Lookup found = jobs.latest(user, AnalysisJobs.BASKET, a.question());
        if (!found.ready()) {
            return AnalysisJobs.pending(found);
        }
        BasketRules.Result result = AnalysisJobs.read(found, BasketRules.Result.class);
        List<BasketRules.Rule> matching = result.rules().stream().filter(filter(user, a)).toList();
        List<RuleView> views = matching.stream().sorted(BasketRules.Sort.valueOf(a.sort().toUpperCase(Locale.ROOT)).comparator())
                .limit(a.limit()).map(r -> new RuleView(r.antecedent(), r.consequent(), r.support(), r.confidence(), r.lift(), r.count()))
                .toList();
        if (a.csv()) {
            List<List<String>> rows = new ArrayList<>();
            for (RuleView r : views) {
                rows.add(List.of(String.join(", ", r.antecedent()), String.join(", ", r.consequent()), r.support().toPlainString(),
                        r.confidence().toPlainString(), r.lift().toPlainString(), Long.toString(r.count())));
            }
            return answers.csv("basket-rules", uri.getQueryParameters(),
                    List.of("antecedent", "consequent", "support", "confidence", "lift", "count"), rows);
        }
        return Response.ok(new RulesAnswer(result.transactions(), found.computedAt(), found.stale(), found.jobId(), a.minSupport(),
                a.minConfidence(), a.maxLength(), a.sort(), matching.size(), views)).build();
    }

    /** The filters asked for, together; the customer's SKUs are read in the user's reach (someone they may not see bought nothing). */
    private Predicate<BasketRules.Rule> filter(UserPrincipal user, Asked a) {
        Predicate<BasketRules.Rule> filter = r -> true;
        if (a.sku() != null) {
            filter = filter.and(BasketRules.withAntecedentItem(a.sku()));
        }
        if (a.customerId() != null) {
            filter = filter.and(BasketRules.forBuyerOf(CustomerOrders.skusBought(orders, user, a.customerId())));
        }
        return filter;
    }

    /** Computes the rules of these parameters again (unless that runs already): 202 naming the run; the GET answers the new rules once done. */
    @POST
    @Path("rules/refresh")
    @ApiAnswer(AnalysisJobs.Computing.class)
    public Response refresh(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        return AnalysisJobs.pending(jobs.refresh(user, AnalysisJobs.BASKET, asked(uri).question()));
    }
}
