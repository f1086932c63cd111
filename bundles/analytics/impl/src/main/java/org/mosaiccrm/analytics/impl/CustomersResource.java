package org.mosaiccrm.analytics.impl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * The customer analyses over the funnel's orders the user may see: RFM segments, retention
 * cohorts, and one customer's scores, churn risk and lifetime value. Present only while the
 * funnel is on (its {@link OrderHistory} is the source), in the company's time zone, in one
 * currency. Segments and cohorts are computed by a job ({@link AnalysisJobs}) and answered from
 * the latest computation with its {@code computedAt} (202 while there is none yet; {@code POST
 * …/refresh} computes again); one customer's figures are computed on request.
 */
@Component(service = CustomersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("analytics")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class CustomersResource {

    private static final Set<String> RFM_PARAMETERS = Set.of("currency", "asOf", "ownerId", "teamId", "format");
    private static final Set<String> COHORT_PARAMETERS = Set.of("currency", "asOf", "ownerId", "teamId", "period", "format");
    private static final Set<String> PERSON_PARAMETERS = Set.of("currency", "asOf");

    /** A segment as JSON: revenue a decimal string. */
    public record SegmentView(String name, long customers, String revenue) {
    }

    /** {@code stale}: orders changed since {@code computedAt}; {@code refreshing}: the run computing a newer answer, if any. */
    public record RfmAnswer(Instant computedAt, boolean stale, String refreshing, LocalDate asOf, String currency, long customers,
            List<SegmentView> segments) {
    }

    public record CohortAnswer(Instant computedAt, boolean stale, String refreshing, String period, String currency,
            List<Retention.Cohort> cohorts) {
    }

    public record Scores(int r, int f, int m, String segment) {
    }

    /**
     * {@code rfmComputedAt}: when the segmentation whose quintiles scored the customer was computed
     * (null: among the customers just now, there being none for the day yet).
     */
    public record PersonAnswer(String id, LocalDate asOf, String currency, Scores rfm, Instant rfmComputedAt, Retention.ChurnRisk churnRisk,
            String lifetimeValue, Long orders) {
    }

    @Reference
    private OrderHistory orders;

    @Reference
    private Answers answers;

    @Reference
    private AnalysisJobs jobs;

    /** The question of an RFM or cohort request (the parameters checked): what {@link HeavyAnalyses} computes. */
    private Map<String, String> question(Params params) {
        ZoneId zone = answers.zone();
        String currency = CustomerOrders.currency(params);
        LocalDate asOf = params.date("asOf", Sql.instant().atZone(zone).toLocalDate());
        String ownerId = params.id("ownerId");
        String teamId = params.id("teamId");
        params.requireValid();
        return HeavyAnalyses.customerQuestion(zone, currency, asOf, ownerId, teamId);
    }

    @GET
    @Path("rfm")
    @ApiAnswer(RfmAnswer.class)
    public Response rfm(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), RFM_PARAMETERS);
        boolean csv = params.csv();
        Map<String, String> question = question(params);
        AnalysisJobs.Lookup found = jobs.latest(user, AnalysisJobs.RFM, question);
        if (!found.ready()) {
            return AnalysisJobs.pending(found);
        }
        HeavyAnalyses.RfmData data = AnalysisJobs.read(found, HeavyAnalyses.RfmData.class);
        String currency = data.currency();
        if (csv) {
            // Every customer's current figures, scored by the quintiles of the result shown.
            List<List<String>> rows = new ArrayList<>();
            CustomerFacts facts = currency == null ? null : HeavyAnalyses.customerTotals(orders, user, withCurrency(question, currency));
            if (facts != null) {
                LocalDate asOf = LocalDate.parse(question.get("asOf"));
                for (Rfm.Score s : Rfm.scores(data.model(), facts.customers().values(), asOf).values()) {
                    rows.add(List.of(s.customerId(), s.segment(), Integer.toString(s.r()), Integer.toString(s.f()), Integer.toString(s.m()),
                            Long.toString(s.recencyDays()), Long.toString(s.orders()), Money.format(s.revenue(), currency), currency));
                }
            }
            return answers.csv("rfm", uri.getQueryParameters(),
                    List.of("customerId", "segment", "r", "f", "m", "recencyDays", "orders", "revenue", "currency"), rows);
        }
        List<SegmentView> segments = data.segments().stream()
                .map(g -> new SegmentView(g.name(), g.customers(), Money.format(g.revenue(), currency))).toList();
        return Response.ok(new RfmAnswer(found.computedAt(), found.stale(), found.jobId(), LocalDate.parse(question.get("asOf")), currency,
                data.customers(), segments)).build();
    }

    private static Map<String, String> withCurrency(Map<String, String> question, String currency) {
        Map<String, String> q = new java.util.HashMap<>(question);
        q.put("currency", currency);
        return q;
    }

    /** Computes the segments of these parameters again (unless that runs already): 202 naming the run. */
    @POST
    @Path("rfm/refresh")
    @ApiAnswer(AnalysisJobs.Computing.class)
    public Response refreshRfm(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), RFM_PARAMETERS);
        params.csv();
        return AnalysisJobs.pending(jobs.refresh(user, AnalysisJobs.RFM, question(params)));
    }

    @GET
    @Path("cohorts")
    @ApiAnswer(CohortAnswer.class)
    public Response cohorts(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), COHORT_PARAMETERS);
        boolean csv = params.csv();
        params.choice("period", "month", List.of("month"));
        AnalysisJobs.Lookup found = jobs.latest(user, AnalysisJobs.COHORTS, question(params));
        if (!found.ready()) {
            return AnalysisJobs.pending(found);
        }
        HeavyAnalyses.CohortData data = AnalysisJobs.read(found, HeavyAnalyses.CohortData.class);
        List<Retention.Cohort> cohorts = data.cohorts();
        if (csv) {
            int months = cohorts.stream().mapToInt(c -> c.retained().size()).max().orElse(0);
            List<String> header = new ArrayList<>(List.of("cohort", "size"));
            for (int i = 0; i < months; i++) {
                header.add("month" + i);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Retention.Cohort c : cohorts) {
                List<String> row = new ArrayList<>(List.of(c.cohort(), Long.toString(c.size())));
                c.retained().forEach(r -> row.add(Long.toString(r)));
                rows.add(row);
            }
            return answers.csv("cohorts", uri.getQueryParameters(), header, rows);
        }
        return Response.ok(new CohortAnswer(found.computedAt(), found.stale(), found.jobId(), "month", data.currency(), cohorts)).build();
    }

    /** Computes the cohorts of these parameters again (unless that runs already): 202 naming the run. */
    @POST
    @Path("cohorts/refresh")
    @ApiAnswer(AnalysisJobs.Computing.class)
    public Response refreshCohorts(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), COHORT_PARAMETERS);
        params.csv();
        params.choice("period", "month", List.of("month"));
        return AnalysisJobs.pending(jobs.refresh(user, AnalysisJobs.COHORTS, question(params)));
    }

    /**
     * One customer (a person, or an organization ordering without a person): their RFM scores,
     * churn risk and lifetime value. The scores use the quintiles of the latest segmentation of the
     * same question (the day, the currency), computed by a job for the segments' page, even when
     * orders changed since (its {@code rfmComputedAt} says when): then only the customer's own
     * orders are read, through their index. Without one, the quintiles are counted among every
     * customer the user may see, on request. Nulls when the user sees no order of theirs: an id
     * outside the user's reach answers like one without orders.
     */
    @GET
    @Path("people/{id}")
    public PersonAnswer person(@PathParam("id") String id, @Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        if (!RecordIds.isWellFormed(id)) {
            throw Problems.notFound("person", id);
        }
        Params params = new Params(uri.getQueryParameters(), PERSON_PARAMETERS);
        Map<String, String> question = question(params);
        LocalDate asOf = LocalDate.parse(question.get("asOf"));
        AnalysisJobs.Lookup stored = jobs.stored(user, AnalysisJobs.RFM, question);
        HeavyAnalyses.RfmData data = stored.ready() ? AnalysisJobs.read(stored, HeavyAnalyses.RfmData.class) : null;
        if (data != null && data.model() != null) {
            CustomerFacts mine = CustomerOrders.ofCustomer(orders, user, id, answers.zone(), data.currency(), asOf);
            CustomerFacts.Customer c = mine.customers().get(id);
            return c == null ? new PersonAnswer(id, asOf, data.currency(), null, null, null, null, 0L)
                    : answer(c, data.model().score(c, asOf), stored.computedAt(), asOf, data.currency());
        }
        CustomerFacts all = HeavyAnalyses.customerTotals(orders, user, question);
        CustomerFacts.Customer c = all == null ? null : all.customers().get(id);
        if (c == null) {
            return new PersonAnswer(id, asOf, all == null ? null : all.currency(), null, null, null, null, 0L);
        }
        return answer(c, Rfm.model(all.customers().values(), asOf).score(c, asOf), null, asOf, all.currency());
    }

    private static PersonAnswer answer(CustomerFacts.Customer c, Rfm.Score s, Instant computedAt, LocalDate asOf, String currency) {
        return new PersonAnswer(c.id, asOf, currency, new Scores(s.r(), s.f(), s.m(), s.segment()), computedAt, Retention.churn(c, asOf),
                Money.format(c.revenue, currency), c.orders);
    }
}
