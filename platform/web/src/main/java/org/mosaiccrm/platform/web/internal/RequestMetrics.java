package org.mosaiccrm.platform.web.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Counts every HTTP request by route, method and status, with its latency, for
 * {@code GET /api/v1/metrics}. The route is the template of the API method that answered
 * ({@code /api/v1/contacts/people/{id}}, set by {@link RouteTemplates}), never the path itself:
 * ids in paths would make a series per record. A path of the API no method answered counts as
 * {@value #UNMATCHED}, anything outside the API (pages, scripts, styles) as {@value #WEB}. Ranked
 * first of the whiteboard's filters, so that the time includes what the others do.
 */
@Component(service = {Filter.class, RequestMetrics.class}, property = "service.ranking:Integer=3000")
@HttpWhiteboardFilterName("mosaic-request-metrics")
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)")
public class RequestMetrics implements Filter {

    /** The request attribute holding the answering method's route template. */
    static final String ROUTE = "org.mosaiccrm.route";
    static final String UNMATCHED = "unmatched";
    static final String WEB = "web";
    /** Seconds; Prometheus' usual buckets, from a cached read to a long export. */
    static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /**
     * Routes are as many as the API's methods and statuses a few dozen; this cap only guards
     * against a surprise (a module generating paths), past it new series count under one key.
     */
    static final int MAX_SERIES = 5000;

    record Key(String route, String method, int status) {
    }

    /** One key's observations: per bucket (not cumulative, the last above every bound), their sum. */
    static final class Series {
        final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
        final DoubleAdder sum = new DoubleAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BOUNDS.length && seconds > BOUNDS[i]) {
                i++;
            }
            buckets[i].increment();
            sum.add(seconds);
        }

        long[] counts() {
            long[] counts = new long[buckets.length];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets[i].sum();
            }
            return counts;
        }
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest http) || !(res instanceof HttpServletResponse answer)) {
            chain.doFilter(req, res);
            return;
        }
        long start = System.nanoTime();
        try {
            chain.doFilter(req, res);
        } finally {
            record(route(http), http.getMethod(), answer.getStatus(), (System.nanoTime() - start) / 1e9);
        }
    }

    static String route(HttpServletRequest http) {
        Object template = http.getAttribute(ROUTE);
        if (template instanceof String t) {
            return t;
        }
        String path = http.getRequestURI();
        return path != null && (path.equals(MosaicApi.BASE_PATH) || path.startsWith(MosaicApi.BASE_PATH + "/")) ? UNMATCHED : WEB;
    }

    void record(String route, String method, int status, double seconds) {
        Key key = new Key(route, METHODS.contains(method) ? method : "other", status);
        Series s = series.get(key);
        if (s == null) {
            if (series.size() >= MAX_SERIES) {
                key = new Key("overflow", key.method(), status);
            }
            s = series.computeIfAbsent(key, k -> new Series());
        }
        s.observe(seconds);
    }

    /** One key's observations as read once, so that its counter and histogram agree. */
    private record Snapshot(long[] counts, double sum, long total) {
    }

    void write(TextExposition out) {
        Map<Key, Snapshot> now = new java.util.TreeMap<>(java.util.Comparator.comparing(Key::route)
                .thenComparing(Key::method).thenComparingInt(Key::status));
        series.forEach((k, s) -> {
            long[] counts = s.counts();
            now.put(k, new Snapshot(counts, s.sum.sum(), java.util.Arrays.stream(counts).sum()));
        });
        var requests = out.counter("mosaic_http_requests", "HTTP requests answered, by route template, method and status.");
        now.forEach((k, s) -> requests.sample(s.total(), labels(k)));
        var latency = out.histogram("mosaic_http_request_duration_seconds",
                "Time from a request's arrival to its answer, by route template, method and status.", BOUNDS);
        now.forEach((k, s) -> latency.sample(s.counts(), s.sum(), labels(k)));
    }

    private static String[] labels(Key k) {
        return new String[] {"route", k.route(), "method", k.method(), "status", Integer.toString(k.status())};
    }
}
