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
 * with 403 before anything runs. A customer portal session (its own cookie, below
 * {@code /api/v1/portal} only, or its bearer token) is never a staff user: it is set apart on
 * the request ({@link RequestSecurity.Current#portal}) for the portal's endpoints alone.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String COOKIE = "mosaic_session";
    /** The customer portal's session cookie: a name and a path of its own, never the staff cookie. */
    static final String PORTAL_COOKIE = "mosaic_portal";
    static final String PORTAL_COOKIE_PATH = MosaicApi.BASE_PATH + "/portal";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Marks a request a page made by itself, not on the user's action; it leaves the idle timer alone. */
    static final String BACKGROUND_HEADER = "X-Mosaic-Background";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Reference
    private SecurityStore store;

    @Reference
    private PortalStore portal;

    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        RequestSecurity.set(null);
        String address = servletRequest != null ? servletRequest.getRemoteAddr() : "unknown";
        String bearer = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        SessionInfo session = null;
        PortalSession customer = null;
        if (bearer != null) {
            // A bearer token is a staff session or token, or else a portal customer's: never both.
            session = store.resolve(bearer);
            customer = session == null ? portal.resolve(bearer) : null;
        } else {
            Cookie cookie = request.getCookies().get(COOKIE);
            if (cookie != null) {
                session = store.resolve(cookie.getValue());
                if (session != null && !session.isBrowser()) {
                    session = null;
                }
            }
            // The portal's cookie counts below /api/v1/portal only (where the browser sends it anyway).
            Cookie portalCookie = isPortalPath(request) ? request.getCookies().get(PORTAL_COOKIE) : null;
            customer = portalCookie == null ? null : portal.resolve(portalCookie.getValue());
            if (!SAFE_METHODS.contains(request.getMethod()) && (session != null || customer != null)) {
                // A change made with a cookie counts for the session whose CSRF token it carries, and for no other:
                // a browser signed in as staff and as a customer at once changes data as whichever page sent it.
                String sent = request.getHeaderString(CSRF_HEADER);
                session = session != null && matches(sent, session.csrfToken()) ? session : null;
                customer = customer != null && matches(sent, customer.csrfToken()) ? customer : null;
                if (session == null && customer == null) {
                    request.abortWith(Problems.forbidden("csrfMissing",
                            "A request that changes data and signs in with the session cookie must carry the X-CSRF-Token header.")
                            .toResponse());
                    return;
                }
            }
        }
        // Requests a page makes on its own (the shell polling for news) are not the user's
        // activity: they must not keep an unattended browser signed in forever.
        boolean background = "true".equalsIgnoreCase(request.getHeaderString(BACKGROUND_HEADER));
        if (session != null && !background) {
            store.touch(session);
        }
        if (customer != null && !background) {
            portal.touch(customer);
        }
        RequestSecurity.set(new RequestSecurity.Current(session, address, customer));
    }

    private static boolean matches(String sent, String expected) {
        return sent != null && expected != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Below {@code /api/v1/portal/}: the customer portal's endpoints (and the staff ones that manage portal access). */
    private static boolean isPortalPath(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("portal") || p.startsWith("portal/");
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
