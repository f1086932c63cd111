package org.mosaiccrm.funnel.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.Pipeline;
import org.mosaiccrm.funnel.api.Pipelines;
import org.mosaiccrm.funnel.api.Stage;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Pipelines}, and the pipelines and stages as the funnel's resources read them inside
 * their own transactions. Pipelines are configuration: everyone who may read the funnel sees
 * them all, so these reads carry no access rule (deals do).
 */
@Component(service = {Pipelines.class, PipelineStore.class})
public class PipelineStore implements Pipelines {

    @Reference
    private Persistence persistence;

    @Override
    public List<Pipeline> all() {
        return persistence.read(PipelineStore::all);
    }

    @Override
    public Optional<Pipeline> find(String id) {
        if (!RecordIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return persistence.read(ctx -> Optional.ofNullable(pipeline(ctx, id)).map(p -> view(p, stages(ctx, id))));
    }

    static List<Pipeline> all(ObjectContext ctx) {
        List<PipelineEntity> pipelines = ObjectSelect.query(PipelineEntity.class)
                .orderBy(PipelineEntity.POSITION.asc(), MosaicRecord.ID.asc()).select(ctx);
        Map<String, List<StageEntity>> byPipeline = new LinkedHashMap<>();
        for (StageEntity s : ObjectSelect.query(StageEntity.class).orderBy(StageEntity.POSITION.asc()).select(ctx)) {
            byPipeline.computeIfAbsent(s.getPipelineId(), k -> new ArrayList<>()).add(s);
        }
        return pipelines.stream().map(p -> view(p, byPipeline.getOrDefault(p.getId(), List.of()))).toList();
    }

    static PipelineEntity pipeline(ObjectContext ctx, String id) {
        return RecordIds.isWellFormed(id) ? ObjectSelect.query(PipelineEntity.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
    }

    /** The pipeline's stages in order. */
    static List<StageEntity> stages(ObjectContext ctx, String pipelineId) {
        return ObjectSelect.query(StageEntity.class).where(StageEntity.PIPELINE_ID.eq(pipelineId))
                .orderBy(StageEntity.POSITION.asc()).select(ctx);
    }

    static StageEntity stage(ObjectContext ctx, String id) {
        return RecordIds.isWellFormed(id) ? ObjectSelect.query(StageEntity.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
    }

    static Pipeline view(PipelineEntity p, List<StageEntity> stages) {
        List<Stage> views = stages.stream().map(StageEntity::view).toList();
        return new Pipeline(p.getId(), p.getName(), views);
    }
}
