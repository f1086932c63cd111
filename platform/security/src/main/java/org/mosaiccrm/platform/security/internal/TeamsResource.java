package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.Map;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Context;

import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/v1/teams}: any user may read them (to assign records), administrators change them. */
@Component(service = TeamsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("teams")
@Produces(MediaType.APPLICATION_JSON)
public class TeamsResource {

    public record TeamInput(String name) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @GET
    public ListPage<TeamRecord> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        access.currentUser();
        PageRequest page = PageRequest.parse(limit, cursor);
        return store.persistence().read(ctx -> {
            long total = Sql.count(ctx, "SELECT COUNT(*) FROM SEC_TEAM");
            return new ListPage<>(store.teams(ctx, page.offset(), page.limit()), page.nextCursor(total), total);
        });
    }

    @GET
    @Path("{id}")
    public TeamRecord get(@PathParam("id") String id) {
        access.currentUser();
        TeamRecord team = store.persistence().read(ctx -> store.team(ctx, id));
        if (team == null) {
            throw Problems.notFound("team", id);
        }
        return team;
    }

    @POST
    @ApiAnswer(status = 201, value = TeamRecord.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(TeamInput input, @Context UriInfo uri) {
        UserPrincipal admin = access.requireAdmin();
        String name = validName(input);
        TeamRecord team = store.change(ctx -> {
            String id = store.insertTeam(ctx, name);
            audit.write(ctx, admin.username(), "admin.team.created", "team/" + id, Map.of("name", name), null);
            return store.team(ctx, id);
        });
        return Records.created(uri, team.id(), team.version(), team);
    }

    @PATCH
    @Path("{id}")
    public TeamRecord rename(@PathParam("id") String id, TeamInput input) {
        UserPrincipal admin = access.requireAdmin();
        String name = validName(input);
        return store.change(ctx -> {
            TeamRecord before = store.team(ctx, id);
            if (before == null) {
                throw Problems.notFound("team", id);
            }
            if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_TEAM WHERE NAME_KEY = ? AND ID <> ?", SecurityStore.key(name), id) > 0) {
                throw Problems.conflict("A team named '" + name + "' exists already.");
            }
            Sql.exec(ctx, "UPDATE SEC_TEAM SET NAME = ?, NAME_KEY = ?, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?",
                    name, SecurityStore.key(name), Sql.ts(Sql.now()), id);
            audit.write(ctx, admin.username(), "admin.team.renamed", "team/" + id,
                    Map.of("name", java.util.List.of(before.name(), name)), null);
            return store.team(ctx, id);
        });
    }

    /** A team with members cannot go: their records would have no team. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id) {
        UserPrincipal admin = access.requireAdmin();
        store.change(ctx -> {
            TeamRecord team = store.team(ctx, id);
            if (team == null) {
                throw Problems.notFound("team", id);
            }
            if (team.members() > 0) {
                throw Problems.conflict("The team has " + team.members() + " members; move them to another team first.");
            }
            Sql.exec(ctx, "DELETE FROM SEC_TEAM WHERE ID = ?", id);
            audit.write(ctx, admin.username(), "admin.team.deleted", "team/" + id, Map.of("name", team.name()), null);
            return null;
        });
        return Response.noContent().build();
    }

    private static String validName(TeamInput input) {
        if (input == null || input.name() == null || input.name().isBlank()) {
            throw Problems.invalid("name", "required", "is required");
        }
        if (input.name().strip().length() > 100) {
            throw Problems.invalid("name", "is longer than 100 characters");
        }
        return input.name().strip();
    }
}
