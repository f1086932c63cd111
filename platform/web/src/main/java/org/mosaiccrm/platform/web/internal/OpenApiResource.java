package org.mosaiccrm.platform.web.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/openapi.json}: an OpenAPI 3 document of the endpoints active right now,
 * derived from the JAX-RS annotations of every resource that joined the Mosaic application.
 * A disabled module's endpoints are absent because its resources are.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public class OpenApiResource {

    private BundleContext context;
    private String version;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    public Map<String, Object> document() throws InvalidSyntaxException {
        String filter = "(&(" + JaxrsWhiteboardConstants.JAX_RS_RESOURCE + "=true)("
                + JaxrsWhiteboardConstants.JAX_RS_APPLICATION_SELECT + "=" + MosaicApi.APPLICATION_SELECT.replace("(", "\\(").replace(")", "\\)") + "))";
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, filter);
        List<Class<?>> classes = new ArrayList<>();
        if (refs != null) {
            for (ServiceReference<?> ref : refs) {
                Object service = context.getService(ref);
                if (service != null) {
                    try {
                        classes.add(service.getClass());
                    } finally {
                        context.ungetService(ref);
                    }
                }
            }
        }
        classes.sort(Comparator.comparing(Class::getName));
        return OpenApiDocument.build(version, classes);
    }
}
