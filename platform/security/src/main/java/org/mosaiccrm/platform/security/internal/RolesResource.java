package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.core.Context;

import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/roles}: administrators grant the permissions that modules define (see
 * {@link PermissionsResource}) to roles. The admin role holds every permission implicitly.
 */
@Component(service = RolesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("roles")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    public record RoleInput(String name, List<String> permissions) {
    }

    private static final Set<String> PATCHABLE = Set.of("name", "permissions");

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @Reference
    private PermissionRegistry registry;

    @GET
    public ListPage<RoleRecord> list() {
        access.requireAdmin();
        List<RoleRecord> roles = store.persistence().read(store::roles);
        return new ListPage<>(roles, null, roles.size());
    }

    @GET
    @Path("{id}")
    public RoleRecord get(@PathParam("id") String id) {
        access.requireAdmin();
        return found(store.persistence().read(ctx -> store.role(ctx, id)), id);
    }

    @POST
    @ApiAnswer(status = 201, value = RoleRecord.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(RoleInput input, @Context UriInfo uri) {
        UserPrincipal admin = access.requireAdmin();
        if (input == null || input.name() == null || input.name().isBlank() || input.name().strip().length() > 100) {
            throw Problems.invalid("name", "is required, at most 100 characters");
        }
        Set<String> permissions = known(input.permissions() == null ? List.of() : input.permissions());
        RoleRecord role = store.change(ctx -> {
            String id = store.insertRole(ctx, input.name().strip());
            store.setPermissions(ctx, id, permissions);
            audit.write(ctx, admin.username(), "admin.role.created", "role/" + id,
                    Map.of("name", input.name().strip(), "permissions", List.copyOf(permissions)), null);
            return store.role(ctx, id);
        });
        return Records.created(uri, role.id(), role.version(), role);
    }

    @PATCH
    @Path("{id}")
    @ApiBody(RoleInput.class)
    public RoleRecord update(@PathParam("id") String id, Map<String, Object> changes) {
        UserPrincipal admin = access.requireAdmin();
        FieldReader patch = FieldReader.of(changes, PATCHABLE, "role");
        List<String> permissionNames = patch.texts("permissions");
        String name = patch.text("name", 100);
        if (patch.has("name") && name == null) {
            patch.required("name");
        }
        patch.requireValid();
        Set<String> permissions = permissionNames != null ? known(permissionNames) : null;
        return store.change(ctx -> {
            RoleRecord before = found(store.role(ctx, id), id);
            String renamed = null;
            if (patch.has("name")) {
                if (before.builtin()) {
                    throw Problems.conflict("The built-in role '" + before.name() + "' cannot be renamed.");
                }
                renamed = name;
                Sql.exec(ctx, "UPDATE SEC_ROLE SET NAME = ?, NAME_KEY = ? WHERE ID = ?", renamed, SecurityStore.key(name), id);
            }
            if (permissions != null) {
                store.setPermissions(ctx, id, permissions);
            }
            if (renamed != null || permissions != null) {
                store.roleChanged(ctx, id);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (renamed != null) {
                detail.put("name", List.of(before.name(), renamed));
            }
            detail.put("permissions", List.of(before.permissions(), permissions == null ? before.permissions() : List.copyOf(permissions)));
            audit.write(ctx, admin.username(), "admin.role.updated", "role/" + id, detail, null);
            return store.role(ctx, id);
        });
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id) {
        UserPrincipal admin = access.requireAdmin();
        store.change(ctx -> {
            RoleRecord role = found(store.role(ctx, id), id);
            if (role.builtin()) {
                throw Problems.conflict("The built-in role '" + role.name() + "' cannot be deleted.");
            }
            long holders = Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER_ROLE WHERE ROLE_ID = ?", id);
            if (holders > 0) {
                throw Problems.conflict(holders + " users hold this role; take it from them first.");
            }
            Sql.exec(ctx, "DELETE FROM SEC_ROLE_PERMISSION WHERE ROLE_ID = ?", id);
            Sql.exec(ctx, "DELETE FROM SEC_ROLE WHERE ID = ?", id);
            audit.write(ctx, admin.username(), "admin.role.deleted", "role/" + id, Map.of("name", role.name()), null);
            return null;
        });
        return Response.noContent().build();
    }

    /** Only permissions an enabled module defines may be granted; a typo is refused, not stored. */
    private Set<String> known(List<String> permissions) {
        Set<String> defined = registry.permissions().keySet();
        List<String> unknown = new ArrayList<>();
        for (String p : permissions) {
            if (!defined.contains(p)) {
                unknown.add(p);
            }
        }
        if (!unknown.isEmpty()) {
            throw Problems.invalid("permissions", "names permissions no enabled module defines: " + unknown);
        }
        return new LinkedHashSet<>(permissions);
    }

    private static RoleRecord found(RoleRecord role, String id) {
        if (role == null) {
            throw Problems.notFound("role", id);
        }
        return role;
    }
}
