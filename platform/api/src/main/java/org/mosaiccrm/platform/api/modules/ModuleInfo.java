package org.mosaiccrm.platform.api.modules;

import java.util.List;

/** An installable module as the catalogue knows it, enabled or not. */
public record ModuleInfo(String id, String name, String version, String description, boolean enabled, List<String> requires) {

    public ModuleInfo {
        requires = List.copyOf(requires);
    }
}
