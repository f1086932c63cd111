package org.mosaiccrm.platform.shell.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.mosaiccrm.platform.spi.ui.ThemeContribution;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one tracker of UI contributions and themes. It remembers which bundle registered each,
 * so that the shell serves their files from that bundle, and merges their messages per
 * language. A contribution is forgotten as soon as its service goes away.
 */
@Component(service = UiRegistry.class)
public class UiRegistry {

    /** A UI contribution and the bundle that registered it. */
    public record Page(UiContribution contribution, Bundle bundle, long serviceId) {
    }

    /** A theme and the bundle that registered it. */
    public record Theme(ThemeContribution theme, Bundle bundle, long serviceId) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(UiRegistry.class);
    /** Where the shell keeps its own files and messages inside its bundle. */
    static final String SHELL_FOLDER = "ui/shell";

    private final List<Page> pages = new CopyOnWriteArrayList<>();
    private final List<Theme> themes = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> messageCache = new ConcurrentHashMap<>();
    private volatile Bundle shellBundle;

    @Activate
    void activate(BundleContext context) {
        shellBundle = context.getBundle();
        messageCache.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPage(ServiceReference<UiContribution> ref, UiContribution contribution) {
        pages.add(new Page(contribution, ref.getBundle(), serviceId(ref)));
        messageCache.clear();
    }

    void removePage(ServiceReference<UiContribution> ref) {
        pages.removeIf(p -> p.serviceId() == serviceId(ref));
        messageCache.clear();
    }

    /** The enabled modules' descriptors, for what their permissions allow (a locked page names it). */
    private final List<ModuleDescriptor> modules = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addModule(ModuleDescriptor module) {
        modules.add(module);
    }

    void removeModule(ModuleDescriptor module) {
        modules.remove(module);
    }

    /** What the permission allows, as its module describes it, or null when no enabled module defines it. */
    public String permissionDescription(String permission) {
        for (ModuleDescriptor m : modules) {
            for (PermissionDefinition p : m.permissions()) {
                if (p.id().equals(permission)) {
                    return p.description();
                }
            }
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTheme(ServiceReference<ThemeContribution> ref, ThemeContribution theme) {
        themes.add(new Theme(theme, ref.getBundle(), serviceId(ref)));
        messageCache.clear();
    }

    void removeTheme(ServiceReference<ThemeContribution> ref) {
        themes.removeIf(t -> t.serviceId() == serviceId(ref));
        messageCache.clear();
    }

    /** The contributions, one per module id (the first registered wins), in module id order. */
    public List<Page> pages() {
        Map<String, Page> byModule = new LinkedHashMap<>();
        for (Page p : pages) {
            Page earlier = byModule.putIfAbsent(p.contribution().moduleId(), p);
            if (earlier != null) {
                LOG.warn("Two UI contributions for module '{}'; bundle {} is ignored", p.contribution().moduleId(),
                        p.bundle().getSymbolicName());
            }
        }
        List<Page> result = new ArrayList<>(byModule.values());
        result.sort(Comparator.comparing(p -> p.contribution().moduleId()));
        return result;
    }

    public Optional<Page> page(String moduleId) {
        return pages().stream().filter(p -> p.contribution().moduleId().equals(moduleId)).findFirst();
    }

    /** The themes, one per id, in id order. */
    public List<Theme> themes() {
        Map<String, Theme> byId = new LinkedHashMap<>();
        for (Theme t : themes) {
            byId.putIfAbsent(t.theme().id(), t);
        }
        List<Theme> result = new ArrayList<>(byId.values());
        result.sort(Comparator.comparing(t -> t.theme().id()));
        return result;
    }

    public Optional<Theme> theme(String id) {
        return themes().stream().filter(t -> t.theme().id().equals(id)).findFirst();
    }

    public Bundle shellBundle() {
        return shellBundle;
    }

    /**
     * Every message of the shell, of the contributions and of the themes in the language, with
     * English for keys the language lacks.
     */
    public Map<String, String> messages(String language) {
        String lang = Languages.isSupported(language) ? language : Languages.DEFAULT;
        return messageCache.computeIfAbsent(lang, this::load);
    }

    /** Changes whenever the set of contributions or themes changes, so that clients reload messages. */
    public String tag() {
        StringBuilder b = new StringBuilder();
        pages.forEach(p -> b.append(p.serviceId()).append(','));
        b.append('|');
        themes.forEach(t -> b.append(t.serviceId()).append(','));
        return Integer.toHexString(b.toString().hashCode());
    }

    private Map<String, String> load(String language) {
        Map<String, String> merged = new LinkedHashMap<>();
        addMessages(merged, shellBundle, SHELL_FOLDER, "messages", language);
        for (Page p : pages()) {
            addMessages(merged, p.bundle(), p.contribution().resourceFolder(), p.contribution().messages(), language);
        }
        for (Theme t : themes()) {
            addMessages(merged, t.bundle(), t.theme().resourceFolder(), t.theme().messages(), language);
        }
        return Map.copyOf(merged);
    }

    private static void addMessages(Map<String, String> into, Bundle bundle, String folder, String baseName, String language) {
        Properties english = BundleFiles.messages(bundle, folder, baseName, null);
        Properties translated = Languages.DEFAULT.equals(language) ? new Properties()
                : BundleFiles.messages(bundle, folder, baseName, language);
        for (String key : english.stringPropertyNames()) {
            into.putIfAbsent(key, translated.getProperty(key, english.getProperty(key)));
        }
        for (String key : translated.stringPropertyNames()) {
            into.putIfAbsent(key, translated.getProperty(key));
        }
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }
}
