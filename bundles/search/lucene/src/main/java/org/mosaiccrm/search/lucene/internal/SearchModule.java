package org.mosaiccrm.search.lucene.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/**
 * The search module. It defines no permission of its own: a hit is shown to whoever may read
 * records of its type (the indexer's read permission) and reach the record (owner or team).
 */
@Component(service = ModuleDescriptor.class)
public class SearchModule extends BundleModule {

    public static final String ID = "search";

    public SearchModule() {
        super(ID, "Search");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of();
    }
}
