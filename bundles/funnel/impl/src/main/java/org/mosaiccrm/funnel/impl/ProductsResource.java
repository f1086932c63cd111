package org.mosaiccrm.funnel.impl;

import java.time.Instant;
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
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/funnel/products}: the price list. Everyone who may read the funnel sees it (it
 * is the company's, not a team's); those with {@code funnel.admin} change it. A SKU is unique
 * ignoring case; a product that deals use cannot be deleted, only made inactive.
 */
@Component(service = ProductsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    static final Set<String> CREATABLE = Set.of("sku", "name", "active", "prices");
    static final Set<String> PATCHABLE = Set.of("sku", "name", "active", "prices", "version");
    static final Sorts SORTS = Sorts.of("name", SortKey.of("name", Product.NAME_KEY), SortKey.of("sku", Product.SKU_KEY),
            SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    public record ProductView(String id, long version, String sku, String name, boolean active, List<Prices.Price> prices,
            Instant createdAt, Instant updatedAt) {

        static ProductView of(Product p) {
            return new ProductView(p.getId(), p.getVersion(), p.getSku(), p.getName(), p.isActive(), Prices.view(p.getPricesJson()),
                    DealsResource.utc(p.getCreatedAt()), DealsResource.utc(p.getUpdatedAt()));
        }
    }

    public record ProductInput(String sku, String name, Boolean active, List<Prices.Price> prices, Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public ListPage<ProductView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q, @QueryParam("active") Boolean active) {
        access.requirePermission(FunnelModule.READ);
        Expression filter = active == null ? null : Product.ACTIVE.eq(active);
        if (q != null && !q.isBlank()) {
            filter = Records.and(filter, Product.NAME.containsIgnoreCase(q.strip()).orExp(Product.SKU_KEY.startsWith(Product.skuKey(q))));
        }
        Expression where = filter;
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Product.class, List.of(), where, SORTS.parse(sort),
                PageRequest.parse(limit, cursor), ProductView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = ProductView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        access.requirePermission(FunnelModule.READ);
        ProductView view = persistence.read(ctx -> ProductView.of(require(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(ProductInput.class)
    @ApiAnswer(status = 201, value = ProductView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(body, CREATABLE, "product");
        Product created = persistence.write(ctx -> {
            Product p = ctx.newObject(Product.class);
            apply(ctx, in, p, true);
            access.assignOwnership(user, p, null, null);
            return p;
        });
        return Records.created(uri, created.getId(), created.getVersion(), ProductView.of(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(ProductInput.class)
    @ApiAnswer(value = ProductView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(FunnelModule.ADMIN);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "product");
        Long expected = in.expectedVersion(ifMatch);
        Product updated = persistence.write(ctx -> {
            Product p = require(ctx, id);
            p.requireVersion(expected);
            apply(ctx, in, p, false);
            return p;
        });
        return Records.ok(updated.getVersion(), ProductView.of(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(FunnelModule.ADMIN);
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            Product p = require(ctx, id);
            if (expected != null) {
                p.requireVersion(expected);
            }
            long lines = ObjectSelect.query(DealLine.class).where(DealLine.PRODUCT_ID.eq(id)).selectCount(ctx);
            if (lines > 0) {
                throw Problems.conflict("The product '" + p.getName() + "' is on " + lines + (lines == 1 ? " line" : " lines")
                        + " of deals; make it inactive instead.");
            }
            ctx.deleteObject(p);
            return null;
        });
        return Response.noContent().build();
    }

    private static void apply(ObjectContext ctx, FieldReader in, Product p, boolean creating) {
        String sku = in.text("sku", 64);
        if (sku == null && (creating || in.has("sku"))) {
            in.required("sku");
        }
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        Boolean active = in.flag("active");
        var prices = Prices.read(in, "prices");
        if (sku != null && !Product.skuKey(sku).equals(p.getSku() == null ? null : Product.skuKey(p.getSku()))) {
            Product taken = bySku(ctx, sku);
            if (taken != null && taken != p) {
                in.error("sku", "is the SKU of '" + taken.getName() + "' already");
            }
        }
        in.requireValid();
        if (sku != null) {
            p.setSku(sku);
        }
        if (name != null) {
            p.setName(name);
        }
        if (active != null || creating) {
            p.setActive(active == null || active);
        }
        if (in.has("prices") || creating) {
            p.setPricesJson(Prices.write(prices));
        }
    }

    /** The product of a SKU (ignoring case), or null. */
    static Product bySku(ObjectContext ctx, String sku) {
        return ObjectSelect.query(Product.class).where(Product.SKU_KEY.eq(Product.skuKey(sku))).selectOne(ctx);
    }

    private static Product require(ObjectContext ctx, String id) {
        Product p = RecordIds.isWellFormed(id) ? ObjectSelect.query(Product.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (p == null) {
            throw Problems.notFound("product", id);
        }
        return p;
    }
}
