package org.mosaiccrm.platform.web.internal;

import java.io.IOException;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

/**
 * Refuses a body whose declared length is over the limit before anything reads it. Bodies
 * without a length (chunked) are cut off by {@link LimitedInputStream} while being read.
 * Resources that take files (imports) stream them and set limits of their own.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestLimits implements ContainerRequestFilter {

    /** JSON bodies of the API are small; 1 MiB is far above any legitimate one. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > MAX_BODY_BYTES && isJson(request)) {
            request.abortWith(Problems.payloadTooLarge(MAX_BODY_BYTES).toResponse());
        }
    }

    private static boolean isJson(ContainerRequestContext request) {
        return request.getMediaType() == null || request.getMediaType().getSubtype().endsWith("json");
    }
}
