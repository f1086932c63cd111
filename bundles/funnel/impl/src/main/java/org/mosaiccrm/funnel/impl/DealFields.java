package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A deal's field spec, the one place that says what a deal is made of: which fields a body may
 * carry, how each is checked and applied, and how a stage change is recorded ({@link #moveTo}).
 */
final class DealFields {

    static final Set<String> CREATABLE = Set.of("title", "pipelineId", "stageId", "amount", "currency", "expectedClose", "probability",
            "organizationId", "personIds", "nextStep", "nextStepAt", "closeReason", "ownerId", "teamId", FieldSchema.FIELD);
    static final Set<String> PATCHABLE = union(CREATABLE, "version");
    /** A deal names at most this many people. */
    static final int MAX_PEOPLE = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DealFields() {
    }

    private static Set<String> union(Set<String> a, String extra) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.add(extra);
        return Set.copyOf(all);
    }

    /**
     * The body onto the deal; errors are collected on the reader (one 400 names them all). A new
     * deal needs a title and a pipeline, and goes to the pipeline's first open stage unless the
     * body names one of its stages. A stage change goes through {@link #moveTo}, so a deal's
     * history has every stage it was in.
     */
    static void apply(ObjectContext ctx, FieldReader in, Deal deal, boolean creating, FieldSchema custom, ContactDirectory contacts,
            UserPrincipal user) {
        String title = in.text("title", Deal.TITLE_MAX);
        if (title == null && (creating || in.has("title"))) {
            in.required("title");
        }
        if (title != null) {
            deal.setTitle(title);
        }
        BigDecimal amount = Money.amount(in, "amount", BigDecimal.ZERO);
        if (in.has("amount")) {
            deal.setAmount(amount);
        }
        String currency = Money.currency(in, "currency");
        if (in.has("currency")) {
            deal.setCurrency(currency);
        }
        if (deal.getAmount() != null && deal.getCurrency() == null && in.errors().stream().noneMatch(e -> e.field().equals("currency"))) {
            in.error("currency", "is needed with an amount");
        }
        if (in.has("expectedClose")) {
            deal.setExpectedClose(in.date("expectedClose"));
        }
        if (in.has("probability")) {
            deal.setProbability(in.integer("probability", 0, 100));
        }
        if (in.has("organizationId")) {
            String org = in.text("organizationId", 36);
            if (org != null && !contacts.organizations(List.of(org)).containsKey(org)) {
                in.error("organizationId", "names no organization you can reach");
            }
            deal.setOrganizationId(org);
        }
        if (in.has("personIds")) {
            List<String> people = in.distinct("personIds", MAX_PEOPLE, 36, "person id");
            if (!people.isEmpty()) {
                Map<String, String> reachable = contacts.people(people);
                for (String id : people) {
                    if (!reachable.containsKey(id)) {
                        in.error("personIds", "names " + id + ", no person you can reach");
                    }
                }
            }
            deal.setPersonIdsJson(people.isEmpty() ? null : write(people));
        }
        if (in.has("nextStep")) {
            deal.setNextStep(in.text("nextStep", 200));
        }
        if (in.has("nextStepAt")) {
            deal.setNextStepAt(in.date("nextStepAt"));
        }
        if (in.has("closeReason")) {
            deal.setCloseReason(in.text("closeReason", 200));
        }
        if (creating || in.has(FieldSchema.FIELD)) {
            deal.setCustomJson(custom.apply(in, deal.getCustomJson(), creating));
        }
        applyStage(ctx, in, deal, creating, user);
    }

    private static void applyStage(ObjectContext ctx, FieldReader in, Deal deal, boolean creating, UserPrincipal user) {
        String pipelineId = in.text("pipelineId", 36);
        String stageId = in.text("stageId", 36);
        if (creating && pipelineId == null) {
            in.required("pipelineId");
            return;
        }
        if (!creating && pipelineId != null && stageId == null && !pipelineId.equals(deal.getPipelineId())) {
            in.error("stageId", "is needed to move a deal to another pipeline");
            return;
        }
        if (pipelineId == null && stageId == null) {
            return;
        }
        String pipeline = pipelineId != null ? pipelineId : deal.getPipelineId();
        if (PipelineStore.pipeline(ctx, pipeline) == null) {
            in.error(pipelineId != null ? "pipelineId" : "stageId", "names no pipeline");
            return;
        }
        StageEntity stage;
        if (stageId != null) {
            stage = PipelineStore.stage(ctx, stageId);
            if (stage == null || !stage.getPipelineId().equals(pipeline)) {
                in.error("stageId", "names no stage of the pipeline " + pipeline);
                return;
            }
        } else {
            stage = PipelineStore.stages(ctx, pipeline).stream().filter(s -> s.getKind() == StageKind.OPEN).findFirst().orElse(null);
            if (stage == null) {
                in.error("pipelineId", "names a pipeline without an open stage");
                return;
            }
        }
        if (in.errors().isEmpty()) {
            moveTo(ctx, deal, stage, user);
        }
    }

    /**
     * Puts the deal in the stage and records the move (from, to, when, who, the amount then), in
     * the caller's transaction; a deal that reaches a won or lost stage is closed, one that goes
     * back to an open stage is open again. Nothing happens when the deal is already there.
     */
    static boolean moveTo(ObjectContext ctx, Deal deal, StageEntity stage, UserPrincipal user) {
        String from = deal.getStageId();
        if (stage.getId().equals(from)) {
            return false;
        }
        java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        deal.setPipelineId(stage.getPipelineId());
        deal.setStageId(stage.getId());
        deal.setStageSince(now);
        deal.setClosedAt(stage.getKind() == StageKind.OPEN ? null : now);
        StageMove move = ctx.newObject(StageMove.class);
        move.setDealId(deal.getId());
        move.setPipelineId(stage.getPipelineId());
        move.setFromStageId(from);
        move.setToStageId(stage.getId());
        move.setMovedAt(now);
        move.setMovedBy(user.id());
        move.setAmount(deal.getAmount());
        move.setCurrency(deal.getCurrency());
        // Owned like the deal (set again when the deal's owner is given in the same request: see DealsResource).
        move.setOwnerId(deal.getOwnerId() != null ? deal.getOwnerId() : user.id());
        move.setTeamId(deal.getTeamId() != null ? deal.getTeamId() : user.teamId());
        return true;
    }

    static List<String> personIds(Deal deal) {
        if (deal.getPersonIdsJson() == null) {
            return List.of();
        }
        try {
            return JSON.readValue(deal.getPersonIdsJson(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored person ids of deal " + deal.getId() + " are not JSON", e);
        }
    }

    private static String write(List<String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks an id in a path or query before it reaches a query. */
    static String id(String value, String field) {
        if (value != null && !RecordIds.isWellFormed(value)) {
            throw Problems.invalid(field, "is not an id");
        }
        return value;
    }
}
