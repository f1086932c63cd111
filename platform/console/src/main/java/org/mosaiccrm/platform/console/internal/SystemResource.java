package org.mosaiccrm.platform.console.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/system}, administrators only: what the health page of the console shows
 * beyond the public health answer (memory, Java, processors, bundles).
 */
@Component(service = SystemResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("system")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    public record Memory(long usedBytes, long committedBytes, long maxBytes) {
    }

    public record SystemInfo(String status, String version, String database, Instant startedAt, long uptimeSeconds,
            Memory heap, String javaVersion, int processors, int bundles) {
    }

    @Reference
    private AccessControl access;

    @Reference
    private Persistence persistence;

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    @GET
    public SystemInfo get() {
        access.requireAdmin();
        var runtime = ManagementFactory.getRuntimeMXBean();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new SystemInfo(persistence.isAvailable() ? "UP" : "DOWN", context.getBundle().getVersion().toString(),
                persistence.databaseKind().label(), Instant.ofEpochMilli(runtime.getStartTime()), runtime.getUptime() / 1000,
                new Memory(heap.getUsed(), heap.getCommitted(), heap.getMax()), Runtime.version().toString(),
                Runtime.getRuntime().availableProcessors(), context.getBundles().length);
    }
}
