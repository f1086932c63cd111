package org.mosaiccrm.platform.persistence.internal;

import org.mosaiccrm.platform.spi.DataContribution;

/** A module's data contribution together with the class loader of the bundle that made it. */
public record Contribution(DataContribution data, ClassLoader classLoader) {

    public String moduleId() {
        return data.moduleId();
    }
}
