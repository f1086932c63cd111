package org.mosaiccrm.funnel.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/funnel/pipelines}: read by everyone who may read the funnel, set up by those
 * with {@code funnel.admin}. A pipeline is changed as a whole: its name and its ordered list of
 * stages, where a stage with an id is kept (renamed, moved, its probability changed), one
 * without is added, and one left out is removed — refused with 409, naming how many deals it
 * holds, while it holds any. All of it in one transaction.
 */
@Component(service = PipelinesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    static final int MAX_STAGES = 30;
    static final Set<String> FIELDS = Set.of("name", "stages", "version");
    static final Set<String> STAGE_FIELDS = Set.of("id", "name", "probability", "kind", "rotDays");

    public record StageView(String id, String name, int probability, String kind, Integer rotDays) {
    }

    public record PipelineView(String id, long version, String name, int position, List<StageView> stages) {

        static PipelineView of(PipelineEntity p, List<StageEntity> stages) {
            return new PipelineView(p.getId(), p.getVersion(), p.getName(), p.getPosition(), stages.stream()
                    .map(s -> new StageView(s.getId(), s.getName(), s.getProbability(), s.getKind().code(), s.getRotDays())).toList());
        }
    }

    public record PipelineList(List<PipelineView> items) {
    }

    /** A pipeline and its stages as a write left them, viewed after the commit. */
    private record Saved(PipelineEntity pipeline, List<StageEntity> stages) {

        PipelineView view() {
            return PipelineView.of(pipeline, stages);
        }
    }

    /** For the OpenAPI document: what a create or update sends. */
    public record PipelineInput(String name, List<StageView> stages, Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public PipelineList list() {
        access.requirePermission(FunnelModule.READ);
        return persistence.read(ctx -> new PipelineList(ObjectSelect.query(PipelineEntity.class)
                .orderBy(PipelineEntity.POSITION.asc()).select(ctx).stream()
                .map(p -> PipelineView.of(p, PipelineStore.stages(ctx, p.getId()))).toList()));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = PipelineView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        access.requirePermission(FunnelModule.READ);
        PipelineView view = persistence.read(ctx -> PipelineView.of(require(ctx, id), PipelineStore.stages(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(PipelineInput.class)
    @ApiAnswer(status = 201, value = PipelineView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "pipeline");
        String name = in.text("name", 100);
        if (name == null) {
            in.required("name");
        }
        List<Map<String, Object>> stages = stageList(in, true);
        in.requireValid();
        // Viewed once committed, with the version the commit gave it.
        PipelineView created = persistence.write(ctx -> {
            PipelineEntity p = ctx.newObject(PipelineEntity.class);
            p.setName(name);
            Integer last = ObjectSelect.columnQuery(PipelineEntity.class, PipelineEntity.POSITION.max()).selectOne(ctx);
            p.setPosition(last == null ? 0 : last + 1);
            access.assignOwnership(user, p, null, null);
            return new Saved(p, applyStages(ctx, p, List.of(), stages));
        }).view();
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(PipelineInput.class)
    @ApiAnswer(value = PipelineView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(changes, FIELDS, "pipeline");
        Long expected = in.expectedVersion(ifMatch);
        String name = in.text("name", 100);
        if (in.has("name") && name == null) {
            in.required("name");
        }
        List<Map<String, Object>> stages = in.has("stages") ? stageList(in, false) : null;
        in.requireValid();
        PipelineView updated = persistence.write(ctx -> {
            PipelineEntity p = require(ctx, id);
            p.requireVersion(expected);
            if (name != null) {
                p.setName(name);
            }
            List<StageEntity> current = PipelineStore.stages(ctx, id);
            List<StageEntity> saved = current;
            if (stages != null) {
                saved = applyStages(ctx, p, current, stages);
                // The stages are part of the pipeline: a change to them is a new version of it.
                p.setUpdatedAt(p.getUpdatedAt().plusNanos(1000));
            }
            return new Saved(p, saved);
        }).view();
        return Records.ok(updated.version(), updated);
    }

    /** Removes a pipeline that holds no deals, with its stages. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(FunnelModule.ADMIN);
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            PipelineEntity p = require(ctx, id);
            if (expected != null) {
                p.requireVersion(expected);
            }
            long deals = ObjectSelect.query(Deal.class).where(Deal.PIPELINE_ID.eq(id)).selectCount(ctx);
            if (deals > 0) {
                throw Problems.conflict("The pipeline '" + p.getName() + "' still holds " + deals + (deals == 1 ? " deal" : " deals")
                        + "; move or delete them first.");
            }
            ctx.deleteObjects(PipelineStore.stages(ctx, id));
            ctx.deleteObject(p);
            return null;
        });
        return Response.noContent().build();
    }

    private static PipelineEntity require(ObjectContext ctx, String id) {
        PipelineEntity p = PipelineStore.pipeline(ctx, id);
        if (p == null) {
            throw Problems.notFound("pipeline", id);
        }
        return p;
    }

    /**
     * The body's stages, each checked: a name (unique in the pipeline, ignoring case), a kind
     * (open unless said), a probability 0–100 (won stages 100, lost ones 0, as they are), rot
     * days 1–3650 or none. At least one open stage; at most {@link #MAX_STAGES}.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stageList(FieldReader in, boolean creating) {
        Object raw = in.raw("stages");
        if (raw == null) {
            if (creating) {
                in.required("stages");
            }
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_STAGES) {
            in.error("stages", "must be an array of 1 to " + MAX_STAGES + " stages");
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean open = false;
        for (int i = 0; i < list.size(); i++) {
            String at = "stages[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                in.error(at, "must be an object with " + STAGE_FIELDS);
                continue;
            }
            Map<String, Object> stage = (Map<String, Object>) m;
            for (String key : stage.keySet()) {
                if (!STAGE_FIELDS.contains(key)) {
                    in.error(at + "." + key, "is not a field of a stage; use " + STAGE_FIELDS);
                }
            }
            FieldReader s = new FieldReader(stage);
            String name = s.text("name", 100);
            if (name == null) {
                s.required("name");
            } else if (!names.add(name.toLowerCase(Locale.ROOT))) {
                s.error("name", "is the name of another stage of this pipeline");
            }
            String kindCode = s.text("kind", 10);
            StageKind kind = kindCode == null ? StageKind.OPEN : StageKind.ofCode(kindCode.toLowerCase(Locale.ROOT));
            if (kind == null) {
                s.error("kind", "must be one of open, won, lost");
                kind = StageKind.OPEN;
            }
            open |= kind == StageKind.OPEN;
            Integer probability = s.integer("probability", 0, 100);
            int fixed = kind == StageKind.WON ? 100 : 0;
            if (kind != StageKind.OPEN && probability != null && probability != fixed) {
                s.error("probability", "of a " + kind.code() + " stage is " + fixed);
            } else if (kind == StageKind.OPEN && probability == null && s.errors().stream().noneMatch(e -> e.field().equals("probability"))) {
                s.required("probability");
            }
            Integer rotDays = s.integer("rotDays", 1, 3650);
            String id = s.text("id", 36);
            s.errors().forEach(e -> in.error(at + "." + e.field(), e.message()));
            Map<String, Object> checked = new HashMap<>();
            checked.put("id", id);
            checked.put("name", name);
            checked.put("kind", kind);
            checked.put("probability", kind == StageKind.OPEN ? probability : Integer.valueOf(fixed));
            checked.put("rotDays", rotDays);
            out.add(checked);
        }
        if (!open && !out.isEmpty()) {
            in.error("stages", "need at least one open stage");
        }
        return out;
    }

    /**
     * The pipeline's stages made what the list says, in its order: kept stages changed, new
     * ones added, missing ones removed unless they hold deals (409, and the transaction, with
     * everything else, rolls back).
     */
    private static List<StageEntity> applyStages(ObjectContext ctx, PipelineEntity p, List<StageEntity> current,
            List<Map<String, Object>> wanted) {
        Map<String, StageEntity> byId = new HashMap<>();
        current.forEach(s -> byId.put(s.getId(), s));
        List<StageEntity> result = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Map<String, Object> w = wanted.get(i);
            String id = (String) w.get("id");
            StageEntity s;
            if (id != null) {
                s = byId.remove(id);
                if (s == null) {
                    throw Problems.invalid("stages[" + i + "].id", "is not a stage of this pipeline");
                }
            } else {
                s = ctx.newObject(StageEntity.class);
                s.setPipelineId(p.getId());
                s.setOwnerId(p.getOwnerId());
                s.setTeamId(p.getTeamId());
            }
            s.setName((String) w.get("name"));
            s.setKind((StageKind) w.get("kind"));
            s.setProbability((Integer) w.get("probability"));
            s.setRotDays((Integer) w.get("rotDays"));
            s.setPosition(i);
            result.add(s);
        }
        for (StageEntity gone : byId.values()) {
            long deals = ObjectSelect.query(Deal.class).where(Deal.STAGE_ID.eq(gone.getId())).selectCount(ctx);
            if (deals > 0) {
                throw Problems.conflict("The stage '" + gone.getName() + "' still holds " + deals + (deals == 1 ? " deal" : " deals")
                        + "; move them to another stage before removing it.");
            }
            ctx.deleteObject(gone);
        }
        return result;
    }
}
