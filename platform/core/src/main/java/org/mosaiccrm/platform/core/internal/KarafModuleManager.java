package org.mosaiccrm.platform.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modules are Karaf features: module {@code x} is the feature {@code mosaic-x} of any feature
 * repository the container knows (the platform's own, or one added by a .kar upload). The
 * feature's description is the module's name, its version the module's version, and its
 * nested {@code mosaic-*} features the modules it requires. Enabling installs the feature,
 * disabling uninstalls it. The database keeps each module's state too (MOSAIC_MODULE_STATE): at
 * start, once Karaf has installed its boot features, the features are put back as the database
 * says, because Karaf's own record lives in its bundle cache, which an upgrade clears. After that
 * the node follows the database every {@link #FOLLOW} (a few rows read): a module another node
 * switched on or off is switched here too, without a restart.
 */
@Component(service = ModuleManager.class, immediate = true)
public class KarafModuleManager implements ModuleManager {

    static final String FEATURE_PREFIX = "mosaic-";
    /** Features of the platform itself, never listed as modules. */
    static final String PLATFORM_FEATURE_PREFIX = "mosaic-platform";

    private static final Logger LOG = LoggerFactory.getLogger(KarafModuleManager.class);

    @Reference
    private FeaturesService features;

    @Reference
    private Persistence persistence;

    /** The platform's tables, MOSAIC_MODULE_STATE among them, are migrated. */
    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    /** How often a node looks whether another switched a module. */
    static final java.time.Duration FOLLOW = java.time.Duration.ofSeconds(Long.getLong("mosaic.modules.followSeconds", 5));

    private ModuleStates states;
    /** The database's states this node last acted on: followed again only when they differ. */
    private Map<String, Boolean> followed = Map.of();
    /** Modules the database has on that this installation lacks, warned about once. */
    private final Set<String> missing = new java.util.HashSet<>();
    private Thread restorer;
    /** Open once the start's restore is done: until then the list would show a state about to change. */
    private final java.util.concurrent.CountDownLatch restored = new java.util.concurrent.CountDownLatch(1);

    @Activate
    void activate(BundleContext context) {
        states = new ModuleStates(persistence);
        // Not on SCR's thread: installing features starts bundles whose components SCR activates.
        // Karaf registers BootFinished once its boot features are in: only then is the installed
        // set worth comparing. (Waited for here, not as a DS reference: bnd would make that a
        // resolution requirement, which Karaf's features bundle does not declare it provides.)
        restorer = new Thread(() -> {
            ServiceTracker<BootFinished, BootFinished> boot = new ServiceTracker<>(context, BootFinished.class, null);
            boot.open();
            try {
                if (boot.waitForService(0) != null) {
                    restore();
                }
                restored.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(FOLLOW.toMillis());
                    follow();
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                boot.close();
                restored.countDown();
            }
        }, "mosaic-module-state");
        restorer.setDaemon(true);
        restorer.start();
    }

    @Deactivate
    void deactivate() {
        restorer.interrupt();
    }

    /** The state of Karaf's data folder before Mosaic kept it in the database, copied out by bin/setenv. */
    private static Path legacyState() {
        return Path.of(System.getProperty("karaf.data", "data"), "upgrade", "features-state.json");
    }

    /**
     * Puts each module as the database says; records modules the database has not seen as they
     * are (a new module keeps the state its installation gave it). A database without any state
     * takes it over from the data folder's earlier Karaf state when the upgrade left one.
     */
    synchronized void restore() {
        try {
            knowUnpackedArchives();
            ModuleCatalog catalog = catalog();
            Map<String, Boolean> wanted = new LinkedHashMap<>(states.all());
            Path legacy = legacyState();
            boolean fromLegacy = wanted.isEmpty() && Files.isRegularFile(legacy);
            if (fromLegacy) {
                Set<String> enabled = ModuleStates.enabledInKarafState(legacy);
                catalog.all().forEach(m -> wanted.put(m.id(), enabled.contains(m.id())));
                LOG.info("Module state taken over from this data folder's earlier Karaf state: enabled {}", enabled);
            }
            Map<String, Boolean> record = new LinkedHashMap<>();
            for (ModuleInfo m : catalog.all()) {
                Boolean want = wanted.get(m.id());
                if (want == null || fromLegacy) {
                    record.put(m.id(), want == null ? m.enabled() : want);
                }
            }
            apply(catalog, wanted);
            states.put(record);
            if (fromLegacy) {
                Files.delete(legacy);
            }
            followed = states.all();
        } catch (Exception e) {
            LOG.error("The modules' state could not be restored from the database; Karaf's stands", e);
        }
    }

    /**
     * Makes the features of the module archives Karaf has unpacked (data/kar) known again. An
     * upgrade clears Karaf's bundle cache and with it the feature repositories an archive added,
     * while the unpacked archive, a Maven repository Karaf resolves from, stays in the data folder:
     * without its repository the archive's modules would be missing until the file is dropped
     * again. Known again, they are put as the database has them like every other module.
     */
    private void knowUnpackedArchives() {
        Path storage = Path.of(System.getProperty("karaf.data", "data"), "kar");
        if (!Files.isDirectory(storage)) {
            return;
        }
        try (java.util.stream.Stream<Path> archives = Files.list(storage)) {
            for (Path list : archives.map(a -> a.resolve("features.cfg")).filter(Files::isRegularFile).toList()) {
                for (String line : Files.readAllLines(list)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    java.net.URI uri = java.net.URI.create(line.trim());
                    if (features.getRepository(uri) == null) {
                        features.addRepository(uri);
                        LOG.info("Feature repository {} of the module archive unpacked in {} known again", uri, list.getParent());
                    }
                }
            }
        } catch (Exception e) {
            LOG.error("The module archives unpacked in {} could not all be made known again; drop them into deploy/ again", storage, e);
        }
    }

    /**
     * Switches the modules another node switched since this one last looked: the database's
     * states, when they changed, put on Karaf's features as at start (modules the database does
     * not know are left alone). A failure is logged and tried again at the next look.
     */
    synchronized void follow() {
        try {
            Map<String, Boolean> wanted = states.all();
            if (wanted.equals(followed)) {
                return;
            }
            apply(catalog(), wanted);
            followed = wanted;
        } catch (Exception e) {
            LOG.warn("The modules' state could not be followed from the database; trying again in {} s: {}", FOLLOW.toSeconds(),
                    e.toString());
        }
    }

    /** Installs and uninstalls the features whose modules' wanted state differs from Karaf's. */
    private void apply(ModuleCatalog catalog, Map<String, Boolean> wanted) throws Exception {
        Set<String> install = new LinkedHashSet<>();
        Set<String> uninstall = new LinkedHashSet<>();
        for (ModuleInfo m : catalog.all()) {
            Boolean want = wanted.get(m.id());
            if (want != null && want && !m.enabled()) {
                install.add(FEATURE_PREFIX + m.id());
            } else if (want != null && !want && m.enabled()) {
                uninstall.add(FEATURE_PREFIX + m.id());
            }
        }
        wanted.forEach((id, on) -> {
            if (on && catalog.get(id) == null && missing.add(id)) {
                LOG.warn("Module '{}' is enabled in the database but this installation does not have it;"
                        + " install its module archive (.kar) again to bring it back", id);
            }
        });
        if (!uninstall.isEmpty()) {
            features.uninstallFeatures(uninstall, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        if (!install.isEmpty()) {
            features.installFeatures(install, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        if (!install.isEmpty() || !uninstall.isEmpty()) {
            LOG.info("Modules switched as the database has them: enabled {}, disabled {}", install, uninstall);
        }
    }

    @Override
    public List<ModuleInfo> list() {
        awaitRestore();
        return catalog().all();
    }

    @Override
    public Optional<ModuleInfo> find(String id) {
        awaitRestore();
        return Optional.ofNullable(catalog().get(id));
    }

    /** Waits (a bounded while) for the start's restore, so that nobody is told a state it is about to change. */
    private void awaitRestore() {
        try {
            restored.await(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ModuleInfo enable(String id) {
        // A switch asked for right after the first start waits for the boot features and the
        // start's restore, as the list does: before that, the catalog may not know the module yet.
        awaitRestore();
        return enableNow(id);
    }

    private synchronized ModuleInfo enableNow(String id) {
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
                Map<String, Boolean> enabled = new LinkedHashMap<>();
                toInstall.forEach(f -> enabled.put(f.substring(FEATURE_PREFIX.length()), true));
                states.put(enabled);
                LOG.info("Module '{}' enabled (with {})", id, catalog.requiredClosure(id));
            } catch (Exception e) {
                throw new ModuleException(ModuleException.Reason.INSTALL_FAILED,
                        "Module '" + id + "' could not be enabled: " + e.getMessage(), List.of(id), e);
            }
        }
        return known(catalog(), id);
    }

    @Override
    public ModuleInfo disable(String id) {
        awaitRestore();
        return disableNow(id);
    }

    private synchronized ModuleInfo disableNow(String id) {
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
                states.put(Map.of(id, false));
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
