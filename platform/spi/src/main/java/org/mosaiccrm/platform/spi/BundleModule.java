package org.mosaiccrm.platform.spi;

import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What every module's descriptor says the same way: its id (also the module id of its
 * {@link DataContribution}, when it has one), its name, the modules it needs, and its version,
 * which is its bundle's (and so its feature's). A module extends this and adds what is its own:
 * permissions, default grants, customizable entities, migrations.
 */
public abstract class BundleModule implements ModuleDescriptor {

    private final String id;
    private final String name;
    private final Set<String> requires;

    protected BundleModule(String id, String name, String... requires) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.requires = Set.of(requires);
    }

    @Override
    public final String id() {
        return id;
    }

    /** The same id, for the module's {@link DataContribution} (same method name there). */
    public final String moduleId() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The version of the bundle the descriptor's class comes from; 0.0.0 outside a framework (unit tests). */
    @Override
    public String version() {
        Bundle bundle = FrameworkUtil.getBundle(getClass());
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    @Override
    public final Set<String> requires() {
        return requires;
    }
}
