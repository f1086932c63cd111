package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
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
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * A deal's field spec, the one place that says what a deal is made of: which fields a body may
 * carry, how each is checked and applied, and how a stage change is recorded ({@link #moveTo}).
 */
final class DealFields {

    static final Set<String> CREATABLE = Set.of("title", "pipelineId", "stageId", "amount", "currency", "expectedClose", "probability",
            "organizationId", "personIds", "nextStep", "nextStepAt", "closeReason", "ownerId", "teamId", "lines", FieldSchema.FIELD);
    static final Set<String> PATCHABLE = union(CREATABLE, "version");
    /** A deal names at most this many people. */
    static final int MAX_PEOPLE = 50;
    /** A deal has at most this many line items. */
    static final int MAX_LINES = 200;
    static final Set<String> LINE_FIELDS = Set.of("productId", "quantity", "unitPrice", "discountPercent");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The CSV columns of a deal, before the custom fields' {@code cf.<key>} columns. */
    static final org.mosaiccrm.platform.api.csv.CsvForm CSV = new org.mosaiccrm.platform.api.csv.CsvForm(List.of("title", "pipeline",
            "stage", "amount", "currency", "expectedClose", "probability", "organization", "nextStep", "nextStepAt", "closedAt",
            "closeReason", "ownerId", "teamId"), Map.of(), Map.of());

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
        applyLines(ctx, in, deal, creating);
        if (in.has("expectedClose")) {
            deal.setExpectedClose(in.date("expectedClose"));
        }
        if (in.has("probability")) {
            deal.setProbability(in.integer("probability", 0, 100));
        }
        if (in.has("organizationId")) {
            String org = in.text("organizationId", 36);
            if (org != null && !contacts.organizations(List.of(org)).containsKey(org)) {
                in.error("organizationId", "unreachable", "names no organization you can reach");
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
        if (in.has("closeReason") && deal.getCloseReason() != null && deal.getStageId() != null) {
            StageEntity stage = PipelineStore.stage(ctx, deal.getStageId());
            if (stage != null) {
                deal.setCloseReason(ReasonsResource.check(ctx, stage.getKind(), deal.getCloseReason(), in, "closeReason"));
            }
        }
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
     * The body's lines replace the deal's: each a product, a quantity above zero, a unit price
     * in the deal's currency (the product's price in it unless given) and a discount of 0–100 %.
     * A deal with lines is worth their total: its amount follows them, and neither its amount
     * nor its currency changes without them.
     */
    static void applyLines(ObjectContext ctx, FieldReader in, Deal deal, boolean creating) {
        boolean hasLines = !creating && ObjectSelect.query(DealLine.class).where(DealLine.DEAL_ID.eq(deal.getId())).selectCount(ctx) > 0;
        if (!in.has("lines")) {
            if (hasLines && in.has("amount")) {
                in.error("amount", "is the total of the deal's lines; change the lines instead");
            }
            if (hasLines && in.has("currency")) {
                in.error("currency", "is the currency of the deal's unit prices; send the lines with it");
            }
            return;
        }
        if (in.has("amount")) {
            in.error("amount", "is the total of the lines; leave it out when sending lines");
        }
        Object raw = in.raw("lines");
        if (!(raw instanceof List<?> list) || list.size() > MAX_LINES) {
            in.error("lines", "must be an array of at most " + MAX_LINES + " lines");
            return;
        }
        if (!list.isEmpty() && deal.getCurrency() == null) {
            in.error("currency", "is needed with lines");
            return;
        }
        List<String> productIds = new java.util.ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("productId") instanceof String id && RecordIds.isWellFormed(id)) {
                productIds.add(id);
            }
        }
        Map<String, Product> products = new java.util.HashMap<>();
        if (!productIds.isEmpty()) {
            ObjectSelect.query(Product.class).where(org.mosaiccrm.platform.api.persistence.MosaicRecord.ID.in(productIds)).select(ctx)
                    .forEach(p -> products.put(p.getId(), p));
        }
        List<DealLine> lines = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "lines[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                in.error(at, "must be an object with " + LINE_FIELDS);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) m;
            FieldReader line = new FieldReader(fields);
            fields.keySet().stream().filter(k -> !LINE_FIELDS.contains(k))
                    .forEach(k -> line.error(k, "is not a field of a line; use " + LINE_FIELDS));
            String productId = line.text("productId", 36);
            Product product = productId == null ? null : products.get(productId);
            if (productId == null) {
                line.required("productId");
            } else if (product == null) {
                line.error("productId", "unreachable", "names no product");
            }
            BigDecimal quantity = Money.amount(line, "quantity", BigDecimal.ZERO);
            if (quantity == null && !line.has("quantity")) {
                line.required("quantity");
            } else if (quantity != null && quantity.signum() == 0) {
                line.error("quantity", "notPositive", "must be more than 0");
            }
            BigDecimal unitPrice = Money.amount(line, "unitPrice", BigDecimal.ZERO);
            if (unitPrice == null && !line.has("unitPrice") && product != null) {
                unitPrice = Prices.stored(product.getPricesJson()).get(deal.getCurrency());
                if (unitPrice == null) {
                    line.error("unitPrice", "is needed: the product has no price in " + deal.getCurrency());
                }
            }
            BigDecimal discount = Money.amount(line, "discountPercent", BigDecimal.ZERO);
            if (discount != null && discount.compareTo(HUNDRED) > 0) {
                line.error("discountPercent", "notPercent", "must lie between 0 and 100");
            }
            line.errors().forEach(e -> in.error(at + "." + e.field(), e.message()));
            if (line.errors().isEmpty()) {
                DealLine l = ctx.newObject(DealLine.class);
                l.setDealId(deal.getId());
                l.setPosition(i);
                l.setProductId(productId);
                l.setQuantity(quantity);
                l.setUnitPrice(unitPrice);
                l.setDiscountPercent(discount);
                lines.add(l);
            }
        }
        if (!in.errors().isEmpty()) {
            ctx.deleteObjects(lines);
            return;
        }
        if (!creating) {
            // The lines the deal had before this request: the new ones are not in the database yet.
            List<String> fresh = lines.stream().map(DealLine::getId).toList();
            ctx.deleteObjects(ObjectSelect.query(DealLine.class).where(DealLine.DEAL_ID.eq(deal.getId())).select(ctx).stream()
                    .filter(l -> !fresh.contains(l.getId())).toList());
        }
        if (!lines.isEmpty() || hasLines) {
            deal.setAmount(lines.isEmpty() ? null : lines.stream().map(DealLine::total).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    /** The deal's lines in order. */
    static List<DealLine> lines(ObjectContext ctx, String dealId) {
        return ObjectSelect.query(DealLine.class).where(DealLine.DEAL_ID.eq(dealId)).orderBy(DealLine.POSITION.asc()).select(ctx);
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
        java.time.LocalDateTime now = Sql.now();
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

    /**
     * The row writer of one export: names of pipelines and stages from one read, organization
     * names as they come (each looked up once, through {@code organizationName}), amounts as
     * decimal strings.
     */
    static java.util.function.Function<Deal, List<String>> rows(ObjectContext ctx, FieldSchema custom,
            java.util.function.Function<String, String> organizationName) {
        Map<String, String> pipelines = new java.util.HashMap<>();
        ObjectSelect.query(PipelineEntity.class).select(ctx).forEach(p -> pipelines.put(p.getId(), p.getName()));
        Map<String, StageEntity> stages = new java.util.HashMap<>();
        ObjectSelect.query(StageEntity.class).select(ctx).forEach(s -> stages.put(s.getId(), s));
        Map<String, String> organizations = new java.util.HashMap<>();
        return d -> {
            StageEntity stage = stages.get(d.getStageId());
            String organization = d.getOrganizationId() == null ? null
                    : organizations.computeIfAbsent(d.getOrganizationId(), organizationName);
            List<String> row = new java.util.ArrayList<>(java.util.Arrays.asList(d.getTitle(), pipelines.get(d.getPipelineId()),
                    stage == null ? null : stage.getName(), Money.format(d.getAmount(), d.getCurrency()), d.getCurrency(),
                    text(d.getExpectedClose()), String.valueOf(d.getProbability() != null ? d.getProbability()
                            : stage == null ? 0 : stage.getProbability()), organization, d.getNextStep(), text(d.getNextStepAt()),
                    d.getClosedAt() == null ? null : d.getClosedAt().toInstant(java.time.ZoneOffset.UTC).toString(), d.getCloseReason(),
                    d.getOwnerId(), d.getTeamId()));
            row.replaceAll(org.mosaiccrm.platform.api.csv.CsvCells::cell);
            row.addAll(custom.cells(d.getCustomJson()));
            return row;
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
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

    /** Person ids as the deal stores them. */
    static String writeIds(List<String> ids) {
        return write(ids);
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
            throw Problems.invalid(field, "notAnId", "is not an id");
        }
        return value;
    }
}
