package org.mosaiccrm.analytics.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.analytics.api.TimeBuckets;
import org.mosaiccrm.funnel.api.DealHistory;
import org.mosaiccrm.funnel.api.Pipeline;
import org.mosaiccrm.funnel.api.Pipelines;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/analytics/funnel/…}: the sales analyses of one pipeline over the deals the user
 * may see and their stage history, read through the funnel's {@link DealHistory}; present only
 * while the funnel is on. Periods are whole days of the company's time zone.
 */
@Component(service = SalesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("analytics/funnel")
@Produces({MediaType.APPLICATION_JSON, "text/csv"})
public class SalesResource {

    private static final Set<String> PARAMETERS = Set.of("pipelineId", "from", "to", "period", "ownerId", "teamId", "format");
    private static final List<String> BUCKETS = List.of("day", "week", "month", "quarter");

    public record ConversionAnswer(String pipelineId, LocalDate from, LocalDate to, String zone, long deals, List<SalesAnalysis.Step> stages,
            String period, List<SalesAnalysis.Conversion> periods) {
    }

    public record AmountView(String currency, String amount) {
    }

    public record ForecastView(String period, String currency, String forecast, String actual) {
    }

    /** {@code salesVelocity}: per currency and day, open deals × win rate × average deal size ÷ sales cycle days. */
    public record SummaryAnswer(String pipelineId, LocalDate from, LocalDate to, String zone, String period, long won, long lost,
            BigDecimal winRate, List<AmountView> averageDealSize, BigDecimal salesCycleDays, List<ForecastView> forecast, long openDeals,
            List<AmountView> salesVelocity) {
    }

    @Reference
    private DealHistory deals;

    @Reference
    private Pipelines pipelines;

    @Reference
    private Answers answers;

    /** What one request analyses: the pipeline, its deals within the filters, the period and its buckets. */
    private record Input(Pipeline pipeline, List<DealHistory.Deal> deals, Period period, String bucket, TimeBuckets buckets) {
    }

    private Input input(UserPrincipal user, Params params, String defaultBucket) {
        String pipelineId = params.id("pipelineId");
        if (pipelineId == null && params.text("pipelineId") == null) {
            params.error("pipelineId", "is required");
        }
        Period period = Period.of(params, answers.zone());
        String bucket = params.choice("period", defaultBucket, BUCKETS);
        OwnerTeam who = new OwnerTeam(params.id("ownerId"), params.id("teamId"));
        params.requireValid();
        Pipeline pipeline = pipelines.find(pipelineId).orElseThrow(() -> Problems.notFound("pipeline", pipelineId));
        List<DealHistory.Deal> read = new ArrayList<>();
        deals.forEach(user, new DealHistory.Filter(pipelineId, who.ownerId(), who.teamId()), read::add);
        TimeBuckets buckets = answers.buckets(bucket, period.zone());
        return new Input(pipeline, read, period, bucket, buckets);
    }

    private record OwnerTeam(String ownerId, String teamId) {
    }

    @GET
    @Path("conversion")
    @ApiAnswer(ConversionAnswer.class)
    public Response conversion(@Context UriInfo uri) {
        ConversionAnswer answer = conversion(answers.reader(), uri.getQueryParameters());
        if (!"csv".equals(uri.getQueryParameters().getFirst("format"))) {
            return Response.ok(answer).build();
        }
        return answers.csv("funnel-conversion", uri.getQueryParameters(),
                List.of("period", "stageId", "stage", "entered", "converted", "rate", "ofPrevious"), rows(answer));
    }

    /** The conversion of the pipeline a query names, for the user. */
    ConversionAnswer conversion(UserPrincipal user, Map<String, List<String>> query) {
        Params params = new Params(query, PARAMETERS);
        params.csv();
        Input in = input(user, params, null);
        SalesAnalysis sales = new SalesAnalysis(in.pipeline());
        SalesAnalysis.Conversion whole = sales.total(in.deals(), in.period().start(), in.period().end());
        List<SalesAnalysis.Conversion> periods = in.buckets() == null ? List.of()
                : sales.conversion(in.deals(), in.period().start(), in.period().end(), in.buckets()::label);
        return new ConversionAnswer(in.pipeline().id(), in.period().from(), in.period().to(), in.period().zone().getId(), whole.deals(),
                whole.stages(), in.bucket(), periods);
    }

    /** The conversion as CSV rows: the whole period's steps (period empty), then each period's. */
    static List<List<String>> rows(ConversionAnswer answer) {
        List<List<String>> rows = new ArrayList<>();
        addRows(rows, "", answer.stages());
        answer.periods().forEach(p -> addRows(rows, p.period(), p.stages()));
        return rows;
    }

    private static void addRows(List<List<String>> rows, String period, List<SalesAnalysis.Step> steps) {
        for (SalesAnalysis.Step s : steps) {
            rows.add(java.util.Arrays.asList(period, s.stageId(), s.name(), Long.toString(s.entered()), Long.toString(s.converted()),
                    s.rate() == null ? null : s.rate().toPlainString(), s.ofPrevious() == null ? null : s.ofPrevious().toPlainString()));
        }
    }

    @GET
    @Path("summary")
    @ApiAnswer(SummaryAnswer.class)
    public Response summary(@Context UriInfo uri) {
        UserPrincipal user = answers.reader();
        Params params = new Params(uri.getQueryParameters(), PARAMETERS);
        boolean csv = params.csv();
        Input in = input(user, params, "month");
        SalesAnalysis.Summary s = new SalesAnalysis(in.pipeline()).summary(in.deals(), in.period().start(), in.period().end(), in.buckets());
        List<ForecastView> forecast = s.forecast().stream().map(f -> new ForecastView(f.period(), f.currency(),
                Money.formatRounded(f.forecast(), f.currency()), Money.format(f.actual(), f.currency()))).toList();
        if (csv) {
            List<List<String>> rows = new ArrayList<>();
            forecast.forEach(f -> rows.add(List.of(f.period(), f.currency(), f.forecast(), f.actual())));
            return answers.csv("funnel-forecast", uri.getQueryParameters(), List.of("period", "currency", "forecast", "actual"),
                    rows);
        }
        return Response.ok(new SummaryAnswer(in.pipeline().id(), in.period().from(), in.period().to(), in.period().zone().getId(),
                in.bucket(), s.won(), s.lost(), s.winRate(),
                amounts(s.averageDealSize()), s.salesCycleDays(), forecast, s.openDeals(), amounts(s.salesVelocity()))).build();
    }

    private static List<AmountView> amounts(List<SalesAnalysis.Amount> amounts) {
        return amounts.stream().map(a -> new AmountView(a.currency(), Money.format(a.amount(), a.currency()))).toList();
    }
}
