package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
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
 * {@code /api/v1/funnel/orders}: the purchase history. Orders are created (here, by a won deal,
 * or by {@code POST /funnel/import?type=orders}) and never changed; the record access rule
 * applies as to every record. Lists answer each order with its lines (one query for a page's).
 */
@Component(service = OrdersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    static final Set<String> CREATABLE = Set.of("number", "personId", "organizationId", "orderedAt", "currency", "lines", "ownerId", "teamId");
    static final Set<String> LINE_FIELDS = Set.of("productId", "sku", "quantity", "unitPrice", "discountPercent");
    static final int MAX_LINES = 500;
    static final Sorts SORTS = Sorts.of("-orderedAt", SortKey.of("orderedAt", SalesOrder.ORDERED_AT), SortKey.of("createdAt", MosaicRecord.ID));

    public record LineView(String productId, String sku, String quantity, String unitPrice, String discountPercent, String total) {
    }

    public record OrderView(String id, long version, String number, String personId, String organizationId, Instant orderedAt,
            String currency, String total, String dealId, List<LineView> lines, String ownerId, String teamId, Instant createdAt) {

        static OrderView of(SalesOrder o, List<OrderLine> lines) {
            String c = o.getCurrency();
            return new OrderView(o.getId(), o.getVersion(), o.getNumber(), o.getPersonId(), o.getOrganizationId(),
                    DealsResource.utc(o.getOrderedAt()), c, Money.format(o.getTotal(), c), o.getDealId(),
                    lines.stream().map(l -> new LineView(l.getProductId(), l.getSku(), l.getQuantity().stripTrailingZeros().toPlainString(),
                            Money.format(l.getUnitPrice(), c), l.getDiscountPercent() == null ? null
                                    : l.getDiscountPercent().stripTrailingZeros().toPlainString(), Money.formatRounded(l.total(), c))).toList(),
                    o.getOwnerId(), o.getTeamId(), DealsResource.utc(o.getCreatedAt()));
        }
    }

    public record LineInput(String productId, String sku, String quantity, String unitPrice, String discountPercent) {
    }

    public record OrderInput(String number, String personId, String organizationId, Instant orderedAt, String currency,
            List<LineInput> lines, String ownerId, String teamId) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private ContactDirectory contacts;

    @GET
    public ListPage<OrderView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("personId") String personId, @QueryParam("organizationId") String organizationId,
            @QueryParam("q") String q) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        Expression filter = null;
        if (personId != null) {
            filter = SalesOrder.PERSON_ID.eq(DealFields.id(personId, "personId"));
        }
        if (organizationId != null) {
            filter = Records.and(filter, SalesOrder.ORGANIZATION_ID.eq(DealFields.id(organizationId, "organizationId")));
        }
        if (q != null && !q.isBlank()) {
            filter = Records.and(filter, SalesOrder.NUMBER_KEY.startsWith(q.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        Expression where = filter;
        return persistence.read(ctx -> {
            ListPage<SalesOrder> page = RecordLists.page(persistence, ctx, SalesOrder.class, access.visibleRecordParts(user), where,
                    SORTS.parse(sort), PageRequest.parse(limit, cursor), o -> o);
            Map<String, List<OrderLine>> lines = new HashMap<>();
            if (!page.items().isEmpty()) {
                ObjectSelect.query(OrderLine.class).where(OrderLine.ORDER_ID.in(page.items().stream().map(MosaicRecord::getId).toList()))
                        .orderBy(OrderLine.POSITION.asc()).select(ctx)
                        .forEach(l -> lines.computeIfAbsent(l.getOrderId(), k -> new ArrayList<>()).add(l));
            }
            return new ListPage<>(page.items().stream().map(o -> OrderView.of(o, lines.getOrDefault(o.getId(), List.of()))).toList(),
                    page.next(), page.total(), page.totalExact());
        });
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = OrderView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        OrderView view = persistence.read(ctx -> {
            SalesOrder o = Records.find(ctx, access, user, SalesOrder.class, id, "order");
            return OrderView.of(o, Orders.lines(ctx, o.getId()));
        });
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(OrderInput.class)
    @ApiAnswer(status = 201, value = OrderView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "order");
        String number = in.text("number", 64);
        if (number == null) {
            in.required("number");
        }
        String currency = Money.currency(in, "currency");
        if (currency == null && !in.has("currency")) {
            in.required("currency");
        }
        LocalDateTime orderedAt = in.has("orderedAt") ? in.instant("orderedAt") : DealsResource.now();
        String personId = in.text("personId", 36);
        if (personId != null && !contacts.people(List.of(personId)).containsKey(personId)) {
            in.error("personId", "unreachable", "names no person you can reach");
        }
        String organizationId = in.text("organizationId", 36);
        if (organizationId != null && !contacts.organizations(List.of(organizationId)).containsKey(organizationId)) {
            in.error("organizationId", "unreachable", "names no organization you can reach");
        }
        // Viewed once committed, with the version the commit gave it.
        OrderView created = persistence.write(ctx -> {
            if (number != null && Orders.byNumber(ctx, number) != null) {
                throw Problems.conflict("There is an order numbered " + number + " already.");
            }
            List<Orders.Line> lines = lines(ctx, in, currency);
            SalesOrder o = Orders.create(ctx, number, personId, organizationId, orderedAt, currency, null, null, null);
            Records.finish(access, user, o, in, true);
            List<OrderLine> saved = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                saved.add(Orders.add(ctx, o, i, lines.get(i)));
            }
            return new Saved(o, saved);
        }).view();
        return Records.created(uri, created.id(), created.version(), created);
    }

    private record Saved(SalesOrder order, List<OrderLine> lines) {

        OrderView view() {
            return OrderView.of(order, lines);
        }
    }

    /** Deletes the order and its lines (those who may delete only): a mistaken import, a test order. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.DELETE);
        Records.delete(persistence, access, user, SalesOrder.class, id, "order", ifMatch,
                (ctx, o) -> ctx.deleteObjects(Orders.lines(ctx, o.getId())));
        return Response.noContent().build();
    }

    /** The body's lines: each a product by id or SKU, a quantity above zero, a unit price (the product's in the currency unless given). */
    private static List<Orders.Line> lines(ObjectContext ctx, FieldReader in, String currency) {
        Object raw = in.raw("lines");
        List<Orders.Line> out = new ArrayList<>();
        if (!(raw instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LINES) {
            in.error("lines", "must be an array of 1 to " + MAX_LINES + " lines");
            in.requireValid();
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "lines[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                in.error(at, "must be an object with " + LINE_FIELDS);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) m;
            FieldReader line = new FieldReader(fields);
            fields.keySet().stream().filter(k -> !LINE_FIELDS.contains(k)).forEach(k -> line.error(k, "is not a field of a line; use " + LINE_FIELDS));
            String productId = line.text("productId", 36);
            String sku = line.text("sku", 64);
            Product product = null;
            if (productId != null) {
                product = RecordIds.isWellFormed(productId)
                        ? ObjectSelect.query(Product.class).where(MosaicRecord.ID.eq(productId)).selectOne(ctx) : null;
                if (product == null) {
                    line.error("productId", "unreachable", "names no product");
                }
            } else if (sku != null) {
                product = ProductsResource.bySku(ctx, sku);
                if (product == null) {
                    line.error("sku", "unreachable", "names no product");
                }
            } else {
                line.required("productId");
            }
            BigDecimal quantity = Money.amount(line, "quantity", BigDecimal.ZERO);
            if (quantity == null && !line.has("quantity")) {
                line.required("quantity");
            } else if (quantity != null && quantity.signum() == 0) {
                line.error("quantity", "notPositive", "must be more than 0");
            }
            BigDecimal price = Money.amount(line, "unitPrice", BigDecimal.ZERO);
            if (price == null && !line.has("unitPrice") && product != null && currency != null) {
                price = Prices.stored(product.getPricesJson()).get(currency);
                if (price == null) {
                    line.error("unitPrice", "is needed: the product has no price in " + currency);
                }
            }
            BigDecimal discount = Money.amount(line, "discountPercent", BigDecimal.ZERO);
            if (discount != null && discount.compareTo(BigDecimal.valueOf(100)) > 0) {
                line.error("discountPercent", "notPercent", "must lie between 0 and 100");
            }
            line.errors().forEach(e -> in.error(at + "." + e.field(), e.message()));
            if (line.errors().isEmpty()) {
                out.add(new Orders.Line(product, quantity, price, discount));
            }
        }
        in.requireValid();
        return out;
    }
}
