package org.mosaiccrm.platform.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.util.Set;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The web shell at {@code /}: the page for every client-side route, the shell's own files, the
 * embedded lit-html, and the files of UI contributions and themes, each read from the bundle
 * that registered it. It answers everything but {@code /api/} (which it passes on to the JAX-RS
 * whiteboard), with a Content-Security-Policy that allows scripts, styles and images from this
 * origin only, no framing, and (through Trusted Types) no HTML assembled from strings. It is a
 * filter rather than a servlet because the JAX-RS whiteboard's default application claims
 * {@code /*} of the same servlet context.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName("mosaic-shell")
@HttpWhiteboardFilterPattern("/*")
public class ShellFilter implements Filter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'; trusted-types lit-html";

    /** The lit-html files the shell serves; the unsafe-* directives are not among them. */
    private static final Set<String> LIT_FILES = Set.of("lit-html.js", "directive.js", "directive-helpers.js", "async-directive.js",
            "directives/repeat.js", "directives/live.js", "directives/ref.js", "directives/class-map.js",
            "directives/if-defined.js", "directives/keyed.js");

    @Reference
    private UiRegistry registry;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = path(request);
        if (path.startsWith("/api/") || path.equals("/api")) {
            chain.doFilter(req, res);
            return;
        }
        securityHeaders(response);
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        if (path.startsWith("/ui/")) {
            serveFile(request, response, path);
        } else if (path.equals("/portal") || path.startsWith("/portal/")) {
            // The customer portal has a host page of its own: customers never load the staff shell.
            serve(request, response, registry.shellBundle(), BundleFiles.find(registry.shellBundle(), UiRegistry.SHELL_FOLDER, "portal.html"),
                    "text/html; charset=utf-8");
        } else {
            // Every other path is a client-side route: the shell page decides what it shows.
            serve(request, response, registry.shellBundle(), BundleFiles.find(registry.shellBundle(), UiRegistry.SHELL_FOLDER, "index.html"),
                    "text/html; charset=utf-8");
        }
    }

    private void serveFile(HttpServletRequest request, HttpServletResponse response, String path) throws IOException {
        Bundle bundle = null;
        URL url = null;
        String file = null;
        if (path.startsWith(ShellPaths.SHELL)) {
            file = path.substring(ShellPaths.SHELL.length());
            bundle = registry.shellBundle();
            url = BundleFiles.find(bundle, UiRegistry.SHELL_FOLDER, file);
        } else if (path.startsWith(ShellPaths.LIT_HTML)) {
            file = path.substring(ShellPaths.LIT_HTML.length());
            bundle = registry.shellBundle();
            if (LIT_FILES.contains(file)) {
                String version = bundle.getHeaders().get("Mosaic-Lit-Html-Version");
                url = BundleFiles.find(bundle, "META-INF/resources/webjars/lit-html/" + version, file);
            }
        } else if (path.startsWith(ShellPaths.MODULES) || path.startsWith(ShellPaths.THEMES)) {
            boolean module = path.startsWith(ShellPaths.MODULES);
            String rest = path.substring((module ? ShellPaths.MODULES : ShellPaths.THEMES).length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String id = rest.substring(0, slash);
                file = rest.substring(slash + 1);
                if (module) {
                    var page = registry.page(id);
                    if (page.isPresent()) {
                        bundle = page.get().bundle();
                        url = BundleFiles.find(bundle, page.get().contribution().resourceFolder(), file);
                    }
                } else {
                    var theme = registry.theme(id);
                    if (theme.isPresent()) {
                        bundle = theme.get().bundle();
                        url = BundleFiles.find(bundle, theme.get().theme().resourceFolder(), file);
                    }
                }
            }
        }
        String type = file == null ? null : BundleFiles.contentType(file);
        if (url == null || type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        serve(request, response, bundle, url, type);
    }

    private static void serve(HttpServletRequest request, HttpServletResponse response, Bundle bundle, URL url, String type)
            throws IOException {
        if (url == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        // Revalidated on every use, so that a module's new version shows at once; 304 when unchanged.
        String etag = "\"" + Long.toHexString(bundle.getBundleId()) + "-" + Long.toHexString(bundle.getLastModified()) + "-"
                + Integer.toHexString(url.getPath().hashCode()) + "\"";
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body;
        try (InputStream in = url.openStream()) {
            body = in.readAllBytes();
        } catch (IOException | IllegalStateException gone) {
            // the bundle stopped between lookup and read (a module switched off)
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(type);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(body);
            }
        }
    }

    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }
}
