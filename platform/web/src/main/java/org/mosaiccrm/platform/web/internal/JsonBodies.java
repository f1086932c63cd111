package org.mosaiccrm.platform.web.internal;

import java.lang.reflect.Method;

import javax.ws.rs.Consumes;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * An endpoint that does not say what it consumes takes JSON, and only JSON: a form or multipart
 * body sent to it is refused with 415. Without this, CXF's multipart reader would turn a
 * {@code multipart/form-data} body into the {@code Map} such an endpoint reads, and the answer
 * would be a puzzling field error instead of "send JSON". Endpoints that take files (CSV imports,
 * module archives) declare {@link Consumes} and are left alone.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
public class JsonBodies implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !request.hasEntity() || isJson(type)) {
            return;
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(Consumes.class) || method.getDeclaringClass().isAnnotationPresent(Consumes.class)) {
            return;
        }
        throw Problems.of(415, "unsupported-media-type", "Unsupported Media Type",
                "This address takes a JSON body (Content-Type: application/json), not " + type.getType() + "/" + type.getSubtype() + ".");
    }

    static boolean isJson(MediaType type) {
        return "application".equals(type.getType()) && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }
}
