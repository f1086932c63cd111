package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.mosaiccrm.platform.api.rest.Problem;

/**
 * A problem answered by a servlet filter, before JAX-RS (and so its exception mappers and
 * response filters) could: the same body and the same security headers as every API answer.
 */
final class ServletProblems {

    /** The API's JSON settings (JsonMapper), made once: these answers are rare, the mapper is not cheap to make. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = JsonMapper.create();

    private ServletProblems() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        byte[] body = JSON.writeValueAsBytes(new Problem("about:blank", title, status, detail, List.of()));
        response.setStatus(status);
        SecurityHeaders.HEADERS.forEach(response::setHeader);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
