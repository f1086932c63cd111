package org.mosaiccrm.platform.web.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/metrics} in the Prometheus text format 0.0.4, for users and API tokens
 * whose role has {@value MetricsSource#PERMISSION}: the HTTP requests and the JVM, measured here,
 * and whatever the running bundles' {@link MetricsSource}s add (the database pool, jobs, the
 * search index, the mail outbox). A source that fails is left out of the answer and logged,
 * never the whole scrape.
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("metrics")
public class MetricsResource {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsResource.class);

    @Reference
    private AccessControl access;

    @Reference
    private RequestMetrics requests;

    private final Map<ServiceReference<MetricsSource>, MetricsSource> sources = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MetricsSource source, ServiceReference<MetricsSource> reference) {
        sources.put(reference, source);
    }

    void removeSource(ServiceReference<MetricsSource> reference) {
        sources.remove(reference);
    }

    @GET
    @Produces(TextExposition.CONTENT_TYPE)
    @ApiAnswer(value = String.class, type = TextExposition.CONTENT_TYPE)
    public Response metrics() {
        access.requirePermission(MetricsSource.PERMISSION);
        TextExposition own = new TextExposition();
        requests.write(own);
        JvmMetrics.write(own);
        StringBuilder body = new StringBuilder(own.text());
        Set<String> written = new HashSet<>(own.names());
        // In service order (ranking, then id), so that the answer reads the same from scrape to scrape.
        for (Map.Entry<ServiceReference<MetricsSource>, MetricsSource> e : new java.util.TreeMap<>(sources).entrySet()) {
            TextExposition part = new TextExposition();
            try {
                e.getValue().collect(part);
            } catch (RuntimeException failure) {
                LOG.warn("Metrics of {} left out: {}", e.getValue().getClass().getName(), failure.toString());
                continue;
            }
            if (part.names().stream().anyMatch(written::contains)) {
                LOG.warn("Metrics of {} left out: they repeat a name written before", e.getValue().getClass().getName());
                continue;
            }
            written.addAll(part.names());
            body.append(part.text());
        }
        return Response.ok(body.toString(), TextExposition.CONTENT_TYPE).build();
    }
}
