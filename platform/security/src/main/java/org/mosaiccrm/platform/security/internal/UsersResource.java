package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Context;

import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/users}: administrators only, except {@code /users/assignable}, which any user
 * reads to choose an owner or an assignee. Disabling a user ends their sessions and tokens at once.
 */
@Component(service = UsersResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    public record NewUser(String username, String email, String password, List<String> roles, String teamId) {
    }

    /** The fields of {@link #PATCHABLE} for the OpenAPI document, which adds version; the body is read as a Map. */
    public record UserChanges(Boolean enabled, String email, List<String> roles, String teamId, String password) {
    }

    /** A user someone may give records or work to: who they are, nothing more (no roles, no state). */
    public record Assignee(String id, String username, String teamId) {
    }

    private static final Set<String> PATCHABLE = Set.of("enabled", "email", "roles", "teamId", "password", "version");
    static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._@-]{2,100}");

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @GET
    public ListPage<UserRecord> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("teamId") String teamId) {
        access.requireAdmin();
        PageRequest page = PageRequest.parse(limit, cursor);
        return store.persistence().read(ctx -> {
            long total = store.userCount(ctx, teamId);
            return new ListPage<>(store.users(ctx, teamId, page.offset(), page.limit()), page.nextCursor(total), total);
        });
    }

    /**
     * The users the current user may make owners of records or assignees of work
     * ({@link AccessControlImpl#canAssignTo}): enabled members of their own team, every enabled
     * user for administrators; {@code q} keeps those whose user name contains it (ignoring case),
     * {@code id} the one with that id (to name a record's current owner).
     */
    @GET
    @Path("assignable")
    public ListPage<Assignee> assignable(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("q") String q, @QueryParam("id") String id) {
        UserPrincipal user = access.currentUser();
        PageRequest page = PageRequest.parse(limit, cursor);
        String teamId = user.isAdmin() ? null : user.teamId();
        SecurityStore.Assignable filter = new SecurityStore.Assignable(teamId, q == null || q.isBlank() ? null : SecurityStore.key(q), id);
        return store.persistence().read(ctx -> {
            long total = store.assignableCount(ctx, filter);
            return new ListPage<>(store.assignable(ctx, filter, page.offset(), page.limit()), page.nextCursor(total), total);
        });
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = UserRecord.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        access.requireAdmin();
        UserRecord user = store.persistence().read(ctx -> store.user(ctx, id));
        if (user == null) {
            throw Problems.notFound("user", id);
        }
        return Response.ok(user).tag(Versions.etag(user.version())).build();
    }

    @POST
    @ApiAnswer(status = 201, value = UserRecord.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(NewUser input, @Context UriInfo uri) {
        UserPrincipal admin = access.requireAdmin();
        if (input == null) {
            throw Problems.badRequest("A JSON object with username, password, roles and teamId is expected.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.username() == null || !USERNAME.matcher(input.username().strip()).matches()) {
            errors.add(new FieldError("username", "must be 2 to 100 letters, digits or . _ @ -"));
        }
        store.policy().check(input.password(), input.username()).ifPresent(r -> errors.add(r.at("password")));
        String email = input.email() == null || input.email().isBlank() ? null : input.email().strip();
        if (email != null && !org.mosaiccrm.platform.api.mail.Mail.isAddress(email)) {
            errors.add(FieldError.of("email", "notAnEmail", "is not a valid email address"));
        }
        if (input.teamId() == null) {
            errors.add(new FieldError("teamId", "is required"));
        }
        if (input.roles() == null || input.roles().isEmpty()) {
            errors.add(new FieldError("roles", "must name at least one role"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        UserRecord created = store.change(ctx -> {
            if (store.team(ctx, input.teamId()) == null) {
                throw Problems.invalid("teamId", "notATeam", "is not a team id");
            }
            List<String> roleIds = store.roleIds(ctx, input.roles());
            String id = store.insertUser(ctx, input.username().strip(), email, input.password(), input.teamId(), roleIds);
            UserRecord user = store.user(ctx, id);
            audit.write(ctx, admin.username(), "admin.user.created", "user/" + id,
                    Map.of("username", user.username(), "roles", user.roles(), "teamId", user.teamId()), null);
            return user;
        });
        return Records.created(uri, created.id(), created.version(), created);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(UserChanges.class)
    @ApiAnswer(value = UserRecord.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal admin = access.requireAdmin();
        FieldReader patch = FieldReader.of(changes, PATCHABLE, "user");
        Long expected = patch.expectedVersion(ifMatch);
        Boolean enabledValue = patch.flag("enabled");
        if (patch.has("enabled") && enabledValue == null) {
            patch.required("enabled");
        }
        String teamValue = patch.text("teamId", 36);
        // An empty address removes it.
        String emailValue = patch.text("email", 254);
        if (emailValue != null && !org.mosaiccrm.platform.api.mail.Mail.isAddress(emailValue)) {
            patch.error(FieldError.of("email", "notAnEmail", "is not a valid email address"));
        }
        List<String> roleNames = patch.texts("roles");
        // A password is taken exactly as typed: never trimmed.
        String passwordValue = patch.verbatim("password", 1024);
        if (patch.has("password") && passwordValue == null) {
            patch.required("password");
        }
        patch.requireValid();
        UserRecord updated = store.change(ctx -> {
            UserRecord before = store.user(ctx, id);
            if (before == null) {
                throw Problems.notFound("user", id);
            }
            if (expected != null && expected != before.version()) {
                throw Problems.staleVersion(before.version());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            boolean endSessions = false;
            if (patch.has("enabled")) {
                boolean enabled = enabledValue;
                if (!enabled && id.equals(admin.id())) {
                    throw Problems.conflict("You cannot disable your own account.");
                }
                if (enabled && before.invitation() != null) {
                    throw Problems.conflict("The user " + before.username() + " has not accepted the invitation yet: the account is"
                            + " enabled when they do. Send the invitation again, or revoke it.");
                }
                Sql.exec(ctx, "UPDATE SEC_USER SET ENABLED = ? WHERE ID = ?", enabled ? 1 : 0, id);
                detail.put("enabled", List.of(before.enabled(), enabled));
                endSessions |= !enabled;
            }
            if (patch.has("email")) {
                store.setEmail(ctx, id, emailValue);
                detail.put("email", java.util.Arrays.asList(before.email(), emailValue));
            }
            if (patch.has("teamId")) {
                String t = teamValue;
                if (t == null || store.team(ctx, t) == null) {
                    throw Problems.invalid("teamId", "notATeam", "is not a team id");
                }
                Sql.exec(ctx, "UPDATE SEC_USER SET TEAM_ID = ? WHERE ID = ?", t, id);
                detail.put("teamId", List.of(before.teamId(), t));
                endSessions = true;
            }
            if (patch.has("roles")) {
                List<String> names = roleNames;
                if (names.isEmpty()) {
                    throw Problems.invalid("roles", "must name at least one role");
                }
                List<String> roleIds = store.roleIds(ctx, names);
                if (id.equals(admin.id()) && !roleIds.contains(SecurityData.ADMIN_ROLE_ID)) {
                    throw Problems.conflict("You cannot take the admin role from your own account.");
                }
                Sql.exec(ctx, "DELETE FROM SEC_USER_ROLE WHERE USER_ID = ?", id);
                for (String roleId : new java.util.TreeSet<>(roleIds)) {
                    Sql.exec(ctx, "INSERT INTO SEC_USER_ROLE (USER_ID, ROLE_ID) VALUES (?, ?)", id, roleId);
                }
                store.accessChanged(ctx, id);
                detail.put("roles", List.of(before.roles(), names));
            }
            if (patch.has("password")) {
                String password = passwordValue;
                store.policy().check(password, before.username()).ifPresent(r -> {
                    throw Problems.invalid(java.util.List.of(r.at("password")));
                });
                store.setPassword(ctx, id, password);
                detail.put("password", "changed");
                endSessions = true;
            }
            Sql.exec(ctx, "UPDATE SEC_USER SET VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?", Sql.ts(Sql.now()), id);
            if (endSessions) {
                detail.put("sessionsEnded", store.revokeAll(ctx, id, null));
            }
            audit.write(ctx, admin.username(), "admin.user.updated", "user/" + id, detail, null);
            return store.user(ctx, id);
        });
        return Response.ok(updated).tag(Versions.etag(updated.version())).build();
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id) {
        UserPrincipal admin = access.requireAdmin();
        if (id.equals(admin.id())) {
            throw Problems.conflict("You cannot delete your own account.");
        }
        store.change(ctx -> {
            UserRecord user = store.user(ctx, id);
            if (user == null) {
                throw Problems.notFound("user", id);
            }
            store.deleteUser(ctx, id);
            audit.write(ctx, admin.username(), "admin.user.deleted", "user/" + id, Map.of("username", user.username()), null);
            return null;
        });
        return Response.noContent().build();
    }
}
