package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.GET;
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
 * Computed on request by FP-growth over one pass of the orders.
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
            "ownerId", "teamId", "format");

    public record RuleView(List<String> antecedent, List<String> consequent, BigDecimal support, BigDecimal confidence, BigDecimal lift,
            long count) {
    }

    public record RulesAnswer(long transactions, Instant computedAt, BigDecimal minSupport, BigDecimal minConfidence, int maxLength,
            String sort, int total, List<RuleView> rules) {
    }

    @Reference
    private OrderHistory orders;

    @Reference
    private Answers answers;

    @GET
    @Path("rules")
    @ApiAnswer(RulesAnswer.class)
    public Response rules(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), PARAMETERS);
        boolean csv = params.csv();
        BigDecimal minSupport = params.decimal("minSupport", new BigDecimal("0.01"), BigDecimal.ZERO, false, BigDecimal.ONE);
        BigDecimal minConfidence = params.decimal("minConfidence", new BigDecimal("0.5"), BigDecimal.ZERO, true, BigDecimal.ONE);
        int maxLength = params.integer("maxLength", 3, 2, MAX_LENGTH);
        int limit = params.integer("limit", 100, 1, MAX_LIMIT);
        String sort = params.choice("sort", "lift", List.of("lift", "confidence", "support", "count"));
        ZoneId zone = answers.zone();
        java.time.LocalDate from = params.date("from", null);
        java.time.LocalDate to = params.date("to", null);
        if (from != null && to != null && to.isBefore(from)) {
            params.error("to", "must not lie before from");
        }
        OrderHistory.Filter filter = new OrderHistory.Filter(from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), params.id("ownerId"), params.id("teamId"));
        params.requireValid();
        List<Set<String>> baskets = new ArrayList<>();
        orders.forEach(user, filter, o -> {
            Set<String> skus = new TreeSet<>();
            o.lines().forEach(l -> skus.add(l.sku()));
            if (!skus.isEmpty()) {
                baskets.add(skus);
            }
        });
        BasketRules.Result result = BasketRules.of(baskets, minSupport, minConfidence, maxLength,
                BasketRules.Sort.valueOf(sort.toUpperCase(Locale.ROOT)));
        List<RuleView> views = result.rules().stream().limit(limit)
                .map(r -> new RuleView(r.antecedent(), r.consequent(), r.support(), r.confidence(), r.lift(), r.count())).toList();
        if (csv) {
            List<List<String>> rows = new ArrayList<>();
            for (RuleView r : views) {
                rows.add(List.of(String.join(", ", r.antecedent()), String.join(", ", r.consequent()), r.support().toPlainString(),
                        r.confidence().toPlainString(), r.lift().toPlainString(), Long.toString(r.count())));
            }
            return answers.csv("basket-rules", uri.getQueryParameters(),
                    List.of("antecedent", "consequent", "support", "confidence", "lift", "count"), rows);
        }
        return Response.ok(new RulesAnswer(result.transactions(), Instant.now(), minSupport, minConfidence, maxLength, sort,
                result.rules().size(), views)).build();
    }
}
