package org.mosaiccrm.platform.security.internal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Resolves the user of every API request from its bearer token or session cookie. A request
 * without credentials, or with credentials that are forged, expired or revoked, runs as
 * anonymous and meets 401 wherever a user is needed. A state-changing request authenticated
 * by the cookie must carry the session's CSRF token in {@code X-CSRF-Token}, or it is refused
 * with 403 before anything runs.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String COOKIE = "mosaic_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Marks a request a page made by itself, not on the user's action; it leaves the idle timer alone. */
    static final String BACKGROUND_HEADER = "X-Mosaic-Background";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Reference
    private SecurityStore store;

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        RequestSecurity.set(null);
        String address = servletRequest != null ? servletRequest.getRemoteAddr() : "unknown";
        String bearer = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        Cookie cookie = request.getCookies().get(COOKIE);
        SessionInfo session = null;
        if (bearer != null) {
            session = store.resolve(bearer);
        } else if (cookie != null) {
            session = store.resolve(cookie.getValue());
            if (session != null && !session.isBrowser()) {
                session = null;
            }
            if (session != null && !SAFE_METHODS.contains(request.getMethod())) {
                String sent = request.getHeaderString(CSRF_HEADER);
                if (sent == null || session.csrfToken() == null || !MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                    request.abortWith(Problems.forbidden("csrfMissing",
                            "A request that changes data and signs in with the session cookie must carry the X-CSRF-Token header.")
                            .toResponse());
                    return;
                }
            }
        }
        // Requests a page makes on its own (the shell polling for news) are not the user's
        // activity: they must not keep an unattended browser signed in forever.
        if (session != null && !"true".equalsIgnoreCase(request.getHeaderString(BACKGROUND_HEADER))) {
            store.touch(session);
        }
        RequestSecurity.set(new RequestSecurity.Current(session, address));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RequestSecurity.clear();
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
