package org.mosaiccrm.platform.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.modules.ModuleInfo;

/**
 * The dependency rules between modules, independent of Karaf so that they are unit-tested:
 * which modules an enable pulls in, and which enabled modules block a disable.
 */
public final class ModuleCatalog {

    private final Map<String, ModuleInfo> modules = new LinkedHashMap<>();

    public ModuleCatalog(Collection<ModuleInfo> modules) {
        for (ModuleInfo m : modules) {
            this.modules.put(m.id(), m);
        }
    }

    public List<ModuleInfo> all() {
        return List.copyOf(modules.values());
    }

    public ModuleInfo get(String id) {
        return modules.get(id);
    }

    /** Enabled modules that require {@code id}, directly or through other modules. */
    public List<String> enabledDependents(String id) {
        List<String> dependents = new ArrayList<>();
        for (ModuleInfo m : modules.values()) {
            if (m.enabled() && !m.id().equals(id) && requiredClosure(m.id()).contains(id)) {
                dependents.add(m.id());
            }
        }
        return dependents;
    }

    /** Every module {@code id} needs, transitively, in the order they must be enabled. */
    public Set<String> requiredClosure(String id) {
        Set<String> result = new LinkedHashSet<>();
        collect(id, result, new LinkedHashSet<>());
        result.remove(id);
        return result;
    }

    private void collect(String id, Set<String> result, Set<String> visiting) {
        if (!visiting.add(id)) {
            return;
        }
        ModuleInfo m = modules.get(id);
        if (m != null) {
            for (String r : m.requires()) {
                collect(r, result, visiting);
            }
        }
        result.add(id);
    }
}
