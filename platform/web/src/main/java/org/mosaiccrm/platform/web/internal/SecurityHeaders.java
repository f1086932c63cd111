package org.mosaiccrm.platform.web.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MultivaluedMap;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Security headers on every API answer, errors included, and its {@code Date}: formatted once a
 * second here, since CXF otherwise formats one for every answer with a new date formatter.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
public class SecurityHeaders implements ContainerResponseFilter {

    /** IMF-fixdate of RFC 9110: always two digits for the day, English names, GMT. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {
    }

    private volatile Stamp date = new Stamp(-1, "");

    /** The headers of every API answer; also sent by the servlet filters that answer before JAX-RS does (RequestCharset). */
    static final java.util.Map<String, String> HEADERS = java.util.Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    /** The headers an answer may set for itself. */
    private static final java.util.Set<String> OWN_CHOICE = java.util.Set.of("Content-Security-Policy", "X-Frame-Options");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> h = response.getHeaders();
        HEADERS.forEach((name, value) -> {
            // An answer that sets its own policy or framing (api.rest SandboxedDocument: sandboxed,
            // framed by our own pages only; api.files FileDownloads) keeps them; nosniff,
            // Referrer-Policy and no-store are never an answer's choice.
            if (!(OWN_CHOICE.contains(name) && h.containsKey(name))) {
                h.putSingle(name, value);
            }
        });
        h.putSingle("Date", httpDate(System.currentTimeMillis() / 1000));
    }

    String httpDate(long epochSecond) {
        Stamp d = date;
        if (d.second() != epochSecond) {
            d = new Stamp(epochSecond, HTTP_DATE.format(Instant.ofEpochSecond(epochSecond)));
            date = d;
        }
        return d.text();
    }
}
