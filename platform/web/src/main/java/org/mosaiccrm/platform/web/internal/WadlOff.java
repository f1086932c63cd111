package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Turns off CXF's WADL. CXF answers any API address with {@code ?_wadl} by describing the
 * application in WADL, from a filter it puts before all of ours (so before sign-in); it has no
 * switch for that. This servlet filter takes the {@code _wadl} parameter out of the query before
 * CXF reads it, so such a request is an ordinary one: 401 without sign-in, 404 where there is
 * nothing. {@code /api/v1/openapi.json} describes the API. The JAX-RS whiteboard serves each
 * application from a servlet context of its own (at the application's base), so the filter
 * joins every context; elsewhere (the shell) a {@code _wadl} parameter means nothing anyway.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("mosaic-wadl-off")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)")
public class WadlOff implements Filter {

    static final String WADL = "_wadl";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest http && http.getQueryString() != null) {
            String query = withoutWadl(http.getQueryString());
            if (!query.equals(http.getQueryString())) {
                chain.doFilter(new Without(http, query), res);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** The query without its {@code _wadl} parameters, however their names are percent-encoded. */
    static String withoutWadl(String query) {
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String part : query.split("&", -1)) {
            int eq = part.indexOf('=');
            if (WADL.equals(decode(eq < 0 ? part : part.substring(0, eq)))) {
                removed = true;
            } else {
                kept.add(part);
            }
        }
        return removed ? String.join("&", kept) : query;
    }

    /** Percent-decodes the name (UTF-8), leaving a malformed escape as it is; {@code +} is a blank. */
    private static String decode(String name) {
        if (name.indexOf('%') < 0 && name.indexOf('+') < 0) {
            return name;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int hi = c == '%' && i + 2 < name.length() ? Character.digit(name.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(name.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c == '+' ? ' ' : c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The request as if it had come without {@code _wadl}. */
    private static final class Without extends HttpServletRequestWrapper {

        private final String query;

        Without(HttpServletRequest request, String query) {
            super(request);
            this.query = query;
        }

        @Override
        public String getQueryString() {
            return query.isEmpty() ? null : query;
        }

        @Override
        public String getParameter(String name) {
            return WADL.equals(name) ? null : super.getParameter(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new java.util.LinkedHashMap<>(super.getParameterMap());
            map.remove(WADL);
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return WADL.equals(name) ? null : super.getParameterValues(name);
        }
    }
}
