package org.mosaiccrm.platform.web.internal;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Path;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Tells {@link RequestMetrics} which route answered a request: the path template of the
 * matched resource method ({@code /api/v1/contacts/people/{id}}), read from its {@code @Path}
 * annotations once per method. Runs after matching and before authentication, so that a
 * refused request counts under its route too.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Priority(Priorities.AUTHENTICATION - 200)
public class RouteTemplates implements ContainerRequestFilter {

    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || servletRequest == null) {
            return;
        }
        Class<?> type = resource.getResourceClass();
        servletRequest.setAttribute(RequestMetrics.ROUTE, templates.computeIfAbsent(method, m -> template(type, m)));
    }

    /** The route of a method: the API's base, the class's path and the method's, variables without their patterns. */
    static String template(Class<?> type, Method method) {
        StringBuilder route = new StringBuilder(MosaicApi.BASE_PATH);
        append(route, type == null ? null : type.getAnnotation(Path.class));
        append(route, method.getAnnotation(Path.class));
        return route.toString();
    }

    private static void append(StringBuilder route, Path path) {
        if (path == null) {
            return;
        }
        for (String segment : withoutPatterns(path.value()).split("/")) {
            if (!segment.isEmpty()) {
                route.append('/').append(segment);
            }
        }
    }

    /** {@code {id: [0-9]+}} becomes {@code {id}}. */
    static String withoutPatterns(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean skipping = false;
        for (char c : template.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    skipping = false;
                    out.append(c);
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    skipping = false;
                    out.append(c);
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping) {
                out.append(depth >= 1 && Character.isWhitespace(c) ? "" : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
