package org.mosaiccrm.platform.web.internal;

import java.lang.management.ManagementFactory;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/v1/health}, without authentication, for load balancers and operators. */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    public record Health(String status, String version, String database, long uptimeSeconds) {
    }

    @Reference
    private Persistence persistence;

    private String version;

    /**
     * The last database check and when it ran ({@link System#nanoTime}). Probes arriving within
     * {@link #CHECK_INTERVAL_NANOS} of it share its answer, so that a load balancer polling
     * often, or many of them, cost the database one statement a second, not one each.
     */
    private record Check(boolean up, long at) {
    }

    private static final long CHECK_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private volatile Check last;

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
        boolean up = databaseUp();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        Health health = new Health(up ? "UP" : "DOWN", version, persistence.databaseKind().label(), uptime);
        return Response.status(up ? 200 : 503).entity(health).build();
    }

    /** Whether the database answered a statement within the last second. */
    private boolean databaseUp() {
        long now = System.nanoTime();
        Check check = last;
        if (check == null || now - check.at() > CHECK_INTERVAL_NANOS) {
            check = new Check(persistence.isAvailable(), now);
            last = check;
        }
        return check.up();
    }
}
