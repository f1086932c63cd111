package org.mosaiccrm.search.lucene.internal;

import java.util.List;
import java.util.Set;

import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The search module. It defines no permission of its own: a hit is shown to whoever may read
 * records of its type (the indexer's read permission) and reach the record (owner or team).
 */
@Component(service = ModuleDescriptor.class)
public class SearchModule implements ModuleDescriptor {

    public static final String ID = "search";

    private String version;

    @Activate
    void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Search";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Set<String> requires() {
        return Set.of();
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of();
    }
}
