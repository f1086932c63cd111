package org.mosaiccrm.platform.security.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/v1/permissions}: what the enabled modules let administrators grant. */
@Component(service = PermissionsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("permissions")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionsResource {

    public record PermissionView(String id, String description, String module) {
    }

    @Reference
    private AccessControlImpl access;

    @Reference
    private PermissionRegistry registry;

    @GET
    public ListPage<PermissionView> list() {
        access.requireAdmin();
        List<PermissionView> items = registry.permissions().values().stream()
                .map(d -> new PermissionView(d.id(), d.description(), d.module())).toList();
        return new ListPage<>(items, null, items.size());
    }
}
