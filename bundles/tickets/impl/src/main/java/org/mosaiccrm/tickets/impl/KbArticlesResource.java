package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
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
import org.mosaiccrm.platform.api.i18n.Languages;
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
 * {@code /api/v1/kb/articles}: the knowledge base, for the desk. Everyone who may read tickets
 * reads every article (drafts and internal ones included: articles are the desk's, not a
 * team's); {@code kb.write} writes, publishes and deletes them. The body is HTML, sanitised on
 * the way in. Staff find articles through the global search ({@link KbSearch}); customers find
 * published public ones in the portal.
 */
@Component(service = KbArticlesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("kb/articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KbArticlesResource {

    static final Set<String> FIELDS = Set.of("title", "body", "category", "language", "status", "internal");
    static final Set<String> PATCHABLE = Set.of("title", "body", "category", "language", "status", "internal", "version");
    static final int BODY_MAX = 30_000;

    /** Newest change first; or by title. */
    static final Sorts SORTS = Sorts.of("-updatedAt", SortKey.of("updatedAt", MosaicRecord.UPDATED_AT), SortKey.of("title", KbArticle.TITLE));

    public record ArticleView(String id, long version, String title, String body, String category, String language, String status,
            boolean internal, String ownerId, String teamId, Instant createdAt, Instant updatedAt) {

        static ArticleView of(KbArticle a) {
            return new ArticleView(a.getId(), a.getVersion(), a.getTitle(), a.getBody(), a.getCategory(), a.getLanguage(), a.getStatus(),
                    Boolean.TRUE.equals(a.isInternal()), a.getOwnerId(), a.getTeamId(), a.getCreatedAt().toInstant(ZoneOffset.UTC),
                    a.getUpdatedAt().toInstant(ZoneOffset.UTC));
        }
    }

    /** For the OpenAPI document; the body is read as a Map. */
    public record ArticleInput(String title, String body, String category, String language, String status, Boolean internal,
            Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** A page of articles, filtered by status, language or category. */
    @GET
    public ListPage<ArticleView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("page") Integer pageNumber, @QueryParam("sort") String sort, @QueryParam("status") String status,
            @QueryParam("language") String language, @QueryParam("category") String category) {
        access.requirePermission(TicketsModule.READ);
        PageRequest page = PageRequest.parse(limit, cursor, pageNumber);
        if (status != null && !Set.of(KbArticle.DRAFT, KbArticle.PUBLISHED).contains(status)) {
            throw Problems.invalid("status", "must be draft or published");
        }
        Expression where = Records.and(status == null ? null : KbArticle.STATUS.eq(status),
                Records.and(language == null ? null : KbArticle.LANGUAGE.eq(language), category == null ? null : KbArticle.CATEGORY.eq(category)));
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, KbArticle.class, java.util.List.of(), where, SORTS.parse(sort), page,
                ArticleView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = ArticleView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.READ);
        ArticleView view = ArticleView.of(persistence.read(ctx -> find(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(ArticleInput.class)
    @ApiAnswer(status = 201, value = ArticleView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.KB_WRITE);
        FieldReader in = FieldReader.of(body, FIELDS, "article");
        ArticleView created = ArticleView.of(Records.create(persistence, access, user, KbArticle.class, in, (ctx, a) -> apply(in, a, true)));
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(ArticleInput.class)
    @ApiAnswer(value = ArticleView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(TicketsModule.KB_WRITE);
        FieldReader in = FieldReader.of(body, PATCHABLE, "article");
        Long expected = in.expectedVersion(ifMatch);
        ArticleView updated = ArticleView.of(persistence.write(ctx -> {
            KbArticle a = find(ctx, id);
            a.requireVersion(expected);
            apply(in, a, false);
            in.requireValid();
            return a;
        }));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(TicketsModule.KB_WRITE);
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            KbArticle a = find(ctx, id);
            if (expected != null) {
                a.requireVersion(expected);
            }
            ctx.deleteObject(a);
            return null;
        });
        return Response.noContent().build();
    }

    static KbArticle find(ObjectContext ctx, String id) {
        KbArticle a = RecordIds.isWellFormed(id) ? ObjectSelect.query(KbArticle.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (a == null) {
            throw Problems.notFound("article", id);
        }
        return a;
    }

    /** The body onto the article; every bad field is named on the reader. */
    private static void apply(FieldReader in, KbArticle a, boolean creating) {
        String title = in.text("title", TicketsResource.SUBJECT_MAX);
        if (title == null && (creating || in.has("title"))) {
            in.required("title");
        } else if (title != null) {
            a.setTitle(title);
        }
        if (creating || in.has("body")) {
            String html = in.verbatim("body", BODY_MAX);
            String clean = KbHtml.sanitize(html);
            if (clean == null || KbHtml.text(clean).isEmpty() && !clean.contains("<img")) {
                in.required("body");
            } else if (clean.length() > BODY_MAX) {
                in.error("body", "tooLong", "is longer than " + BODY_MAX + " characters once made safe", "max", BODY_MAX);
            } else {
                a.setBody(clean);
            }
        }
        if (in.has("category")) {
            a.setCategory(in.text("category", 100));
        }
        if (creating || in.has("language")) {
            String language = in.has("language") ? in.choice("language", Set.copyOf(Languages.SUPPORTED)) : Languages.DEFAULT;
            if (language == null) {
                in.required("language");
            } else {
                a.setLanguage(language);
            }
        }
        if (creating || in.has("status")) {
            String status = in.has("status") ? in.choice("status", Set.of(KbArticle.DRAFT, KbArticle.PUBLISHED)) : KbArticle.DRAFT;
            if (status == null) {
                in.required("status");
            } else {
                a.setStatus(status);
            }
        }
        if (creating || in.has("internal")) {
            Boolean internal = in.has("internal") ? in.flag("internal") : Boolean.FALSE;
            a.setInternal(Boolean.TRUE.equals(internal));
        }
    }
}
