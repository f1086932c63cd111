package org.mosaiccrm.search.lucene.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/search}: hits across every record type the user may read, with a highlighted
 * snippet, and counts per type; the index's status and a rebuild, for administrators.
 */
@Component(service = SearchResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 200;

    /** A hit; {@code href} is the record's page in the shell when its module has one. */
    public record Item(String type, String id, String title, String snippet, float score, String href) {
    }

    /** {@code types}: the message key of the name of each type among the hits and facets, for pages to say it in their language. */
    public record Answer(List<Item> items, Map<String, Long> facets, long total, Map<String, String> types) {
    }

    @Reference
    private AccessControl access;

    @Reference
    private SearchService search;

    @Context
    private HttpServletResponse response;

    @GET
    public Answer search(@QueryParam("q") String q, @QueryParam("types") String types, @QueryParam("limit") Integer limit)
            throws IOException {
        UserPrincipal user = access.currentUser();
        if (q == null || q.isBlank()) {
            throw Problems.invalid("q", "required", "is required");
        }
        if (q.length() > MAX_QUERY) {
            throw Problems.invalid("q", "tooLong", "must be at most " + MAX_QUERY + " characters", "max", MAX_QUERY);
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw Problems.invalid("limit", "notInRange", "must be between 1 and " + MAX_LIMIT, "min", 1, "max", MAX_LIMIT);
        }
        Set<String> requested = types == null || types.isBlank() ? Set.of()
                : Arrays.stream(types.split(",")).map(String::trim).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        long start = System.nanoTime();
        SearchIndex.Result result = search.search(q, requested, n, user);
        // How long the index took, apart from HTTP, sign-in and JSON: browsers' developer tools
        // show it, and the benchmark reads it to tell the search from the rest of the request.
        response.setHeader("Server-Timing", String.format(Locale.ROOT, "search;dur=%.3f", (System.nanoTime() - start) / 1e6));
        List<Item> items = result.hits().stream().map(h -> new Item(h.type(), h.id(), h.title(), h.snippet(), h.score(),
                search.page(h.type(), h.id()))).toList();
        Set<String> named = new java.util.HashSet<>(result.facets().keySet());
        items.forEach(i -> named.add(i.type()));
        return new Answer(items, result.facets(), result.total(), search.typeKeys(named));
    }

    /** Administrators only: the counts are of every team's records, which a user may not know of. */
    @GET
    @Path("status")
    public SearchStatus status() throws IOException {
        access.requireAdmin();
        return search.status();
    }

    @POST
    @Path("rebuild")
    @ApiAnswer(status = 202, value = SearchStatus.class)
    public Response rebuild() throws IOException {
        access.requireAdmin();
        search.requestRebuild();
        return Response.accepted(search.status()).build();
    }
}
