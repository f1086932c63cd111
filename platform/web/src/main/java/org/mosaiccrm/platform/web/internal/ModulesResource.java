package org.mosaiccrm.platform.web.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The module catalogue and its switches; listing needs a user, switching an administrator. */
@Component(service = ModulesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
public class ModulesResource {

    public record Module(String id, String name, String version, String description, String state, List<String> requires) {

        static Module of(ModuleInfo m) {
            return new Module(m.id(), m.name(), m.version(), m.description(), m.enabled() ? "enabled" : "disabled", m.requires());
        }
    }

    @Reference
    private ModuleManager modules;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @GET
    public ListPage<Module> list() {
        access.currentUser();
        List<Module> items = modules.list().stream().map(Module::of).toList();
        return new ListPage<>(items, null, items.size());
    }

    @GET
    @Path("{id}")
    public Module get(@PathParam("id") String id) {
        access.currentUser();
        return modules.find(id).map(Module::of).orElseThrow(() -> Problems.notFound("There is no module '" + id + "'."));
    }

    @POST
    @Path("{id}/enable")
    public Module enable(@PathParam("id") String id) {
        access.requireAdmin();
        return switchModule(id, true);
    }

    @POST
    @Path("{id}/disable")
    public Module disable(@PathParam("id") String id) {
        access.requireAdmin();
        return switchModule(id, false);
    }

    private Module switchModule(String id, boolean enable) {
        try {
            Module module = Module.of(enable ? modules.enable(id) : modules.disable(id));
            audit.record(enable ? "admin.module.enabled" : "admin.module.disabled", "module/" + id, java.util.Map.of());
            return module;
        } catch (ModuleException e) {
            audit.record(enable ? "admin.module.enable.refused" : "admin.module.disable.refused", "module/" + id,
                    java.util.Map.of("reason", e.getMessage()));
            throw e.toProblem();
        }
    }
}
