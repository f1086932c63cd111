package org.mosaiccrm.platform.core.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modules are Karaf features: module {@code x} is the feature {@code mosaic-x} of any feature
 * repository the container knows (the platform's own, or one added by a .kar upload). The
 * feature's description is the module's name, its version the module's version, and its
 * nested {@code mosaic-*} features the modules it requires. Enabling installs the feature,
 * disabling uninstalls it; Karaf keeps that state across restarts.
 */
@Component(service = ModuleManager.class)
public class KarafModuleManager implements ModuleManager {

    static final String FEATURE_PREFIX = "mosaic-";
    /** Features of the platform itself, never listed as modules. */
    static final String PLATFORM_FEATURE_PREFIX = "mosaic-platform";

    private static final Logger LOG = LoggerFactory.getLogger(KarafModuleManager.class);

    @Reference
    private FeaturesService features;

    @Override
    public List<ModuleInfo> list() {
        return catalog().all();
    }

    @Override
    public Optional<ModuleInfo> find(String id) {
        return Optional.ofNullable(catalog().get(id));
    }

    @Override
    public synchronized ModuleInfo enable(String id) {
        ModuleCatalog catalog = catalog();
        ModuleInfo module = known(catalog, id);
        if (!module.enabled()) {
            try {
                // Required modules are installed as features of their own, so that each shows as
                // enabled and is protected from being disabled under the module that needs it.
                Set<String> toInstall = new LinkedHashSet<>();
                for (String required : catalog.requiredClosure(id)) {
                    ModuleInfo r = catalog.get(required);
                    if (r == null) {
                        throw new IllegalStateException("it requires module '" + required + "', which is not installable here");
                    }
                    if (!r.enabled()) {
                        toInstall.add(FEATURE_PREFIX + required);
                    }
                }
                toInstall.add(FEATURE_PREFIX + id);
                features.installFeatures(toInstall, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                LOG.info("Module '{}' enabled (with {})", id, catalog.requiredClosure(id));
            } catch (Exception e) {
                throw new ModuleException(ModuleException.Reason.INSTALL_FAILED,
                        "Module '" + id + "' could not be enabled: " + e.getMessage(), List.of(id), e);
            }
        }
        return known(catalog(), id);
    }

    @Override
    public synchronized ModuleInfo disable(String id) {
        ModuleCatalog catalog = catalog();
        ModuleInfo module = known(catalog, id);
        if (module.enabled()) {
            List<String> dependents = catalog.enabledDependents(id);
            if (!dependents.isEmpty()) {
                throw new ModuleException(ModuleException.Reason.REQUIRED_BY_ENABLED,
                        "Module '" + id + "' cannot be disabled while " + String.join(", ", dependents)
                                + (dependents.size() == 1 ? " requires it" : " require it") + "; disable "
                                + (dependents.size() == 1 ? "that module" : "those modules") + " first.",
                        dependents, null);
            }
            try {
                features.uninstallFeature(FEATURE_PREFIX + id, module.version(),
                        EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
                LOG.info("Module '{}' disabled; its data stays", id);
            } catch (Exception e) {
                throw new ModuleException(ModuleException.Reason.INSTALL_FAILED,
                        "Module '" + id + "' could not be disabled: " + e.getMessage(), List.of(id), e);
            }
        }
        return known(catalog(), id);
    }

    private static ModuleInfo known(ModuleCatalog catalog, String id) {
        ModuleInfo module = catalog.get(id);
        if (module == null) {
            throw new ModuleException(ModuleException.Reason.UNKNOWN_MODULE, "There is no module '" + id + "'.", List.of(id), null);
        }
        return module;
    }

    private ModuleCatalog catalog() {
        List<ModuleInfo> modules = new ArrayList<>();
        try {
            for (Feature feature : features.listFeatures()) {
                if (!isModule(feature.getName())) {
                    continue;
                }
                List<String> requires = new ArrayList<>();
                for (Dependency dep : feature.getDependencies()) {
                    if (isModule(dep.getName())) {
                        requires.add(dep.getName().substring(FEATURE_PREFIX.length()));
                    }
                }
                String id = feature.getName().substring(FEATURE_PREFIX.length());
                String name = feature.getDescription() != null ? feature.getDescription() : id;
                String description = feature.getDetails() != null ? feature.getDetails().trim() : "";
                modules.add(new ModuleInfo(id, name, feature.getVersion(), description, features.isInstalled(feature), requires));
            }
        } catch (Exception e) {
            throw new IllegalStateException("The feature repositories could not be read", e);
        }
        return new ModuleCatalog(modules);
    }

    static boolean isModule(String featureName) {
        return featureName.startsWith(FEATURE_PREFIX) && !featureName.startsWith(PLATFORM_FEATURE_PREFIX);
    }
}
