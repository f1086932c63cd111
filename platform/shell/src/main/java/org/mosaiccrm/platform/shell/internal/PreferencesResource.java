package org.mosaiccrm.platform.shell.internal;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/v1/preferences}: the signed-in user's own language and theme (null: follow the default). */
@Component(service = PreferencesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("preferences")
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    @Reference
    private ShellStore store;

    @Reference
    private UiRegistry registry;

    @Reference
    private AccessControl access;

    @GET
    public Preferences get() {
        return store.preferences(access.currentUser().id());
    }

    @PUT
    public Preferences update(Preferences input) {
        UserPrincipal user = access.currentUser();
        if (input == null) {
            throw Problems.badRequest("A JSON object with language and theme (each may be null) is expected.");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.language() != null && !Languages.isSupported(input.language())) {
            errors.add(new FieldError("language", "must be null or one of " + Languages.SUPPORTED));
        }
        if (input.theme() != null && registry.theme(input.theme()).isEmpty()) {
            errors.add(new FieldError("theme", "must be null or one of the installed themes"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        store.persistence().write(ctx -> {
            store.savePreferences(ctx, user.id(), input);
            return null;
        });
        return input;
    }
}
