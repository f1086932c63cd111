package org.mosaiccrm.analytics.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** Who the analytics module is, what it may be granted, and its data (dashboards). */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class AnalyticsModule extends BundleModule implements DataContribution {

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

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/analytics/impl/cayenne-analytics.xml";
    }

    /**
     * Dashboards list by name: the shared ones and the reader's own, through (SHARED, NAME) and
     * (OWNER_ID, NAME). Then the stored results of the analyses computed by jobs.
     */
    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "dashboards",
                "CREATE TABLE AN_DASHBOARD (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
                        + " UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL,"
                        + " NAME VARCHAR(100) NOT NULL, SHARED BOOLEAN NOT NULL, FILTERS VARCHAR(2000), WIDGETS VARCHAR(30000) NOT NULL)",
                "CREATE INDEX AN_DASHBOARD_SHARED ON AN_DASHBOARD (SHARED, NAME)",
                "CREATE INDEX AN_DASHBOARD_OWNER ON AN_DASHBOARD (OWNER_ID, NAME)"),
                // The heavy analyses' latest results (AnalysisJobs), one per question and reach: KEY_HASH is
                // unique so that two nodes starting the same computation at once end with one.
                Migration.of(2, "analysis results", context -> context.execute(
                        "CREATE TABLE AN_RESULT (ID VARCHAR(36) NOT NULL PRIMARY KEY, KEY_HASH VARCHAR(64) NOT NULL, KIND VARCHAR(20) NOT NULL,"
                                + " REACH VARCHAR(100) NOT NULL, PARAMS VARCHAR(1000) NOT NULL, STATE VARCHAR(10) NOT NULL, JOB_ID VARCHAR(36),"
                                + " REQUESTED_AT TIMESTAMP NOT NULL, COMPUTED_AT TIMESTAMP, CHECKED_SEQUENCE BIGINT NOT NULL, RESULT "
                                + context.longTextType() + ", FAILURE_STATUS INTEGER, MESSAGE VARCHAR(1000))",
                        "CREATE UNIQUE INDEX AN_RESULT_KEY ON AN_RESULT (KEY_HASH)", "CREATE INDEX AN_RESULT_JOB ON AN_RESULT (JOB_ID)")));
    }

    /** Managers analyse and publish; sales and marketing analyse their own figures; support reads them. */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, EXPORT, ADMIN), DefaultGrant.of(BuiltInRole.SALES, READ, EXPORT),
                DefaultGrant.of(BuiltInRole.MARKETING, READ, EXPORT), DefaultGrant.of(BuiltInRole.SUPPORT, READ));
    }
}
