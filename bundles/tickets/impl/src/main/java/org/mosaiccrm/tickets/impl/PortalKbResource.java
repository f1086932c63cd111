package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.i18n.Languages;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.search.api.SharedSearch;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/portal/kb}: the knowledge base as customers see it — published public articles
 * only, never drafts or internal ones. {@code ?q=} searches through the search module (the same
 * index staff search, narrowed to published public articles; each hit checked again against the
 * article as stored, so an article unpublished a moment ago is never shown); without {@code q},
 * the newest articles, optionally of one language or category.
 */
@Component(service = PortalKbResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("portal/kb")
@Produces(MediaType.APPLICATION_JSON)
public class PortalKbResource {

    static final int MAX_QUERY = 200;
    static final int DEFAULT_LIMIT = 20;

    public record PortalArticleView(String id, String title, String body, String category, String language, String snippet,
            Instant updatedAt) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private PortalCustomers customers;

    /** Search is a module of its own; without it the portal lists articles but cannot search them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SharedSearch search;

    @GET
    public ListPage<PortalArticleView> list(@QueryParam("q") String q, @QueryParam("language") String language,
            @QueryParam("category") String category, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("page") Integer pageNumber) {
        customers.current();
        if (language != null && !Languages.isSupported(language)) {
            throw Problems.invalid("language", "must be one of " + Languages.SUPPORTED);
        }
        if (q == null || q.isBlank()) {
            Expression where = forCustomers().andExp(language == null ? KbArticle.LANGUAGE.isNotNull() : KbArticle.LANGUAGE.eq(language));
            if (category != null) {
                where = where.andExp(KbArticle.CATEGORY.eq(category));
            }
            Expression filter = where;
            return persistence.read(ctx -> RecordLists.page(persistence, ctx, KbArticle.class, List.of(), filter,
                    KbArticlesResource.SORTS.parse(null), PageRequest.parse(limit, cursor, pageNumber), a -> view(a, null)));
        }
        if (q.length() > MAX_QUERY) {
            throw Problems.invalid("q", "tooLong", "must be at most " + MAX_QUERY + " characters", "max", MAX_QUERY);
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > 100) {
            throw Problems.invalid("limit", "notInRange", "must be between 1 and 100", "min", 1, "max", 100);
        }
        SharedSearch searcher = search;
        if (searcher == null) {
            throw Problems.of(503, "search-unavailable", "Search is not available", "The knowledge base cannot be searched now.");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", KbArticle.PUBLISHED);
        fields.put("audience", KbSearch.PUBLIC);
        if (language != null) {
            fields.put("language", language);
        }
        if (category != null) {
            fields.put("category", category);
        }
        List<SharedSearch.Hit> hits = searcher.search(KbSearch.TYPE, q, fields, n);
        if (hits.isEmpty()) {
            return new ListPage<>(List.of(), null, 0);
        }
        Map<String, KbArticle> stored = persistence.read(ctx -> ObjectSelect.query(KbArticle.class)
                .where(MosaicRecord.ID.in(hits.stream().map(SharedSearch.Hit::id).toList()).andExp(forCustomers())).select(ctx))
                .stream().collect(Collectors.toMap(KbArticle::getId, Function.identity()));
        List<PortalArticleView> items = hits.stream().filter(h -> stored.containsKey(h.id())).map(h -> view(stored.get(h.id()), h.snippet()))
                .toList();
        return new ListPage<>(items, null, items.size());
    }

    @GET
    @Path("{id}")
    public PortalArticleView get(@PathParam("id") String id) {
        customers.current();
        KbArticle a = persistence.read(ctx -> KbArticlesResource.find(ctx, id));
        if (!a.isForCustomers()) {
            throw Problems.notFound("article", id);
        }
        return view(a, null);
    }

    /**
     * The article's body alone as an HTML document, for the portal page to show (it reads it as an
     * inert document: the page's Trusted Types policy allows no HTML from strings). The body was
     * sanitised when it was written, and the API's own Content-Security-Policy ({@code default-src 'none'}) runs nothing besides.
     */
    @GET
    @Path("{id}/body")
    @Produces(MediaType.TEXT_HTML)
    @ApiAnswer(value = String.class, type = MediaType.TEXT_HTML)
    public javax.ws.rs.core.Response body(@PathParam("id") String id) {
        PortalArticleView a = get(id);
        return javax.ws.rs.core.Response.ok("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>" + a.body() + "</body></html>")
                .type("text/html; charset=utf-8").build();
    }

    /** Published and not internal: what customers may ever read. */
    private static Expression forCustomers() {
        return KbArticle.STATUS.eq(KbArticle.PUBLISHED).andExp(KbArticle.INTERNAL.isFalse());
    }

    private static PortalArticleView view(KbArticle a, String snippet) {
        return new PortalArticleView(a.getId(), a.getTitle(), a.getBody(), a.getCategory(), a.getLanguage(), snippet,
                a.getUpdatedAt().toInstant(ZoneOffset.UTC));
    }
}
