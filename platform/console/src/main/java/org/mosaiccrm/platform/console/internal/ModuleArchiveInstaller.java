package org.mosaiccrm.platform.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.kar.KarService;
import org.mosaiccrm.platform.api.modules.ModuleException;
import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.mosaiccrm.platform.api.modules.ModuleManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a module archive (.kar) comes in, whether uploaded in the console or dropped into
 * the deploy/ folder. It refuses an archive that does not fit this Mosaic before anything is
 * installed (a Mosaic package imported in versions no bundle exports, named with both
 * versions); it replaces an installed archive that carries the same modules (a newer build)
 * in place, each module keeping its on/off state (a new module arrives enabled unless its
 * feature says {@code install="manual"}); and when Karaf cannot install or start a module it
 * takes the archive out again, so that nothing is left half installed. The modules' tables are
 * never touched: their data stays through replacements and removals, and a newer build's new
 * migrations run when its module starts.
 */
@Component(service = ModuleArchiveInstaller.class)
public class ModuleArchiveInstaller {

    /** What came in: the archive's name (its file name without .kar) and its modules; unchanged when that very file was installed already. */
    public record Installed(String archive, List<String> modules, boolean unchanged) {
    }

    /** The archive was not installed; the message says why, in words an administrator acts on. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ModuleArchiveInstaller.class);

    private final KarService kars;
    private final ModuleManager modules;
    private final BundleContext context;

    @Activate
    public ModuleArchiveInstaller(@Reference KarService kars, @Reference ModuleManager modules, BundleContext context) {
        this.kars = kars;
        this.modules = modules;
        this.context = context;
    }

    /** The archive's name, as Karaf knows it: the file name without {@code .kar}. */
    static String archiveName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".kar") ? name.substring(0, name.length() - 4) : name;
    }

    public synchronized Installed install(Path file) throws Refused, IOException {
        String problem = ModuleArchive.problem(file);
        if (problem != null) {
            throw new Refused(problem);
        }
        String name = archiveName(file);
        ArchiveContents contents = ArchiveContents.of(file);
        List<String> ids = List.copyOf(contents.modules().keySet());
        String digest = digest(file);
        // The same file again changes nothing, unless its modules are gone: an upgrade clears
        // Karaf's bundle cache, and with it the features, while Karaf's list of unpacked archives
        // (data/kar) stays. Then the file is installed afresh in place of what the list says.
        if (installedArchives().contains(name) && digest.equals(recordedDigest(name))
                && ids.stream().allMatch(id -> modules.find(id).isPresent())) {
            return new Installed(name, ids, true);
        }
        List<String> replaced = archivesWith(ids, name);
        Set<String> replacedBundles = contents.bundles().stream().map(ArchiveContents.BundleHeaders::symbolicName).collect(Collectors.toSet());
        String unfit = PackageCheck.problem(contents.bundles(), exportedPackages(replacedBundles, contents));
        if (unfit != null) {
            throw new Refused(unfit);
        }
        Map<String, Boolean> wasEnabled = new LinkedHashMap<>();
        for (String id : ids) {
            modules.find(id).ifPresent(m -> wasEnabled.put(id, m.enabled()));
        }
        for (String old : replaced) {
            uninstall(old);
        }
        try {
            kars.install(file.toUri(), false, true);
        } catch (Exception e) {
            takeOut(name);
            throw new Refused("Karaf could not install the archive: " + e.getMessage());
        }
        // Karaf only logs a feature it could not install; each module is put in its state here, and a refusal takes the archive out.
        for (String id : ids) {
            Optional<ModuleInfo> module = modules.find(id);
            boolean enable = wasEnabled.getOrDefault(id, !contents.modules().get(id));
            try {
                if (module.isEmpty()) {
                    throw new ModuleException(ModuleException.Reason.INSTALL_FAILED, "Module '" + id + "' did not appear.", List.of(id), null);
                }
                if (enable) {
                    modules.enable(id);
                } else if (module.get().enabled()) {
                    modules.disable(id);
                }
            } catch (ModuleException e) {
                takeOut(name);
                throw new Refused("The archive was taken out again: " + e.getMessage());
            }
        }
        recordDigest(name, digest);
        LOG.info("Module archive {} installed{}: modules {}", name, replaced.isEmpty() ? "" : " in place of " + replaced, ids);
        return new Installed(name, ids, false);
    }

    /** Removes an installed archive: its modules go, their tables and rows stay. False when no such archive is installed. */
    public synchronized boolean remove(String name) throws Refused {
        if (!installedArchives().contains(name)) {
            return false;
        }
        uninstall(name);
        LOG.info("Module archive {} removed; the data of its modules stays", name);
        return true;
    }

    private void uninstall(String name) throws Refused {
        try {
            kars.uninstall(name, true);
            Files.deleteIfExists(digestFile(name));
        } catch (Exception e) {
            throw new Refused("The installed archive " + name + " could not be removed: " + e.getMessage());
        }
    }

    /** Undoes a failed installation, so that nothing of the archive stays; a failure here is only logged, the refusal says the rest. */
    private void takeOut(String name) {
        try {
            if (installedArchives().contains(name)) {
                kars.uninstall(name, true);
            }
        } catch (Exception e) {
            LOG.error("The refused archive {} could not be taken out again", name, e);
        }
    }

    private List<String> installedArchives() {
        try {
            return kars.list();
        } catch (Exception e) {
            throw new IllegalStateException("Karaf's archive list could not be read", e);
        }
    }

    /** Installed archives that carry one of these modules, or have this name: the ones a new build replaces. */
    private List<String> archivesWith(List<String> ids, String name) throws IOException {
        List<String> found = new ArrayList<>();
        for (String installed : installedArchives()) {
            if (installed.equals(name) || ArchiveContents.modulesUnpackedIn(karStorage().resolve(installed)).stream().anyMatch(ids::contains)) {
                found.add(installed);
            }
        }
        return found;
    }

    /** Each package's exported versions: the running bundles', but those the archive replaces, and the archive's own. */
    private Map<String, List<Version>> exportedPackages(Set<String> replacedBundles, ArchiveContents contents) {
        Map<String, List<Version>> exported = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null || b.getState() == Bundle.UNINSTALLED || replacedBundles.contains(b.getSymbolicName())) {
                continue;
            }
            for (BundleCapability c : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object version = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                exported.computeIfAbsent((String) c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE), k -> new ArrayList<>())
                        .add(version instanceof Version v ? v : Version.emptyVersion);
            }
        }
        for (ArchiveContents.BundleHeaders b : contents.bundles()) {
            PackageCheck.exports(b.exports()).forEach(e -> exported.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        }
        return exported;
    }

    /** Where Karaf unpacks installed archives. */
    private static Path karStorage() {
        return Path.of(System.getProperty("karaf.data", "data"), "kar");
    }

    /** The digest of the archive installed under a name, kept beside Karaf's data, so that the same file dropped again changes nothing. */
    private static Path digestFile(String name) {
        return Path.of(System.getProperty("karaf.data", "data"), "mosaic-archives", name + ".sha256");
    }

    private static String recordedDigest(String name) throws IOException {
        Path f = digestFile(name);
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : null;
    }

    private static void recordDigest(String name, String digest) throws IOException {
        Path f = digestFile(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, digest, StandardCharsets.UTF_8);
    }

    private static String digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
