package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code GET /api/v1/funnel/forecast}: what the deals the user may see are expected to bring,
 * per period (month or quarter) and per owner, team or stage, per currency (amounts in different
 * currencies are never added). An open deal counts in the period of its expected close, with its
 * amount weighted by its probability (its own or its stage's); a won deal counts in the period
 * it was won, weighted at 100 % and also as {@code won}; lost deals and deals without an amount
 * do not count. Two grouped queries over the deals, the access rule inside both: open deals per
 * period, key and currency, weighted in the query, and won deals.
 */
@Component(service = ForecastResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/forecast")
@Produces(MediaType.APPLICATION_JSON)
public class ForecastResource {

    /** A deal's stage's probability, through the deal's STAGE_ID (a join the query makes, no relationship objects). */
    private static final NumericProperty<Integer> STAGE_PROBABILITY = PropertyFactory.createNumeric(
            org.apache.cayenne.exp.ExpressionFactory.dbPathExp("stage.PROBABILITY"), Integer.class);

    private static BigDecimal decimal(Object sum) {
        return sum == null ? BigDecimal.ZERO : (BigDecimal) sum;
    }

    /** The longest range one forecast covers. */
    static final int MAX_YEARS = 5;

    public record Row(String period, String key, String currency, long count, String amount, String weighted, String won) {
    }

    public record Forecast(String pipelineId, LocalDate from, LocalDate to, String period, String groupBy, List<Row> periods) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public Forecast forecast(@QueryParam("pipelineId") String pipelineId, @QueryParam("from") String fromText,
            @QueryParam("to") String toText, @QueryParam("period") String periodText, @QueryParam("groupBy") String groupByText) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        DealFields.id(pipelineId, "pipelineId");
        LocalDate today = Sql.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        LocalDate from = date(fromText, "from", today.withDayOfYear(1));
        LocalDate to = date(toText, "to", today.withDayOfYear(1).plusYears(1).minusDays(1));
        if (to.isBefore(from)) {
            throw Problems.invalid("to", "must not lie before from");
        }
        if (to.isAfter(from.plusYears(MAX_YEARS))) {
            throw Problems.invalid("to", "must lie within " + MAX_YEARS + " years of from");
        }
        String period = periodText == null ? "month" : periodText;
        if (!period.equals("month") && !period.equals("quarter")) {
            throw Problems.invalid("period", "must be month or quarter");
        }
        String groupBy = groupByText == null ? "owner" : groupByText;
        StringProperty<String> key = switch (groupBy) {
            case "owner" -> MosaicRecord.OWNER_ID;
            case "team" -> MosaicRecord.TEAM_ID;
            case "stage" -> Deal.STAGE_ID;
            default -> throw Problems.invalid("groupBy", "must be owner, team or stage");
        };
        List<Row> rows = persistence.read(ctx -> {
            if (pipelineId != null && PipelineStore.pipeline(ctx, pipelineId) == null) {
                throw Problems.notFound("There is no pipeline " + pipelineId + ".");
            }
            Map<String, StageEntity> stages = DealsResource.stagesById(ctx);
            List<String> won = stages.values().stream().filter(s -> s.getKind() == StageKind.WON).map(MosaicRecord::getId).toList();
            Expression scope = Deal.AMOUNT.isNotNull();
            if (pipelineId != null) {
                scope = scope.andExp(Deal.PIPELINE_ID.eq(pipelineId));
            }
            Map<List<String>, Sum> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                    .thenComparing(k -> k.get(1), Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(k -> k.get(2)));
            // Open deals, by expected close, in one read joined to their stage. A deal is weighted
            // with its own probability p or, without one, its stage's s: Σ s·a − Σ s·a·(p + 1) + Σ s·a·p
            // is Σ s·a over the deals without p (a product with a NULL p is left out of a SUM), and
            // Σ p·a adds those with one — COALESCE, which the query API lacks, in sums.
            Expression open = scope.andExp(Deal.CLOSED_AT.isNull()).andExp(Deal.EXPECTED_CLOSE.between(from, to));
            for (Object[] r : ObjectSelect.columnQuery(Deal.class, Deal.EXPECTED_CLOSE.year(), Deal.EXPECTED_CLOSE.month(), key, Deal.CURRENCY,
                    Deal.AMOUNT.sum(), Deal.AMOUNT.mul(STAGE_PROBABILITY).sum(),
                    Deal.AMOUNT.mul(STAGE_PROBABILITY).mul(Deal.PROBABILITY.add(1)).sum(),
                    Deal.AMOUNT.mul(STAGE_PROBABILITY).mul(Deal.PROBABILITY).sum(), Deal.AMOUNT.mul(Deal.PROBABILITY).sum(),
                    PropertyFactory.COUNT).where(Records.visible(access, user, open)).select(ctx)) {
                BigDecimal weighted = decimal(r[5]).subtract(decimal(r[6])).add(decimal(r[7])).add(decimal(r[8])).movePointLeft(2);
                add(sums, r, period, (BigDecimal) r[4], weighted.setScale(Money.SCALE, java.math.RoundingMode.HALF_EVEN),
                        ((Number) r[9]).longValue(), false);
            }
            // Won deals, by the day they were won, at 100 %.
            if (!won.isEmpty()) {
                Expression closed = scope.andExp(Deal.STAGE_ID.in(won))
                        .andExp(Deal.CLOSED_AT.gte(from.atStartOfDay())).andExp(Deal.CLOSED_AT.lt(to.plusDays(1).atStartOfDay()));
                for (Object[] r : ObjectSelect.columnQuery(Deal.class, Deal.CLOSED_AT.year(), Deal.CLOSED_AT.month(), key, Deal.CURRENCY,
                        Deal.AMOUNT.sum(), PropertyFactory.COUNT).where(Records.visible(access, user, closed)).select(ctx)) {
                    add(sums, r, period, (BigDecimal) r[4], (BigDecimal) r[4], ((Number) r[5]).longValue(), true);
                }
            }
            List<Row> out = new ArrayList<>();
            sums.forEach((k, s) -> out.add(new Row(k.get(0), k.get(1), k.get(2), s.count, Money.format(s.amount, k.get(2)),
                    Money.formatRounded(s.weighted, k.get(2)), Money.format(s.won, k.get(2)))));
            return out;
        });
        return new Forecast(pipelineId, from, to, period, groupBy, rows);
    }

    /** Count and sums of one period, key and currency. */
    private static final class Sum {
        long count;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal won = BigDecimal.ZERO;
    }

    /**
     * Adds a group to its period, key and currency: {@code r} starts with year, month, key and
     * currency (the queries' first four columns); the groups are few — per period, key and
     * currency, and per stage for deals weighted with their stage's probability — whatever the
     * number of deals.
     */
    private static void add(Map<List<String>, Sum> sums, Object[] r, String period, BigDecimal amount, BigDecimal weighted, long count,
            boolean won) {
        int year = ((Number) r[0]).intValue();
        int month = ((Number) r[1]).intValue();
        String label = period.equals("month") ? String.format("%04d-%02d", year, month) : String.format("%04d-Q%d", year, (month - 1) / 3 + 1);
        Sum sum = sums.computeIfAbsent(java.util.Arrays.asList(label, (String) r[2], (String) r[3]), k -> new Sum());
        sum.count += count;
        sum.amount = sum.amount.add(amount);
        sum.weighted = sum.weighted.add(weighted);
        if (won) {
            sum.won = sum.won.add(amount);
        }
    }

    private static LocalDate date(String text, String field, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Problems.invalid(field, "must be a date such as 2026-12-31");
        }
    }

}
