package org.mosaiccrm.contacts.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.MigrationContext;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import java.sql.SQLException;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** The contacts module: who it is, its permissions, and its tables. */
@Component(service = {ModuleDescriptor.class, DataContribution.class}, property = "mosaic.data=contacts")
public class ContactsModule extends BundleModule implements DataContribution {

    public static final String ID = "contacts";
    public static final String READ = "contacts.read";
    public static final String WRITE = "contacts.write";
    public static final String DELETE = "contacts.delete";
    public static final String IMPORT = "contacts.import";
    public static final String EXPORT = "contacts.export";
    public static final String CUSTOMIZE = "contacts.customize";
    /** The entities that have custom fields, as the platform's custom fields service knows them. */
    public static final String PERSON = "person";
    public static final String ORGANIZATION = "organization";

    public ContactsModule() {
        super(ID, "Contacts");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                new PermissionDefinition(READ, "See organizations, people, their timelines and tasks"),
                new PermissionDefinition(WRITE, "Create and change organizations, people, activities and tasks"),
                new PermissionDefinition(DELETE, "Delete organizations, people, activities and tasks"),
                new PermissionDefinition(IMPORT, "Import people and organizations from CSV"),
                new PermissionDefinition(EXPORT, "Export lists as CSV"),
                new PermissionDefinition(CUSTOMIZE, "Add, change and archive custom fields of people and organizations"));
    }

    /**
     * What each built-in role may do from the first start: managers everything but changing
     * the fields (a company-wide setting, left to administrators), sales work the records,
     * marketing reads and moves lists, support reads and updates, everyone else reads.
     */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE, DELETE, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.SALES, READ, WRITE, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.MARKETING, READ, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.SUPPORT, READ, WRITE),
                DefaultGrant.of(BuiltInRole.USER, READ));
    }

    @Override
    public List<CustomizableEntity> customizable() {
        return List.of(new CustomizableEntity(PERSON, "People", "people", READ, CUSTOMIZE),
                new CustomizableEntity(ORGANIZATION, "Organizations", "organizations", READ, CUSTOMIZE));
    }

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/contacts/impl/cayenne-contacts.xml";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.of(1, "organizations, people, activities, tasks, relationships",
                        "CREATE TABLE CT_ORGANIZATION (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, NAME VARCHAR(200) NOT NULL, NAME_KEY VARCHAR(200) NOT NULL, DOMAIN VARCHAR(253), INDUSTRY VARCHAR(100), SIZE_BAND VARCHAR(20), PHONES VARCHAR(4000), ADDRESSES VARCHAR(4000), TAGS VARCHAR(2000), CUSTOM VARCHAR(8000))",
                        "CREATE TABLE CT_PERSON (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, FIRST_NAME VARCHAR(100), LAST_NAME VARCHAR(100), JOB_TITLE VARCHAR(150), ORGANIZATION_ID VARCHAR(36), LIFECYCLE_STAGE VARCHAR(30), SOURCE VARCHAR(100), EMAILS VARCHAR(4000), PRIMARY_EMAIL VARCHAR(320), PHONES VARCHAR(4000), ADDRESSES VARCHAR(4000), TAGS VARCHAR(2000), EMAIL_CONSENT BOOLEAN NOT NULL, EMAIL_CONSENT_AT TIMESTAMP, EMAIL_CONSENT_SOURCE VARCHAR(200), CUSTOM VARCHAR(8000), SEARCH_TEXT VARCHAR(1200) NOT NULL, DEDUPE_KEY VARCHAR(520) NOT NULL)",
                        "CREATE TABLE CT_ACTIVITY (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, TYPE VARCHAR(20) NOT NULL, DIRECTION VARCHAR(20), SUBJECT VARCHAR(300), BODY VARCHAR(20000), OCCURRED_AT TIMESTAMP NOT NULL, PERSON_ID VARCHAR(36), ORGANIZATION_ID VARCHAR(36), PARTICIPANTS VARCHAR(4000), SOURCE_MODULE VARCHAR(50))",
                        "CREATE TABLE CT_TASK (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, TITLE VARCHAR(300) NOT NULL, DUE_AT TIMESTAMP NOT NULL, ASSIGNEE_ID VARCHAR(36) NOT NULL, PERSON_ID VARCHAR(36), ORGANIZATION_ID VARCHAR(36), DONE BOOLEAN NOT NULL, REMINDED_AT TIMESTAMP)",
                        "CREATE TABLE CT_RELATIONSHIP (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, PERSON_ID VARCHAR(36) NOT NULL, ORGANIZATION_ID VARCHAR(36) NOT NULL, KIND VARCHAR(30) NOT NULL, TITLE VARCHAR(150))"),
                Migration.of(2, "indexes for visibility, lookups, timelines and deduplication",
                        "CREATE INDEX CT_ORG_TEAM ON CT_ORGANIZATION (TEAM_ID, NAME_KEY)",
                        "CREATE INDEX CT_ORG_NAME ON CT_ORGANIZATION (NAME_KEY)",
                        "CREATE INDEX CT_PERSON_TEAM ON CT_PERSON (TEAM_ID, ID)",
                        "CREATE INDEX CT_PERSON_EMAIL ON CT_PERSON (PRIMARY_EMAIL)",
                        "CREATE INDEX CT_PERSON_DEDUPE ON CT_PERSON (DEDUPE_KEY)",
                        "CREATE INDEX CT_PERSON_ORG ON CT_PERSON (ORGANIZATION_ID)",
                        "CREATE INDEX CT_ACTIVITY_PERSON ON CT_ACTIVITY (PERSON_ID, OCCURRED_AT)",
                        "CREATE INDEX CT_ACTIVITY_ORG ON CT_ACTIVITY (ORGANIZATION_ID, OCCURRED_AT)",
                        "CREATE INDEX CT_TASK_DUE ON CT_TASK (DONE, DUE_AT)",
                        "CREATE INDEX CT_TASK_PERSON ON CT_TASK (PERSON_ID)",
                        "CREATE INDEX CT_REL_PERSON ON CT_RELATIONSHIP (PERSON_ID)",
                        "CREATE INDEX CT_REL_ORG ON CT_RELATIONSHIP (ORGANIZATION_ID)"),
                Migration.of(3, "custom field definitions",
                        "CREATE TABLE CT_FIELD (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, ENTITY VARCHAR(20) NOT NULL, FIELD_KEY VARCHAR(40) NOT NULL, LABEL VARCHAR(100) NOT NULL, FIELD_TYPE VARCHAR(10) NOT NULL, CHOICES VARCHAR(4000), REQUIRED BOOLEAN NOT NULL, POSITION INTEGER NOT NULL, ARCHIVED BOOLEAN NOT NULL)",
                        "CREATE UNIQUE INDEX CT_FIELD_KEY ON CT_FIELD (ENTITY, FIELD_KEY)",
                        "CREATE INDEX CT_REL_KIND ON CT_RELATIONSHIP (PERSON_ID, ORGANIZATION_ID, KIND)"),
                Migration.of(4, "sort keys and indexes for keyset paging", ContactsModule::listIndexes),
                // Custom fields became a platform service: the definitions join every module's in
                // MOSAIC_CUSTOM_FIELD (which the platform creates before any module migrates) with
                // their ids and versions; the values stay where they were, in CT_PERSON.CUSTOM and
                // CT_ORGANIZATION.CUSTOM.
                Migration.of(5, "custom field definitions move to the platform",
                        "INSERT INTO MOSAIC_CUSTOM_FIELD (ID, VERSION, CREATED_AT, UPDATED_AT, MODULE_ID, ENTITY, FIELD_KEY, LABEL,"
                                + " FIELD_TYPE, CHOICES, REQUIRED, POSITION, ARCHIVED) SELECT ID, VERSION, CREATED_AT, UPDATED_AT,"
                                + " 'contacts', ENTITY, FIELD_KEY, LABEL, FIELD_TYPE, CHOICES, REQUIRED, POSITION, ARCHIVED FROM CT_FIELD",
                        "DROP TABLE CT_FIELD"),
                // Creating one relationship twice at the same moment passed the check before the insert
                // for both: the database now refuses the second (answered 409). Duplicates made before
                // go first, the oldest of each kept.
                Migration.of(6, "one relationship of a kind per person and organization",
                        "DELETE FROM CT_RELATIONSHIP WHERE ID <> (SELECT MIN(R2.ID) FROM CT_RELATIONSHIP R2"
                                + " WHERE R2.PERSON_ID = CT_RELATIONSHIP.PERSON_ID AND R2.ORGANIZATION_ID = CT_RELATIONSHIP.ORGANIZATION_ID"
                                + " AND R2.KIND = CT_RELATIONSHIP.KIND)",
                        "DROP INDEX CT_REL_KIND",
                        "CREATE UNIQUE INDEX CT_REL_KIND ON CT_RELATIONSHIP (PERSON_ID, ORGANIZATION_ID, KIND)"),
                Migration.of(7, "sort keys in the company's collation", ContactsModule::collationKeys),
                // The start page lists the organizations a user owns that changed last, as it does people.
                Migration.of(8, "organizations by their last change",
                        context -> context.createSortIndex("CT_ORG_UPDATED", "CT_ORGANIZATION", "UPDATED_AT")),
                // Call tasks: their outcome logged from the task, the next call of a follow-up, and
                // what asked for them (a campaign), by which its calls are counted.
                Migration.of(9, "call tasks with outcomes and follow-ups",
                        "ALTER TABLE CT_TASK ADD COLUMN KIND VARCHAR(10) DEFAULT 'todo' NOT NULL",
                        "ALTER TABLE CT_TASK ADD COLUMN OUTCOME VARCHAR(20)",
                        "ALTER TABLE CT_TASK ADD COLUMN REPEAT_DAYS INTEGER",
                        "ALTER TABLE CT_TASK ADD COLUMN SOURCE VARCHAR(100)",
                        "ALTER TABLE CT_TASK ADD COLUMN NEXT_ID VARCHAR(36)",
                        "CREATE INDEX CT_TASK_SOURCE ON CT_TASK (SOURCE)"),
                // A hard bounce (a campaign's delivery report) marks the address that bounced; while it is
                // the person's primary address, no campaign mails them.
                Migration.of(10, "addresses that bounced for good",
                        "ALTER TABLE CT_PERSON ADD COLUMN EMAIL_BOUNCED VARCHAR(320)",
                        "ALTER TABLE CT_PERSON ADD COLUMN EMAIL_BOUNCED_AT TIMESTAMP",
                        "ALTER TABLE CT_PERSON ADD COLUMN EMAIL_BOUNCE_REASON VARCHAR(500)"));
    }

    /**
     * Migration 7: names sort in the company's language (CollationKeys) with the other name as
     * the secondary order inside the same key, so the key columns grow; organizations get a
     * sort key of their own (NAME_KEY stays the lower-cased name imports match by). The keys
     * of existing rows are computed by SortKeysJob, resumably, which the state rows without a
     * language start; until it has run, rows keep their old keys.
     */
    private static void collationKeys(MigrationContext context) throws SQLException {
        for (String column : List.of("FIRST_NAME_KEY", "LAST_NAME_KEY")) {
            context.execute(context.database() == DatabaseKind.DERBY
                    ? "ALTER TABLE CT_PERSON ALTER COLUMN " + column + " SET DATA TYPE VARCHAR(" + Person.SORT_KEY_LENGTH + ")"
                    : "ALTER TABLE CT_PERSON ALTER COLUMN " + column + " TYPE " + context.sortKeyType(Person.SORT_KEY_LENGTH));
        }
        context.execute("ALTER TABLE CT_ORGANIZATION ADD COLUMN SORT_KEY " + context.sortKeyType(Person.SORT_KEY_LENGTH),
                "CREATE TABLE CT_SORT_STATE (ENTITY VARCHAR(20) NOT NULL PRIMARY KEY, LANGUAGE VARCHAR(20), LAST_ID VARCHAR(36))",
                "INSERT INTO CT_SORT_STATE (ENTITY) VALUES ('PERSON')",
                "INSERT INTO CT_SORT_STATE (ENTITY) VALUES ('ORGANIZATION')");
        context.createSortIndex("CT_ORG_SORT", "CT_ORGANIZATION", "SORT_KEY");
    }

    /**
     * Migration 4: every list's sort has an index on (key, ID), so that a page is an index
     * range (RecordLists) at any depth. Names sort by lower-cased key columns that Person's
     * setters keep.
     */
    private static void listIndexes(MigrationContext context) throws SQLException {
        context.execute(
                "ALTER TABLE CT_PERSON ADD COLUMN FIRST_NAME_KEY " + context.sortKeyType(100),
                "ALTER TABLE CT_PERSON ADD COLUMN LAST_NAME_KEY " + context.sortKeyType(100),
                "UPDATE CT_PERSON SET FIRST_NAME_KEY = LOWER(FIRST_NAME), LAST_NAME_KEY = LOWER(LAST_NAME)");
        if (context.database() == DatabaseKind.POSTGRESQL) {
            context.execute("ALTER TABLE CT_ORGANIZATION ALTER COLUMN NAME_KEY TYPE " + context.sortKeyType(200));
        }
        context.createSortIndex("CT_PERSON_ID", "CT_PERSON", "ID");
        context.createSortIndex("CT_PERSON_FIRST_KEY", "CT_PERSON", "FIRST_NAME_KEY");
        context.createSortIndex("CT_PERSON_LAST_KEY", "CT_PERSON", "LAST_NAME_KEY");
        context.createSortIndex("CT_PERSON_UPDATED", "CT_PERSON", "UPDATED_AT");
        context.createSortIndex("CT_ORG_ID", "CT_ORGANIZATION", "ID");
        context.createSortIndex("CT_ORG_NAME_ID", "CT_ORGANIZATION", "NAME_KEY");
        context.createSortIndex("CT_REL_ID", "CT_RELATIONSHIP", "ID");
        context.createSortIndex("CT_TASK_DUE_ID", "CT_TASK", "DUE_AT");
        context.createReachIndex("CT_PERSON_REACH", "CT_PERSON");
        context.createReachIndex("CT_ORG_REACH", "CT_ORGANIZATION");
        context.createReachIndex("CT_REL_REACH", "CT_RELATIONSHIP");
        context.createReachIndex("CT_TASK_REACH", "CT_TASK");
    }
}
