package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Behind a reverse proxy, the client's address, the scheme and the host it asked for come in
 * {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For/-Proto/-Host/-Port}. They are believed
 * only when the request comes straight from an address of {@code MOSAIC_TRUSTED_PROXIES}; then
 * the request is handed on as the client made it, so that everything after this filter — login
 * throttling and the audit log (the address), session cookies' {@code Secure} and the HTTPS
 * redirect of {@link TransportSecurity} (the scheme and host) — sees the client's view. From any
 * other address the headers are ignored: a client cannot choose the address it is counted under.
 * Ranked after {@link RequestMetrics} and before {@link TransportSecurity}.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=2000")
@HttpWhiteboardFilterName("mosaic-forwarded-headers")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)")
public class ForwardedHeaders implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardedHeaders.class);
    /** A host name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private volatile TrustedProxies trusted = TrustedProxies.NONE;

    @Activate
    void activate() {
        try {
            trusted = TrustedProxies.parse(System.getenv("MOSAIC_TRUSTED_PROXIES"));
        } catch (IllegalArgumentException e) {
            // Believing no proxy is the safe reading of a list that cannot be read.
            LOG.error("{}; forwarded headers are ignored from every address", e.getMessage());
        }
    }

    void trust(TrustedProxies proxies) {
        trusted = proxies;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (req instanceof HttpServletRequest http && trusted.trusts(http.getRemoteAddr())) {
            Hop client = client(http, trusted);
            if (client != null) {
                chain.doFilter(new Forwarded(http, client), res);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** What one proxy says about the request it received: from whom, over which scheme, for which host. */
    record Hop(String address, String proto, String host) {
    }

    /**
     * The client's side of the request: walking the hops from the nearest proxy outwards, the
     * first address that is not a trusted proxy (or the farthest one, when all are). Null when
     * the request carries no forwarded header.
     */
    static Hop client(HttpServletRequest http, TrustedProxies trusted) {
        List<Hop> hops = hops(http);
        if (hops.isEmpty()) {
            return null;
        }
        int i = hops.size() - 1;
        while (i > 0 && trusted.trusts(hops.get(i).address())) {
            i--;
        }
        return hops.get(i);
    }

    static List<Hop> hops(HttpServletRequest http) {
        List<String> forwarded = values(http.getHeaders("Forwarded"));
        List<Hop> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String element : forwarded) {
                hops.add(element(element));
            }
            return hops;
        }
        List<String> fors = values(http.getHeaders("X-Forwarded-For"));
        List<String> protos = values(http.getHeaders("X-Forwarded-Proto"));
        List<String> hosts = values(http.getHeaders("X-Forwarded-Host"));
        String port = http.getHeader("X-Forwarded-Port");
        if (fors.isEmpty()) {
            if (protos.isEmpty() && hosts.isEmpty()) {
                return hops;
            }
            // Only the scheme or host forwarded: the nearest proxy speaks for a client it does not name.
            fors = List.of("");
        }
        for (int i = 0; i < fors.size(); i++) {
            String proto = pick(protos, i, fors.size());
            String host = pick(hosts, i, fors.size());
            if (host != null && port != null && port.strip().matches("[0-9]{1,5}") && host.indexOf(':', host.lastIndexOf(']') + 1) < 0) {
                host = host + ":" + port.strip();
            }
            hops.add(new Hop(address(fors.get(i)), proto, host));
        }
        return hops;
    }

    /** The value for hop i: its own when each hop gave one, else the nearest proxy's (the last). */
    private static String pick(List<String> values, int i, int hops) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == hops ? values.get(i) : values.get(values.size() - 1);
    }

    /** One element of a {@code Forwarded} header: {@code for=…;proto=…;host=…}, values plain or quoted. */
    static Hop element(String element) {
        String address = null;
        String proto = null;
        String host = null;
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).strip());
            switch (key) {
                case "for" -> address = address(value);
                case "proto" -> proto = value;
                case "host" -> host = value;
                default -> {
                    // "by" and extensions say nothing about the client.
                }
            }
        }
        return new Hop(address, proto, host);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** The IP address of a node as a header names it (with a port, IPv6 in brackets), or null when it names none. */
    static String address(String node) {
        String n = node.strip();
        if (n.startsWith("[")) {
            int close = n.indexOf(']');
            n = close < 0 ? n : n.substring(1, close);
        } else if (n.indexOf(':') == n.lastIndexOf(':') && n.indexOf(':') > 0) {
            n = n.substring(0, n.indexOf(':'));
        }
        byte[] bytes = TrustedProxies.literal(n);
        if (bytes == null) {
            return null;
        }
        try {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** A header's values, a list split at commas (headers given several times included), blanks dropped. */
    private static List<String> values(Enumeration<String> headers) {
        List<String> values = new ArrayList<>();
        while (headers != null && headers.hasMoreElements()) {
            for (String v : headers.nextElement().split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
        }
        return values;
    }

    /** The request as the client made it, as far as the trusted proxy said. */
    static final class Forwarded extends HttpServletRequestWrapper {
        private final String address;
        private final String scheme;
        private final String serverName;
        private final int serverPort;

        Forwarded(HttpServletRequest request, Hop client) {
            super(request);
            this.address = client.address() != null ? client.address() : request.getRemoteAddr();
            String proto = client.proto() == null ? null : client.proto().toLowerCase(Locale.ROOT);
            this.scheme = "http".equals(proto) || "https".equals(proto) ? proto : request.getScheme();
            String host = client.host() != null && HOST.matcher(client.host()).matches() ? client.host() : null;
            if (host == null) {
                this.serverName = request.getServerName();
                this.serverPort = scheme.equals(request.getScheme()) ? request.getServerPort() : defaultPort(scheme);
            } else {
                int colon = host.lastIndexOf(':');
                boolean hasPort = colon > host.lastIndexOf(']');
                this.serverName = hasPort ? host.substring(0, colon) : host;
                this.serverPort = hasPort ? Integer.parseInt(host.substring(colon + 1)) : defaultPort(scheme);
            }
        }

        private static int defaultPort(String scheme) {
            return "https".equals(scheme) ? 443 : 80;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return "https".equals(scheme);
        }

        @Override
        public String getServerName() {
            return serverName;
        }

        @Override
        public int getServerPort() {
            return serverPort;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(scheme).append("://").append(TransportSecurity.host(serverName));
            if (serverPort != defaultPort(scheme)) {
                url.append(':').append(serverPort);
            }
            return url.append(getRequestURI());
        }
    }
}
