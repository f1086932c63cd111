package org.mosaiccrm.platform.web.internal;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.monitoring.HealthCheck;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
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
 * {@code GET /api/v1/health}, without authentication, for load balancers and operators: the
 * database, the scheduler's jobs and what the running bundles' {@link HealthCheck}s report (the
 * search index). 503 when the database does not answer — this node cannot serve anything then —
 * with the same body saying so; {@code DEGRADED} (still 200) when another part is down. Counts
 * and states only: nothing in it helps an anonymous caller beyond knowing the server's health.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

    /** {@code database}: the kind of database, kept from the first version of this answer. */
    public record Health(String status, String version, String database, long uptimeSeconds, Map<String, Part> components) {
    }

    public record Part(String status, Map<String, Object> details) {
    }

    /** The jobs part is the platform's own: without the scheduler reporting, it is down. */
    static final String JOBS = "jobs";

    @Reference
    private Persistence persistence;

    private final Map<String, HealthCheck> checks = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(HealthCheck check) {
        checks.put(check.component(), check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check.component(), check);
    }

    private String version;

    /**
     * The last report and when it was made ({@link System#nanoTime}). Probes arriving within
     * {@link #CHECK_INTERVAL_NANOS} of it share it, so that a load balancer polling often, or
     * many of them, cost the database one round of checks a second, not one each.
     */
    private record Report(Health health, boolean databaseUp, long at) {
    }

    private static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private volatile Report last;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        // The console line operators and scripts wait for (bin/mosaic says it will come).
        String port = System.getProperty("mosaic.http.port", System.getProperty("org.osgi.service.http.port", "8181"));
        System.out.println("Mosaic " + version + " is up: http://localhost:" + port + MosaicApi.BASE_PATH
                + "  (database: " + persistence.databaseKind().label() + ")");
    }

    @GET
    @ApiAnswer(value = Health.class)
    public Response health() {
        long now = System.nanoTime();
        Report report = last;
        if (report == null || now - report.at() > CHECK_INTERVAL_NANOS) {
            report = check(now);
            last = report;
        }
        return Response.status(report.databaseUp() ? 200 : 503).entity(report.health()).build();
    }

    private Report check(long now) {
        Map<String, Part> parts = new LinkedHashMap<>();
        String kind = persistence.databaseKind().label();
        boolean databaseUp = persistence.isAvailable();
        parts.put("database", new Part(databaseUp ? "UP" : "DOWN", Map.of("kind", kind)));
        Map<String, Part> others = new TreeMap<>();
        // The other parts read the database too; with it down they could only fail slowly.
        if (databaseUp) {
            checks.forEach((name, check) -> others.put(name, run(check)));
            others.putIfAbsent(JOBS, new Part("DOWN", Map.of("scheduler", "stopped")));
        }
        parts.putAll(others);
        boolean allUp = parts.values().stream().allMatch(c -> "UP".equals(c.status()));
        String status = !databaseUp ? "DOWN" : allUp ? "UP" : "DEGRADED";
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        return new Report(new Health(status, version, kind, uptime, parts), databaseUp, now);
    }

    private static Part run(HealthCheck check) {
        try {
            HealthCheck.Status s = check.check();
            return new Part(s.up() ? "UP" : "DOWN", new TreeMap<>(s.details()));
        } catch (RuntimeException e) {
            // The message may name hosts or paths: the log has it, the anonymous answer does not.
            LOG.warn("Health check of '{}' failed", check.component(), e);
            return new Part("DOWN", Map.of());
        }
    }
}
