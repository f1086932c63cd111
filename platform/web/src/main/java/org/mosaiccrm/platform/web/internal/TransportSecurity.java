package org.mosaiccrm.platform.web.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * With HTTPS on ({@code MOSAIC_HTTPS=true}), plain HTTP carries nothing: a page asked for over
 * it is redirected to the same address over HTTPS, any other request (a sign-in, a write) is
 * refused with a problem before it reaches the application, so no password or session cookie
 * travels in the clear and no cookie is ever set without {@code Secure}. Only the health check
 * answers over HTTP, for load balancers and monitors inside the network. Answers over HTTPS
 * carry {@code Strict-Transport-Security}, so browsers stop trying HTTP at all. Ranked first
 * among the whiteboard's filters: the shell's own filter answers its pages without passing them on.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=1000")
@HttpWhiteboardFilterName("mosaic-transport-security")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)")
public class TransportSecurity implements Filter {

    /** One year, the sub-domains not included: the company's other hosts are not ours to decide. */
    static final String HSTS = "max-age=31536000";

    private boolean httpsOnly;
    private int httpsPort;

    @Activate
    void activate() {
        configure("true".equalsIgnoreCase(System.getenv("MOSAIC_HTTPS")), System.getenv("MOSAIC_HTTPS_PORT"));
    }

    void configure(boolean on, String port) {
        httpsOnly = on;
        int p = 8443;
        try {
            p = port == null || port.isBlank() ? 8443 : Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            // Pax Web fails on the same value and says so; the default keeps the redirect sensible meanwhile.
        }
        httpsPort = p;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse answer) || !httpsOnly) {
            chain.doFilter(req, res);
            return;
        }
        if (http.isSecure()) {
            answer.setHeader("Strict-Transport-Security", HSTS);
            chain.doFilter(req, res);
            return;
        }
        String path = http.getRequestURI();
        if (path.equals("/api/v1/health")) {
            chain.doFilter(req, res);
            return;
        }
        String target = "https://" + host(http.getServerName()) + (httpsPort == 443 ? "" : ":" + httpsPort) + path
                + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
        if ("GET".equals(http.getMethod()) || "HEAD".equals(http.getMethod())) {
            SecurityHeaders.HEADERS.forEach(answer::setHeader);
            answer.setStatus(301);
            answer.setHeader("Location", target);
            return;
        }
        ServletProblems.write(answer, 403, "HTTPS required", "This server takes requests over HTTPS only; send this one to " + target + ".");
    }

    /** The host name as a URL holds it: an IPv6 address in brackets. */
    static String host(String name) {
        return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
    }
}
