package org.mosaiccrm.analytics.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** Who the analytics module is and what it may be granted. */
@Component(service = ModuleDescriptor.class)
public class AnalyticsModule extends BundleModule {

    public static final String ID = "analytics";
    public static final String READ = "analytics.read";
    /** Shared dashboards, which everyone who reads analytics sees. */
    public static final String ADMIN = "analytics.admin";
    public static final String EXPORT = "analytics.export";

    /** Customer analyses name people and organizations: analytics needs contacts. */
    public AnalyticsModule() {
        super(ID, "Analytics", "contacts");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(new PermissionDefinition(READ, "See metrics, analyses and dashboards over what one may see"),
                new PermissionDefinition(EXPORT, "Export metrics and analyses as CSV"),
                new PermissionDefinition(ADMIN, "Publish dashboards shared with everyone"));
    }

    /** Managers analyse and publish; sales and marketing analyse their own figures; support reads them. */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, EXPORT, ADMIN), DefaultGrant.of(BuiltInRole.SALES, READ, EXPORT),
                DefaultGrant.of(BuiltInRole.MARKETING, READ, EXPORT), DefaultGrant.of(BuiltInRole.SUPPORT, READ));
    }
}
