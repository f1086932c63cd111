package org.mosaiccrm.platform.security.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaiccrm.platform.api.monitoring.MetricsSource;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The permissions administrators may grant: the platform's own ({@link #PLATFORM}, always there)
 * and those the enabled modules define, as their descriptors come and go.
 */
@Component(service = PermissionRegistry.class)
public class PermissionRegistry {

    /** The module name the platform's own permissions are listed under. */
    static final String PLATFORM_MODULE = "platform";

    /** What the platform itself lets roles do beyond administration (administrators have all of it). */
    static final List<PermissionDefinition> PLATFORM = List.of(
            new PermissionDefinition(MetricsSource.PERMISSION, "Read the server's metrics (GET /api/v1/metrics) with a monitoring system's API token"));

    private final Map<String, ModuleDescriptor> modules = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addModule(ModuleDescriptor module) {
        modules.put(module.id(), module);
    }

    void removeModule(ModuleDescriptor module) {
        modules.remove(module.id(), module);
    }

    /** Permission id → its definition and module, sorted by id. */
    Map<String, Defined> permissions() {
        Map<String, Defined> all = new TreeMap<>();
        for (ModuleDescriptor m : modules.values()) {
            for (PermissionDefinition p : m.permissions()) {
                all.put(p.id(), new Defined(p.id(), p.description(), m.id()));
            }
        }
        // Last, so that no module can redefine what a platform permission means.
        for (PermissionDefinition p : PLATFORM) {
            all.put(p.id(), new Defined(p.id(), p.description(), PLATFORM_MODULE));
        }
        return all;
    }

    record Defined(String id, String description, String module) {
    }
}
