package org.mosaiccrm.funnel.impl;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ContactDirectory;
import org.mosaiccrm.funnel.api.StageKind;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.records.RecordAssignments;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code /api/v1/funnel/deals}. The permission first, then the record access rule inside every
 * query: another team's deal is absent from lists and answers 404. A stage change — through
 * {@code POST …/move}, a {@code PATCH} of {@code stageId}, or the creation itself — is recorded
 * in the deal's history in the same transaction ({@link DealFields#moveTo}).
 */
@Component(service = DealsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/deals")
@Produces(MediaType.APPLICATION_JSON)
public class DealsResource {

    /**
     * A deal in JSON. {@code probability} is the deal's own or, when it has none, its stage's
     * ({@code probabilityOwn} says which); amounts are decimal strings.
     */
    public record DealView(String id, long version, String title, String pipelineId, String stageId, String stageKind, String amount,
            String currency, String weightedAmount, LocalDate expectedClose, int probability, boolean probabilityOwn,
            String organizationId, String organizationName, List<String> personIds, String nextStep, LocalDate nextStepAt, Instant closedAt, String closeReason,
            Instant stageSince, boolean rotting, Map<String, Object> customFields, List<LineView> lines, String ownerId, String teamId,
            Instant createdAt, Instant updatedAt) {

        /** The deal without its lines, as lists show it. */
        static DealView of(Deal d, StageEntity stage, FieldSchema custom, LocalDateTime now, String organizationName) {
            return of(d, stage, custom, now, null, organizationName);
        }

        static DealView of(Deal d, StageEntity stage, FieldSchema custom, LocalDateTime now, List<LineView> lines,
                String organizationName) {
            int probability = d.getProbability() != null ? d.getProbability() : stage.getProbability();
            return new DealView(d.getId(), d.getVersion(), d.getTitle(), d.getPipelineId(), d.getStageId(), stage.getKind().code(),
                    Money.format(d.getAmount(), d.getCurrency()), d.getCurrency(),
                    d.getAmount() == null ? null : Money.formatRounded(Money.percentOf(d.getAmount(), probability), d.getCurrency()),
                    d.getExpectedClose(), probability, d.getProbability() != null, d.getOrganizationId(), organizationName, DealFields.personIds(d),
                    d.getNextStep(), d.getNextStepAt(), utc(d.getClosedAt()), d.getCloseReason(), utc(d.getStageSince()),
                    DealsResource.rotting(d, stage, now), custom.view(d.getCustomJson()), lines, d.getOwnerId(), d.getTeamId(),
                    utc(d.getCreatedAt()), utc(d.getUpdatedAt()));
        }
    }

    /** A line item: its product (SKU and name as they are now), quantity, unit price, discount and total, in the deal's currency. */
    public record LineView(String id, String productId, String sku, String name, String quantity, String unitPrice,
            String discountPercent, String total) {
    }

    /** For the OpenAPI document: what a create or update sends. */
    public record DealInput(String title, String pipelineId, String stageId, String amount, String currency, LocalDate expectedClose,
            Integer probability, String organizationId, List<String> personIds, String nextStep, LocalDate nextStepAt,
            String closeReason, Map<String, Object> customFields, List<LineInput> lines, String ownerId, String teamId, Long version) {
    }

    public record LineInput(String productId, String quantity, String unitPrice, String discountPercent) {
    }

    public record MoveInput(String stageId, Long version, String closeReason) {
    }

    public record MoveView(String fromStageId, String toStageId, Instant at, String by, String amount, String currency) {
    }

    public record History(List<MoveView> items) {
    }

    /** Recently changed first unless the client asks otherwise. */
    static final Sorts SORTS = Sorts.of("-updatedAt", SortKey.of("updatedAt", MosaicRecord.UPDATED_AT),
            SortKey.of("createdAt", MosaicRecord.ID), SortKey.of("title", Deal.TITLE_KEY),
            SortKey.nullable("expectedClose", Deal.EXPECTED_CLOSE));
    static final Set<String> MOVE_FIELDS = Set.of("stageId", "version", "closeReason");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    @Reference
    private ContactDirectory contacts;

    @Reference
    private AuditLog audit;

    @Reference
    private RecordAssignments assignments;

    @Reference
    private org.mosaiccrm.contacts.api.Timeline timeline;

    /**
     * A page of the deals the user may see, filtered by pipeline, stage, status (open: in an
     * open stage; closed: won or lost), owner, team, organization, text in the title and
     * custom fields ({@code cf.<key>}).
     */
    @GET
    public ListPage<DealView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q, @QueryParam("pipelineId") String pipelineId,
            @QueryParam("stageId") String stageId, @QueryParam("status") String status, @QueryParam("ownerId") String ownerId,
            @QueryParam("teamId") String teamId, @QueryParam("organizationId") String organizationId, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor);
        Sort order = SORTS.parse(sort);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri.getQueryParameters());
        LocalDateTime now = now();
        return persistence.read(ctx -> {
            Map<String, StageEntity> stages = stagesById(ctx);
            ListPage<Deal> deals = RecordLists.page(persistence, ctx, Deal.class, access.visibleRecordParts(user), where, order, page, d -> d);
            // The organizations' names of the page in one look-up, within the user's reach like everything else.
            Map<String, String> names = contacts.organizations(deals.items().stream().map(Deal::getOrganizationId)
                    .filter(java.util.Objects::nonNull).distinct().toList());
            return new ListPage<>(deals.items().stream().map(d -> DealView.of(d, stages.get(d.getStageId()), custom, now,
                    d.getOrganizationId() == null ? null : names.get(d.getOrganizationId()))).toList(), deals.next(), deals.total(),
                    deals.totalExact());
        });
    }

    /** The list as CSV: the same filters, sort and reach, every matching deal, streamed, formula-safe and audited. */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        access.requirePermission(FunnelModule.EXPORT);
        CsvExport.requireCsv(format);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri.getQueryParameters());
        return CsvExport.of(persistence, audit, FunnelModule.ID, "deals", uri.getQueryParameters(), DealFields.CSV.columns(custom),
                RecordLists.select(Deal.class, Records.visible(access, user, where), SORTS.parse(sort)),
                // The rows are written while the answer streams, after the request's user has left
                // the thread: organization names are looked up as that user, explicitly.
                ctx -> DealFields.rows(ctx, custom,
                        orgId -> access.runAs(user, () -> contacts.organizations(List.of(orgId)).getOrDefault(orgId, ""))));
    }

    /**
     * The list's conditions from the query: pipeline, stage, status (open: in an open stage;
     * closed: won or lost), owner, team, organization, text in the title and custom fields
     * ({@code cf.<key>}).
     */
    static Expression filter(FieldSchema custom, Map<String, List<String>> query) {
        Expression filter = Records.and(eq(Deal.PIPELINE_ID, DealFields.id(first(query, "pipelineId"), "pipelineId")),
                eq(Deal.STAGE_ID, DealFields.id(first(query, "stageId"), "stageId")));
        filter = Records.and(filter, eq(MosaicRecord.OWNER_ID, DealFields.id(first(query, "ownerId"), "ownerId")));
        filter = Records.and(filter, eq(MosaicRecord.TEAM_ID, DealFields.id(first(query, "teamId"), "teamId")));
        filter = Records.and(filter, eq(Deal.ORGANIZATION_ID, DealFields.id(first(query, "organizationId"), "organizationId")));
        filter = Records.and(filter, status(first(query, "status")));
        String q = first(query, "q");
        if (q != null && !q.isBlank()) {
            filter = Records.and(filter, Deal.TITLE.containsIgnoreCase(q.strip()));
        }
        return Records.and(filter, custom.filter(Deal.CUSTOM_JSON, query));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Gives many deals another owner and/or team: {@code {"ids":[…]}} or {@code {"filter":{…the
     * list's parameters…}}} with {@code "ownerId"} and/or {@code "teamId"}; 202 with the job
     * (RecordAssignments) that changes them in batches, within the user's reach. The board's
     * totals follow each batch in its transaction ({@link BoardSums}).
     */
    @POST
    @Path("assign")
    @ApiBody(RecordAssignments.Input.class)
    @ApiAnswer(status = 202, value = RecordAssignments.Started.class)
    public Response assign(Map<String, Object> body) {
        return Response.status(202).entity(new RecordAssignments.Started(assignments.start(FunnelModule.ID, "deals", body))).build();
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = DealView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        FieldSchema custom = schema();
        DealView deal = persistence.read(ctx -> full(ctx, Records.find(ctx, access, user, Deal.class, id, "deal"), custom));
        return Records.ok(deal.version(), deal);
    }

    @POST
    @ApiBody(DealInput.class)
    @ApiAnswer(status = 201, value = DealView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(body, DealFields.CREATABLE, "deal");
        FieldSchema custom = schema();
        DealView created = view(persistence.write(ctx -> {
            Deal deal = ctx.newObject(Deal.class);
            DealFields.apply(ctx, in, deal, true, custom, contacts, user);
            Records.finish(access, user, deal, in, true);
            ownParts(ctx, deal);
            afterMove(ctx, deal);
            onTimeline(timeline, ctx, deal, true);
            return deal;
        }), custom);
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(DealInput.class)
    @ApiAnswer(value = DealView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(changes, DealFields.PATCHABLE, "deal");
        FieldSchema custom = schema();
        Long expected = in.expectedVersion(ifMatch);
        DealView updated = view(persistence.write(ctx -> {
            Deal deal = Records.find(ctx, access, user, Deal.class, id, "deal");
            deal.requireVersion(expected);
            DealFields.apply(ctx, in, deal, false, custom, contacts, user);
            Records.finish(access, user, deal, in, false);
            ownParts(ctx, deal);
            afterMove(ctx, deal);
            onTimeline(timeline, ctx, deal, false);
            return deal;
        }), custom);
        return Records.ok(updated.version(), updated);
    }

    /**
     * Moves the deal to another stage (of any pipeline), based on the version the client saw:
     * 409 with nothing changed when the deal has changed since; the move is recorded.
     */
    @POST
    @Path("{id}/move")
    @ApiBody(MoveInput.class)
    @ApiAnswer(value = DealView.class, headers = ApiAnswer.ETAG)
    public Response move(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(body, MOVE_FIELDS, "move");
        Long expected = in.expectedVersion(ifMatch);
        if (expected == null) {
            in.error("version", "is needed: the version of the deal the move is based on (or If-Match)");
        }
        String stageId = in.text("stageId", 36);
        if (stageId == null) {
            in.required("stageId");
        }
        String reason = in.text("closeReason", 200);
        in.requireValid();
        FieldSchema custom = schema();
        DealView moved = view(persistence.write(ctx -> {
            Deal deal = Records.find(ctx, access, user, Deal.class, id, "deal");
            deal.requireVersion(expected);
            StageEntity stage = PipelineStore.stage(ctx, stageId);
            if (stage == null) {
                throw Problems.invalid("stageId", "unreachable", "names no stage");
            }
            DealFields.moveTo(ctx, deal, stage, user);
            if (in.has("closeReason")) {
                deal.setCloseReason(ReasonsResource.check(ctx, stage.getKind(), reason, in, "closeReason"));
                in.requireValid();
            }
            afterMove(ctx, deal);
            onTimeline(timeline, ctx, deal, false);
            return deal;
        }), custom);
        return Records.ok(moved.version(), moved);
    }

    /** Every stage the deal was in, oldest first: the first entry is its creation (no from stage). */
    @GET
    @Path("{id}/history")
    public History history(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        return persistence.read(ctx -> {
            Deal deal = Records.find(ctx, access, user, Deal.class, id, "deal");
            return new History(ObjectSelect.query(StageMove.class).where(StageMove.DEAL_ID.eq(deal.getId()))
                    .orderBy(StageMove.MOVED_AT.asc(), MosaicRecord.ID.asc()).select(ctx).stream()
                    .map(m -> new MoveView(m.getFromStageId(), m.getToStageId(), utc(m.getMovedAt()), m.getMovedBy(),
                            Money.format(m.getAmount(), m.getCurrency()), m.getCurrency()))
                    .toList());
        });
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.DELETE);
        // The history goes with the deal: analytics keep what they aggregated, not rows of deals that are gone.
        Records.delete(persistence, access, user, Deal.class, id, "deal", ifMatch, (ctx, deal) -> {
            ctx.deleteObjects(ObjectSelect.query(StageMove.class).where(StageMove.DEAL_ID.eq(deal.getId())).select(ctx));
            ctx.deleteObjects(DealFields.lines(ctx, deal.getId()));
        });
        return Response.noContent().build();
    }

    /** The view of a deal as committed (its new version), with its stage and lines read afresh. */
    private DealView view(Deal deal, FieldSchema custom) {
        return persistence.read(ctx -> full(ctx, deal, custom));
    }

    private DealView full(ObjectContext ctx, Deal deal, FieldSchema custom) {
        List<DealLine> lines = DealFields.lines(ctx, deal.getId());
        Map<String, Product> products = new java.util.HashMap<>();
        if (!lines.isEmpty()) {
            ObjectSelect.query(Product.class).where(MosaicRecord.ID.in(lines.stream().map(DealLine::getProductId).distinct().toList()))
                    .select(ctx).forEach(p -> products.put(p.getId(), p));
        }
        String c = deal.getCurrency();
        List<LineView> views = lines.stream().map(l -> {
            Product p = products.get(l.getProductId());
            return new LineView(l.getId(), l.getProductId(), p == null ? null : p.getSku(), p == null ? null : p.getName(),
                    l.getQuantity().stripTrailingZeros().toPlainString(), Money.format(l.getUnitPrice(), c),
                    l.getDiscountPercent() == null ? null : l.getDiscountPercent().stripTrailingZeros().toPlainString(),
                    Money.formatRounded(l.total(), c));
        }).toList();
        String organizationName = deal.getOrganizationId() == null ? null
                : contacts.organizations(List.of(deal.getOrganizationId())).get(deal.getOrganizationId());
        return DealView.of(deal, PipelineStore.stage(ctx, deal.getStageId()), custom, now(), views, organizationName);
    }

    /**
     * The deal's history and lines belong to whoever the deal belongs to, so that the access
     * rule that shows the deal shows them (set again when a request gave the deal another owner).
     */
    static void ownParts(ObjectContext ctx, Deal deal) {
        List<MosaicRecord> parts = new java.util.ArrayList<>();
        for (Object o : ctx.newObjects()) {
            if (o instanceof StageMove m && m.getDealId().equals(deal.getId()) || o instanceof DealLine l && l.getDealId().equals(deal.getId())) {
                parts.add((MosaicRecord) o);
            }
        }
        if (deal.getPersistenceState() != org.apache.cayenne.PersistenceState.NEW && ctx.modifiedObjects().contains(deal)) {
            parts.addAll(ObjectSelect.query(StageMove.class).where(StageMove.DEAL_ID.eq(deal.getId())).select(ctx));
            parts.addAll(ObjectSelect.query(DealLine.class).where(DealLine.DEAL_ID.eq(deal.getId())).select(ctx));
        }
        parts.removeIf(m -> m.getPersistenceState() == org.apache.cayenne.PersistenceState.DELETED);
        for (MosaicRecord m : parts) {
            if (!deal.getOwnerId().equals(m.getOwnerId())) {
                m.setOwnerId(deal.getOwnerId());
            }
            if (!deal.getTeamId().equals(m.getTeamId())) {
                m.setTeamId(deal.getTeamId());
            }
        }
    }

    /** A deal that reached a won stage in this transaction brings its order (once per deal: {@link Orders#fromWonDeal}). */
    static void afterMove(ObjectContext ctx, Deal deal) {
        for (Object o : ctx.newObjects()) {
            if (o instanceof StageMove m && m.getDealId().equals(deal.getId())) {
                StageEntity to = PipelineStore.stage(ctx, m.getToStageId());
                if (to != null && to.getKind() == StageKind.WON) {
                    Orders.fromWonDeal(ctx, deal, m.getMovedAt());
                }
            }
        }
    }

    /**
     * A deal's creation, and its closing (won or lost), appear on the timelines of its
     * organization and first person: subject the deal's title, text its stage, amount and
     * reason — the company's own words, not the program's. In the deal's transaction.
     */
    static void onTimeline(org.mosaiccrm.contacts.api.Timeline timeline, ObjectContext ctx, Deal deal, boolean created) {
        List<String> people = DealFields.personIds(deal);
        if (deal.getOrganizationId() == null && people.isEmpty()) {
            return;
        }
        StageEntity stage = null;
        for (Object o : ctx.newObjects()) {
            if (o instanceof StageMove m && m.getDealId().equals(deal.getId())) {
                stage = PipelineStore.stage(ctx, m.getToStageId());
            }
        }
        if (stage == null || !created && stage.getKind() == StageKind.OPEN) {
            return;
        }
        String body = String.join(" · ", java.util.stream.Stream.of(stage.getName(),
                deal.getAmount() == null ? null : Money.format(deal.getAmount(), deal.getCurrency()) + " " + deal.getCurrency(),
                stage.getKind() == StageKind.OPEN ? null : deal.getCloseReason()).filter(java.util.Objects::nonNull).toList());
        timeline.append(new org.mosaiccrm.contacts.api.NewActivity(org.mosaiccrm.contacts.api.ActivityType.NOTE, null, deal.getTitle(),
                body, Sql.instant(), people.isEmpty() ? null : people.get(0), deal.getOrganizationId(), List.of(),
                FunnelModule.ID));
    }

    static Map<String, StageEntity> stagesById(ObjectContext ctx) {
        Map<String, StageEntity> byId = new java.util.HashMap<>();
        ObjectSelect.query(StageEntity.class).select(ctx).forEach(s -> byId.put(s.getId(), s));
        return byId;
    }

    /** A deal is rotting when it sits in an open stage with rot days longer than that without a change. */
    static boolean rotting(Deal d, StageEntity stage, LocalDateTime now) {
        return stage.getKind() == StageKind.OPEN && stage.getRotDays() != null && d.getUpdatedAt() != null
                && d.getUpdatedAt().plusDays(stage.getRotDays()).isBefore(now);
    }

    private static Expression status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status) {
            case "open" -> Deal.CLOSED_AT.isNull();
            case "closed" -> Deal.CLOSED_AT.isNotNull();
            default -> throw Problems.invalid("status", "must be open or closed");
        };
    }

    private static Expression eq(org.apache.cayenne.exp.property.StringProperty<String> column, String value) {
        return value == null ? null : column.eq(value);
    }

    private FieldSchema schema() {
        return customFields.schema(FunnelModule.ID, FunnelModule.DEAL);
    }

    static LocalDateTime now() {
        return Sql.now();
    }

    static Instant utc(LocalDateTime at) {
        return at == null ? null : at.toInstant(ZoneOffset.UTC);
    }
}
