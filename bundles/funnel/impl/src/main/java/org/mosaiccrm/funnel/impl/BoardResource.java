package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/funnel/board}: a pipeline as the sales board shows it, one column per
 * stage with its count, amount and weighted amount (amount × probability, the deal's own or
 * its stage's) and its first {@link #CARDS} deals, recently changed first. Amounts in different
 * currencies are never added together: each column has its totals per currency, and
 * {@code amount}/{@code weighted} are those of the board's currency (asked for, or the one most
 * of the visible deals are in). Only deals the user may see count, inside the queries.
 */
@Component(service = BoardResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/board")
@Produces(MediaType.APPLICATION_JSON)
public class BoardResource {

    static final int CARDS = 50;

    /** Ids the contacts directory is asked about at once (its limit): a board of more than ten stages asks twice. */
    private static final int ORGANIZATIONS_AT_ONCE = 500;

    public record Total(String currency, String amount, String weighted, long count) {
    }

    public record Card(String id, long version, String title, String organizationId, String organizationName, String amount,
            String currency, String ownerId, boolean rotting, java.time.LocalDate expectedClose) {
    }

    public record Column(String id, String name, String kind, int probability, Integer rotDays, long count, String amount,
            String weighted, List<Total> totals, List<Card> deals, boolean more) {
    }

    public record Board(String pipelineId, String pipelineName, String currency, List<Column> stages) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private ContactDirectory contacts;

    @GET
    public Board board(@QueryParam("pipelineId") String pipelineId, @QueryParam("ownerId") String ownerId,
            @QueryParam("teamId") String teamId, @QueryParam("currency") String currency) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        DealFields.id(ownerId, "ownerId");
        DealFields.id(teamId, "teamId");
        if (currency != null && !Money.isCurrency(currency)) {
            throw Problems.invalid("currency", "must be an ISO 4217 currency code such as EUR");
        }
        Board board = persistence.read(ctx -> {
            PipelineEntity pipeline = pipelineId == null ? first(ctx) : PipelineStore.pipeline(ctx, DealFields.id(pipelineId, "pipelineId"));
            if (pipeline == null) {
                throw Problems.notFound(pipelineId == null ? "There is no pipeline yet." : "There is no pipeline " + pipelineId + ".");
            }
            Expression filter = Deal.PIPELINE_ID.eq(pipeline.getId());
            if (ownerId != null) {
                filter = filter.andExp(MosaicRecord.OWNER_ID.eq(ownerId));
            }
            if (teamId != null) {
                filter = filter.andExp(MosaicRecord.TEAM_ID.eq(teamId));
            }
            List<StageEntity> stages = PipelineStore.stages(ctx, pipeline.getId());
            // The totals' table has the deals' names for pipeline, owner and team: the same filter and access rule apply.
            Map<String, Map<String, Sum>> sums = sums(ctx, Records.visible(access, user, filter), stages);
            String shown = currency != null ? currency : mostUsed(sums);
            LocalDateTime now = DealsResource.now();
            Map<String, ListPage<Deal>> pages = new LinkedHashMap<>();
            for (StageEntity stage : stages) {
                pages.put(stage.getId(), RecordLists.page(persistence, ctx, Deal.class, access.visibleRecordParts(user),
                        filter.andExp(Deal.STAGE_ID.eq(stage.getId())), DealsResource.SORTS.parse("-updatedAt"),
                        PageRequest.parse(CARDS, null), d -> d, 0));
            }
            // The organizations of every card on the board in one look-up (at most CARDS × stages ids).
            List<String> organizations = pages.values().stream().flatMap(p -> p.items().stream()).map(Deal::getOrganizationId)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            Map<String, String> names = new java.util.HashMap<>();
            for (int i = 0; i < organizations.size(); i += ORGANIZATIONS_AT_ONCE) {
                names.putAll(contacts.organizations(organizations.subList(i, Math.min(organizations.size(), i + ORGANIZATIONS_AT_ONCE))));
            }
            List<Column> columns = new ArrayList<>();
            for (StageEntity stage : stages) {
                Map<String, Sum> byCurrency = sums.getOrDefault(stage.getId(), Map.of());
                ListPage<Deal> page = pages.get(stage.getId());
                List<Card> cards = page.items().stream().map(d -> new Card(d.getId(), d.getVersion(), d.getTitle(), d.getOrganizationId(),
                        d.getOrganizationId() == null ? null : names.get(d.getOrganizationId()), Money.format(d.getAmount(), d.getCurrency()), d.getCurrency(), d.getOwnerId(),
                        DealsResource.rotting(d, stage, now), d.getExpectedClose())).toList();
                // No currency is shown when no deal of the pipeline has an amount (Map.of refuses a null key).
                Sum main = shown == null ? new Sum() : byCurrency.getOrDefault(shown, new Sum());
                long count = byCurrency.values().stream().mapToLong(s -> s.count).sum();
                List<Total> totals = byCurrency.entrySet().stream().filter(e -> e.getKey() != null)
                        .map(e -> new Total(e.getKey(), Money.format(e.getValue().amount, e.getKey()),
                                Money.formatRounded(e.getValue().weighted, e.getKey()), e.getValue().count))
                        .toList();
                columns.add(new Column(stage.getId(), stage.getName(), stage.getKind().code(), stage.getProbability(), stage.getRotDays(),
                        count, shown == null ? null : Money.format(main.amount, shown), shown == null ? null : Money.formatRounded(main.weighted, shown),
                        totals, cards, page.next() != null));
            }
            return new Board(pipeline.getId(), pipeline.getName(), shown, columns);
        });
        return board;
    }

    /** Count, amount and weighted amount of a stage's deals in one currency. */
    static final class Sum {
        long count;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
    }

    /**
     * Per stage and currency: one grouped query over the visible rows of the pipeline's totals
     * ({@link BoardSums}: a row per stage, currency, own probability, team and owner — hundreds,
     * not the pipeline's deals), weighted here with each group's probability (its own, or the
     * stage's as it is now). Deals without an amount count, under the null currency.
     */
    static Map<String, Map<String, Sum>> sums(ObjectContext ctx, Expression where, List<StageEntity> stages) {
        Map<String, Integer> stageProbability = new LinkedHashMap<>();
        stages.forEach(s -> stageProbability.put(s.getId(), s.getProbability()));
        List<Object[]> rows = ObjectSelect.columnQuery(BoardSum.class, BoardSum.STAGE_ID, BoardSum.CURRENCY, BoardSum.PROBABILITY,
                BoardSum.AMOUNT.sum(), BoardSum.DEALS.sum()).where(where).select(ctx);
        Map<String, Map<String, Sum>> out = new LinkedHashMap<>();
        for (Object[] row : rows) {
            long count = ((Number) row[4]).longValue();
            if (count == 0) {
                continue;
            }
            String stage = (String) row[0];
            String currency = BoardSum.NO_CURRENCY.equals(row[1]) ? null : (String) row[1];
            int own = ((Number) row[2]).intValue();
            BigDecimal amount = row[3] == null ? BigDecimal.ZERO : (BigDecimal) row[3];
            int probability = own != BoardSum.STAGE_PROBABILITY ? own : stageProbability.getOrDefault(stage, 0);
            Sum sum = out.computeIfAbsent(stage, k -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
                    .computeIfAbsent(currency, k -> new Sum());
            sum.count += count;
            sum.amount = sum.amount.add(amount);
            sum.weighted = sum.weighted.add(Money.percentOf(amount, probability));
        }
        return out;
    }

    /** The currency most of the deals are in (ties: alphabetical), or null when none has an amount. */
    private static String mostUsed(Map<String, Map<String, Sum>> sums) {
        Map<String, Long> counts = new TreeMap<>();
        sums.values().forEach(m -> m.forEach((c, s) -> {
            if (c != null) {
                counts.merge(c, s.count, Long::sum);
            }
        }));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static PipelineEntity first(ObjectContext ctx) {
        List<PipelineEntity> all = ObjectSelect.query(PipelineEntity.class)
                .orderBy(PipelineEntity.POSITION.asc(), MosaicRecord.ID.asc()).limit(1).select(ctx); // the pipelines list's order
        return all.isEmpty() ? null : all.get(0);
    }
}
