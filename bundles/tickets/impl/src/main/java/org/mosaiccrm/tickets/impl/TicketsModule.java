package org.mosaiccrm.tickets.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.MigrationContext;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.mosaiccrm.tickets.api.TicketEvents;
import org.osgi.service.component.annotations.Component;

/** Who the tickets module is, what it may be granted, and its data. */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class TicketsModule extends BundleModule implements DataContribution {

    public static final String ID = TicketEvents.MODULE;
    public static final String READ = "tickets.read";
    public static final String WRITE = "tickets.write";
    /** Queues, SLA policies and business-hours calendars: the desk's set-up. */
    public static final String ADMIN = "tickets.admin";
    /** Giving people access to the customer portal, and taking it back. */
    public static final String PORTAL = "tickets.portal";
    /** Writing knowledge base articles (reading them needs {@link #READ}). */
    public static final String KB_WRITE = "kb.write";
    /** Exporting lists of tickets as CSV: how the desk's data leaves in bulk, so a permission of its own. */
    public static final String EXPORT = "tickets.export";
    /** Importing tickets from CSV. */
    public static final String IMPORT = "tickets.import";
    /** The custom fields' entity of tickets. */
    public static final String TICKET = "ticket";

    /** A ticket's requester is a person: tickets need contacts. */
    public TicketsModule() {
        super(ID, "Support tickets", "contacts");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                new PermissionDefinition(READ, "See the tickets of one's team and their replies and notes"),
                new PermissionDefinition(WRITE, "Open, answer, change and assign tickets"),
                new PermissionDefinition(ADMIN, "Set up queues, SLA policies, business-hours calendars and the queues' mailboxes"),
                new PermissionDefinition(PORTAL, "Give people access to the customer portal, make them their organization's manager, or end it"),
                new PermissionDefinition(KB_WRITE, "Write, publish and delete knowledge base articles"),
                new PermissionDefinition(EXPORT, "Export lists of tickets as CSV"),
                new PermissionDefinition(IMPORT, "Import tickets from CSV"));
    }

    /** Support works the desk; managers too; every other user may read the tickets of their team. */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE, PORTAL, KB_WRITE, EXPORT, IMPORT),
                DefaultGrant.of(BuiltInRole.SUPPORT, READ, WRITE, PORTAL, KB_WRITE, EXPORT, IMPORT),
                DefaultGrant.of(BuiltInRole.SALES, READ),
                DefaultGrant.of(BuiltInRole.USER, READ));
    }

    /** Administrators add fields to tickets; whoever reads tickets sees them (staff only: the portal never shows them). */
    @Override
    public List<CustomizableEntity> customizable() {
        return List.of(new CustomizableEntity(TICKET, "Tickets", "tickets", READ, ADMIN));
    }

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/tickets/impl/cayenne-tickets.xml";
    }

    static final String RECORD = "ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
            + " UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, ";

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "calendars, SLA policies, queues, tickets and their comments", TicketsModule::tables),
                Migration.of(2, "the SLA warnings sent for a ticket", "ALTER TABLE TK_TICKET ADD COLUMN SLA_WARNED VARCHAR(200)"),
                Migration.of(3, "the ticket a merged ticket went into", "ALTER TABLE TK_TICKET ADD COLUMN MERGED_INTO VARCHAR(36)"),
                Migration.of(4, "customer portal access, replies by customers, knowledge base articles", TicketsModule::portalTables),
                Migration.of(5, "the queues' mailboxes and the mail of tickets", TicketsModule::mail),
                Migration.of(6, "the customer's satisfaction rating of a solved ticket", "ALTER TABLE TK_TICKET ADD COLUMN SATISFACTION_SCORE INTEGER",
                        "ALTER TABLE TK_TICKET ADD COLUMN SATISFACTION_COMMENT VARCHAR(2000)", "ALTER TABLE TK_TICKET ADD COLUMN RATED_AT TIMESTAMP",
                        "CREATE INDEX TK_TICKET_RATED ON TK_TICKET (RATED_AT)"),
                Migration.of(7, "canned responses, a user's own or shared",
                        "CREATE TABLE TK_CANNED_RESPONSE (" + RECORD + "NAME VARCHAR(200) NOT NULL, BODY VARCHAR(20000) NOT NULL,"
                                + " SHARED BOOLEAN NOT NULL)",
                        "CREATE INDEX TK_CANNED_RESPONSE_OWNER ON TK_CANNED_RESPONSE (OWNER_ID, NAME)",
                        "CREATE INDEX TK_CANNED_RESPONSE_SHARED ON TK_CANNED_RESPONSE (SHARED, NAME)"),
                Migration.of(8, "the custom fields' values of tickets", "ALTER TABLE TK_TICKET ADD COLUMN CUSTOM VARCHAR(8000)"),
                // Open tickets start due for a look: the warning job's first run sets each one's time.
                Migration.of(9, "when a ticket may next owe an SLA warning", "ALTER TABLE TK_TICKET ADD COLUMN NEXT_WARNING_AT TIMESTAMP",
                        "UPDATE TK_TICKET SET NEXT_WARNING_AT = CAST('2000-01-01 00:00:00' AS TIMESTAMP) WHERE STATUS IN ('new', 'open')",
                        "CREATE INDEX TK_TICKET_NEXT_WARNING ON TK_TICKET (NEXT_WARNING_AT)"));
    }

    /**
     * Migration 4: who has portal access (the account itself is the platform's, SEC_PORTAL_ACCOUNT)
     * with whether they manage their organization's tickets and the staff user who granted it
     * (whose team gets the tickets they open); a reply's author when a customer wrote it; and
     * knowledge base articles (body: sanitised HTML).
     */
    private static void portalTables(MigrationContext context) throws java.sql.SQLException {
        context.execute(
                "CREATE TABLE TK_PORTAL_ACCESS (PERSON_ID VARCHAR(36) NOT NULL PRIMARY KEY, ORGANIZATION_MANAGER BOOLEAN NOT NULL,"
                        + " SPONSOR_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, VERSION BIGINT NOT NULL,"
                        + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)",
                "ALTER TABLE TK_COMMENT ADD COLUMN AUTHOR_PERSON_ID VARCHAR(36)",
                "CREATE INDEX TK_TICKET_REQUESTER ON TK_TICKET (REQUESTER_ID, CREATED_AT)",
                "CREATE INDEX TK_TICKET_ORGANIZATION ON TK_TICKET (ORGANIZATION_ID, CREATED_AT)",
                "CREATE TABLE TK_KB_ARTICLE (" + RECORD + "TITLE VARCHAR(300) NOT NULL, BODY VARCHAR(30000) NOT NULL,"
                        + " CATEGORY VARCHAR(100), LANGUAGE VARCHAR(10) NOT NULL, STATUS VARCHAR(10) NOT NULL, INTERNAL BOOLEAN NOT NULL)",
                "CREATE INDEX TK_KB_ARTICLE_STATUS ON TK_KB_ARTICLE (STATUS, UPDATED_AT)");
    }

    /**
     * A queue's mailbox (one per queue, one queue per address). Every mail of a ticket, in or out,
     * by Message-ID (unique: a message read again is no second comment): replies thread through it,
     * and the acknowledgments sent to an address in the last hour are counted by kind and address.
     */
    private static void mail(MigrationContext context) throws java.sql.SQLException {
        context.execute("CREATE TABLE TK_MAILBOX (" + RECORD + "QUEUE_ID VARCHAR(36) NOT NULL, ADDRESS VARCHAR(254) NOT NULL,"
                        + " IMAP_HOST VARCHAR(255) NOT NULL, IMAP_PORT INTEGER NOT NULL, IMAP_SECURITY VARCHAR(10) NOT NULL,"
                        + " IMAP_USER VARCHAR(255) NOT NULL, IMAP_PASSWORD VARCHAR(500), FOLDER VARCHAR(200))",
                "CREATE UNIQUE INDEX TK_MAILBOX_QUEUE ON TK_MAILBOX (QUEUE_ID)",
                "CREATE UNIQUE INDEX TK_MAILBOX_ADDRESS ON TK_MAILBOX (ADDRESS)",
                "CREATE TABLE TK_MAIL (ID VARCHAR(36) NOT NULL PRIMARY KEY, TICKET_ID VARCHAR(36) NOT NULL, MESSAGE_ID VARCHAR(250) NOT NULL,"
                        + " KIND VARCHAR(10) NOT NULL, ADDRESS VARCHAR(320), CREATED_AT TIMESTAMP NOT NULL)",
                "CREATE UNIQUE INDEX TK_MAIL_MESSAGE ON TK_MAIL (MESSAGE_ID)",
                "CREATE INDEX TK_MAIL_TICKET ON TK_MAIL (TICKET_ID, CREATED_AT)",
                "CREATE INDEX TK_MAIL_SENT ON TK_MAIL (KIND, ADDRESS, CREATED_AT)");
    }

    private static void tables(MigrationContext context) throws java.sql.SQLException {
        context.execute(
                "CREATE TABLE TK_CALENDAR (" + RECORD + "NAME VARCHAR(200) NOT NULL, TIME_ZONE VARCHAR(60) NOT NULL,"
                        + " HOURS VARCHAR(4000) NOT NULL, HOLIDAYS VARCHAR(8000) NOT NULL)",
                "CREATE TABLE TK_QUEUE (" + RECORD + "NAME VARCHAR(200) NOT NULL)",
                "CREATE TABLE TK_SLA_POLICY (" + RECORD + "NAME VARCHAR(200) NOT NULL, CALENDAR_ID VARCHAR(36) NOT NULL,"
                        + " QUEUE_ID VARCHAR(36), TARGETS VARCHAR(2000) NOT NULL)",
                // The last number given: one row, raised in the transaction that creates a ticket (its row lock orders them).
                "CREATE TABLE TK_COUNTER (NAME VARCHAR(30) NOT NULL PRIMARY KEY, LAST_VALUE BIGINT NOT NULL)",
                "INSERT INTO TK_COUNTER (NAME, LAST_VALUE) VALUES ('ticket', 0)",
                "CREATE TABLE TK_TICKET (" + RECORD + "NUMBER BIGINT NOT NULL, SUBJECT VARCHAR(300) NOT NULL, SUBJECT_KEY "
                        + context.sortKeyType(300) + ", DESCRIPTION VARCHAR(20000), REQUESTER_ID VARCHAR(36) NOT NULL,"
                        + " ORGANIZATION_ID VARCHAR(36), CHANNEL VARCHAR(10) NOT NULL, PRIORITY VARCHAR(10) NOT NULL,"
                        + " STATUS VARCHAR(10) NOT NULL, QUEUE_ID VARCHAR(36), ASSIGNEE_ID VARCHAR(36), TAGS VARCHAR(2000),"
                        + " POLICY_ID VARCHAR(36), SLA_STATE VARCHAR(2000), FIRST_RESPONSE_DUE TIMESTAMP, NEXT_RESPONSE_DUE TIMESTAMP,"
                        + " RESOLUTION_DUE TIMESTAMP, BREACHED BOOLEAN NOT NULL, SOLVED_AT TIMESTAMP)",
                "CREATE UNIQUE INDEX TK_TICKET_NUMBER ON TK_TICKET (NUMBER)",
                "CREATE TABLE TK_COMMENT (" + RECORD + "TICKET_ID VARCHAR(36) NOT NULL, AUTHOR_ID VARCHAR(36), BODY VARCHAR(20000) NOT NULL,"
                        + " IS_PUBLIC BOOLEAN NOT NULL)",
                "CREATE INDEX TK_COMMENT_TICKET ON TK_COMMENT (TICKET_ID, CREATED_AT)");
        context.createSortIndex("TK_TICKET_ID", "TK_TICKET", "ID");
        context.createSortIndex("TK_TICKET_NUMBER_SORT", "TK_TICKET", "NUMBER");
        context.createSortIndex("TK_TICKET_UPDATED", "TK_TICKET", "UPDATED_AT");
        context.createSortIndex("TK_TICKET_SUBJECT", "TK_TICKET", "SUBJECT_KEY");
        context.createSortIndex("TK_TICKET_RESOLUTION_DUE", "TK_TICKET", "RESOLUTION_DUE");
        context.createReachIndex("TK_TICKET_REACH", "TK_TICKET");
        context.createReachIndex("TK_COMMENT_REACH", "TK_COMMENT");
    }
}
