package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.nio.charset.Charset;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Refuses a request body in a character set this server does not know
 * ({@code Content-Type: application/json; charset=foo}) with a 415 problem and the API's
 * security headers. Left to itself Jetty fails on such a body with its own HTML error page,
 * before any JAX-RS filter or exception mapper could answer.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=900")
@HttpWhiteboardFilterName("mosaic-request-charset")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)")
public class RequestCharset implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String charset = charsetOf(req.getContentType());
        if (charset != null && !known(charset) && res instanceof HttpServletResponse http) {
            ServletProblems.write(http, 415, "Unsupported Media Type", "The body's character set is not one this server reads; send UTF-8.");
            return;
        }
        chain.doFilter(req, res);
    }

    /** The {@code charset} parameter of a Content-Type, unquoted, or null. */
    static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String value = p.substring(8).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    static boolean known(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
