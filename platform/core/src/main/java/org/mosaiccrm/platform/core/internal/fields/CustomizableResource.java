package org.mosaiccrm.platform.core.internal.fields;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/fields}: which entities of the enabled modules have custom fields, for the
 * console's page: those whose records the user may read, each saying whether the user may change
 * its fields. The fields themselves are at {@code /api/v1/<module>/fields}.
 */
@Component(service = CustomizableResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("fields")
@Produces(MediaType.APPLICATION_JSON)
public class CustomizableResource {

    /** One customizable entity. */
    public record EntityView(String module, String moduleName, String entity, String label, String plural, boolean mayCustomize) {
    }

    /** Every customizable entity the user may read, by module. */
    public record EntityList(List<EntityView> items) {
    }

    @Reference
    private CustomFieldsService fields;

    @Reference
    private AccessControl access;

    @GET
    public EntityList list() {
        UserPrincipal user = access.currentUser();
        return new EntityList(fields.all().stream().filter(d -> user.hasPermission(d.entity().readPermission()))
                .map(d -> new EntityView(d.module(), d.moduleName(), d.entity().entity(), d.entity().label(), d.entity().plural(),
                        user.hasPermission(d.entity().customizePermission())))
                .toList());
    }
}
