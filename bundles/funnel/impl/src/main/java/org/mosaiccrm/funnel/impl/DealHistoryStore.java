package org.mosaiccrm.funnel.impl;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.DealHistory;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link DealHistory}: the pipeline's deals with the user's access rule inside the query, in
 * batches, and each batch's moves by deal id. A deal the user may see shows its whole history,
 * as its history page does, whoever made the moves.
 */
@Component(service = DealHistory.class)
public class DealHistoryStore implements DealHistory {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Override
    public void forEach(UserPrincipal user, Filter filter, Consumer<Deal> each) {
        Expression where = org.mosaiccrm.funnel.impl.Deal.PIPELINE_ID.eq(filter.pipelineId());
        if (filter.ownerId() != null) {
            where = where.andExp(MosaicRecord.OWNER_ID.eq(filter.ownerId()));
        }
        if (filter.teamId() != null) {
            where = where.andExp(MosaicRecord.TEAM_ID.eq(filter.teamId()));
        }
        HistoryReads.inBatches(persistence, access, user, org.mosaiccrm.funnel.impl.Deal.class, where,
                ObjectSelect.query(org.mosaiccrm.funnel.impl.Deal.class).orderBy(MosaicRecord.CREATED_AT.asc(), MosaicRecord.ID.asc()),
                (ctx, batch) -> {
                    Map<String, List<Move>> moves = moves(ctx, batch);
                    for (org.mosaiccrm.funnel.impl.Deal d : batch) {
                        each.accept(new Deal(d.getId(), d.getPipelineId(), d.getStageId(), d.getOwnerId(), d.getTeamId(),
                                DealsResource.utc(d.getCreatedAt()), DealsResource.utc(d.getClosedAt()), d.getAmount(), d.getCurrency(),
                                d.getExpectedClose(), d.getProbability(), moves.getOrDefault(d.getId(), List.of())));
                    }
                });
    }

    private static Map<String, List<Move>> moves(ObjectContext ctx, List<org.mosaiccrm.funnel.impl.Deal> deals) {
        Map<String, List<Move>> byDeal = new HashMap<>();
        for (List<String> ids : HistoryReads.chunks(deals)) {
            for (StageMove m : ObjectSelect.query(StageMove.class).where(StageMove.DEAL_ID.in(ids))
                    .orderBy(StageMove.MOVED_AT.asc(), MosaicRecord.ID.asc()).select(ctx)) {
                byDeal.computeIfAbsent(m.getDealId(), k -> new ArrayList<>()).add(new Move(m.getFromStageId(), m.getToStageId(),
                        m.getMovedAt().toInstant(ZoneOffset.UTC), m.getAmount(), m.getCurrency()));
            }
        }
        return byDeal;
    }
}
