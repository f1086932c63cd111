package org.mosaiccrm.platform.security.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The permissions the enabled modules define, as their descriptors come and go. */
@Component(service = PermissionRegistry.class)
public class PermissionRegistry {

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
        return all;
    }

    record Defined(String id, String description, String module) {
    }
}
