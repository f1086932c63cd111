package org.mosaiccrm.platform.spi;

import java.util.Locale;

/**
 * The roles every Mosaic install has from its first start, besides {@code admin} (which holds
 * every permission anyway). Modules grant them sensible permissions ({@link DefaultGrant});
 * administrators change them like any other role afterwards.
 */
public enum BuiltInRole {
    /** Leads a team: everything a module offers its users, including delete and customization. */
    MANAGER,
    /** Works the customer records: reads, creates and changes them, imports and exports. */
    SALES,
    /** Reads, imports and exports lists for campaigns. */
    MARKETING,
    /** Reads and updates records while helping customers. */
    SUPPORT,
    /** Everyone else: reads what the enabled modules show, changes nothing. */
    USER;

    /** The role's name as the roles API and the console show it, e.g. {@code sales}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
