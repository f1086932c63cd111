package org.mosaiccrm.campaigns.impl;

import java.sql.SQLException;
import java.util.List;

import org.mosaiccrm.campaigns.api.CampaignEvents;
import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.MigrationContext;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** Who the campaigns module is, what it may be granted, and its data. */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class CampaignsModule extends BundleModule implements DataContribution {

    public static final String ID = CampaignEvents.MODULE;
    public static final String READ = "campaigns.read";
    public static final String WRITE = "campaigns.write";
    /** The campaign sender's mail settings: SMTP and IMAP accounts, sending rate, public address. */
    public static final String ADMIN = "campaigns.admin";

    /** Campaigns mail people: it needs contacts (and works with funnel on or off). */
    public CampaignsModule() {
        super(ID, "Campaigns", "contacts");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(new PermissionDefinition(READ, "See campaigns, their templates, segments and results"),
                new PermissionDefinition(WRITE, "Write templates and segments, create and send campaigns"),
                new PermissionDefinition(ADMIN, "Set up the campaigns' mail accounts and sending rate"));
    }

    /**
     * Marketing runs campaigns; managers may too; sales and support read how their people
     * responded. The mail accounts stay with administrators (who hold every permission).
     */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MARKETING, READ, WRITE), DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE),
                DefaultGrant.of(BuiltInRole.SALES, READ), DefaultGrant.of(BuiltInRole.SUPPORT, READ));
    }

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/campaigns/impl/cayenne-campaigns.xml";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "the campaign sender's mail settings and templates", CampaignsModule::settingsAndTemplates),
                Migration.of(2, "segments", CampaignsModule::segments),
                Migration.of(3, "campaigns and their recipients", CampaignsModule::campaigns),
                Migration.of(4, "interested recipients and their follow-up calls",
                        "ALTER TABLE CA_RECIPIENT ADD COLUMN INTERESTED_AT TIMESTAMP",
                        "ALTER TABLE CA_RECIPIENT ADD COLUMN FOLLOW_UP_TASK_ID VARCHAR(36)"),
                Migration.of(5, "web forms", CampaignsModule::forms),
                Migration.of(6, "why a recipient's message bounced", "ALTER TABLE CA_RECIPIENT ADD COLUMN BOUNCE_REASON VARCHAR(500)"));
    }

    static final String RECORD = "ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
            + " UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, ";

    /** One settings row per install; templates list by name or last change within reach. */
    private static void settingsAndTemplates(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE CA_MAIL_SETTINGS (" + RECORD + "SMTP_HOST VARCHAR(255) NOT NULL, SMTP_PORT INTEGER NOT NULL,"
                        + " SMTP_SECURITY VARCHAR(10) NOT NULL, SMTP_USER VARCHAR(255), SMTP_PASSWORD VARCHAR(500),"
                        + " FROM_ADDRESS VARCHAR(254) NOT NULL, FROM_NAME VARCHAR(100), REPLY_TO VARCHAR(254), IMAP_HOST VARCHAR(255),"
                        + " IMAP_PORT INTEGER, IMAP_SECURITY VARCHAR(10), IMAP_USER VARCHAR(255), IMAP_PASSWORD VARCHAR(500),"
                        + " RATE_PER_MINUTE INTEGER NOT NULL, PUBLIC_BASE_URL VARCHAR(500) NOT NULL)",
                "CREATE TABLE CA_TEMPLATE (" + RECORD + "NAME VARCHAR(200) NOT NULL, NAME_KEY " + context.sortKeyType(200) + ","
                        + " SUBJECT VARCHAR(200) NOT NULL, HTML_BODY VARCHAR(" + Templates.MAX_BODY + "),"
                        + " TEXT_BODY VARCHAR(" + Templates.MAX_BODY + ") NOT NULL)");
        context.createSortIndex("CA_TEMPLATE_NAME", "CA_TEMPLATE", "NAME_KEY");
        context.createSortIndex("CA_TEMPLATE_UPDATED", "CA_TEMPLATE", "UPDATED_AT");
        context.createSortIndex("CA_TEMPLATE_ID", "CA_TEMPLATE", "ID");
        context.createReachIndex("CA_TEMPLATE_REACH", "CA_TEMPLATE");
    }

    /** Segments list by name or last change within reach; their rules are JSON contacts evaluates. */
    /** Web forms list by name or last change within reach; the public endpoint finds one by its public id. */
    private static void forms(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE CA_FORM (" + RECORD + "NAME VARCHAR(200) NOT NULL, NAME_KEY " + context.sortKeyType(200) + ","
                + " PUBLIC_ID VARCHAR(32) NOT NULL, ACTIVE BOOLEAN NOT NULL, FIELDS VARCHAR(4000) NOT NULL, CONSENT_TEXT VARCHAR(2000),"
                + " TAGS VARCHAR(2000) NOT NULL, TARGET VARCHAR(10) NOT NULL, REDIRECT_URL VARCHAR(2000))",
                "CREATE UNIQUE INDEX CA_FORM_PUBLIC ON CA_FORM (PUBLIC_ID)");
        context.createSortIndex("CA_FORM_NAME", "CA_FORM", "NAME_KEY");
        context.createSortIndex("CA_FORM_UPDATED", "CA_FORM", "UPDATED_AT");
        context.createSortIndex("CA_FORM_ID", "CA_FORM", "ID");
        context.createReachIndex("CA_FORM_REACH", "CA_FORM");
    }

    private static void segments(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE CA_SEGMENT (" + RECORD + "NAME VARCHAR(200) NOT NULL, NAME_KEY " + context.sortKeyType(200) + ","
                + " MATCH_ALL BOOLEAN NOT NULL, RULES VARCHAR(8000) NOT NULL)");
        context.createSortIndex("CA_SEGMENT_NAME", "CA_SEGMENT", "NAME_KEY");
        context.createSortIndex("CA_SEGMENT_UPDATED", "CA_SEGMENT", "UPDATED_AT");
        context.createSortIndex("CA_SEGMENT_ID", "CA_SEGMENT", "ID");
        context.createReachIndex("CA_SEGMENT_REACH", "CA_SEGMENT");
    }

    /**
     * Campaigns list by name or last change within reach. A campaign's recipients are read by
     * status in id order (the sender's next one, the recipients list), each once per person; a
     * Message-ID (replies, bounces) and a token (tracking links) find one recipient.
     */
    private static void campaigns(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE CA_CAMPAIGN (" + RECORD + "NAME VARCHAR(200) NOT NULL, NAME_KEY " + context.sortKeyType(200) + ","
                        + " SEGMENT_ID VARCHAR(36) NOT NULL, TEMPLATE_ID VARCHAR(36) NOT NULL, SCHEDULED_AT TIMESTAMP, FOLLOW_UP VARCHAR(1000),"
                        + " STATE VARCHAR(12) NOT NULL, JOB_ID VARCHAR(36), SENT_BY VARCHAR(36), STARTED_AT TIMESTAMP, FINISHED_AT TIMESTAMP,"
                        + " AUDIENCE_DONE BOOLEAN NOT NULL, AUDIENCE_AFTER VARCHAR(36), TRACKING_KEY VARCHAR(64) NOT NULL)",
                "CREATE INDEX CA_CAMPAIGN_JOB ON CA_CAMPAIGN (JOB_ID)",
                "CREATE TABLE CA_RECIPIENT (" + RECORD + "CAMPAIGN_ID VARCHAR(36) NOT NULL, PERSON_ID VARCHAR(36) NOT NULL,"
                        + " EMAIL VARCHAR(320) NOT NULL, FIRST_NAME VARCHAR(100), LAST_NAME VARCHAR(100), JOB_TITLE VARCHAR(150),"
                        + " ORGANIZATION_NAME VARCHAR(200), PERSON_OWNER_ID VARCHAR(36), STATUS VARCHAR(12) NOT NULL,"
                        + " MESSAGE_ID VARCHAR(250) NOT NULL, TOKEN VARCHAR(43) NOT NULL, ATTEMPTS INTEGER NOT NULL, NEXT_AT TIMESTAMP,"
                        + " LAST_REPLY VARCHAR(1000), SENT_AT TIMESTAMP, OPENED_AT TIMESTAMP, CLICKED_AT TIMESTAMP, UNSUBSCRIBED_AT TIMESTAMP,"
                        + " REPLIED_AT TIMESTAMP, BOUNCED_AT TIMESTAMP)",
                "CREATE UNIQUE INDEX CA_RECIPIENT_PERSON ON CA_RECIPIENT (CAMPAIGN_ID, PERSON_ID)",
                "CREATE INDEX CA_RECIPIENT_STATUS ON CA_RECIPIENT (CAMPAIGN_ID, STATUS, ID)",
                "CREATE UNIQUE INDEX CA_RECIPIENT_MESSAGE ON CA_RECIPIENT (MESSAGE_ID)",
                "CREATE UNIQUE INDEX CA_RECIPIENT_TOKEN ON CA_RECIPIENT (TOKEN)");
        context.createSortIndex("CA_CAMPAIGN_NAME", "CA_CAMPAIGN", "NAME_KEY");
        context.createSortIndex("CA_CAMPAIGN_UPDATED", "CA_CAMPAIGN", "UPDATED_AT");
        context.createSortIndex("CA_CAMPAIGN_ID", "CA_CAMPAIGN", "ID");
        context.createReachIndex("CA_CAMPAIGN_REACH", "CA_CAMPAIGN");
        context.createReachIndex("CA_RECIPIENT_REACH", "CA_RECIPIENT");
    }
}
