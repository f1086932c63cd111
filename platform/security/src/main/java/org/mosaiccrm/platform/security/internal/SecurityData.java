package org.mosaiccrm.platform.security.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.osgi.service.component.annotations.Component;

/**
 * The tables of users, teams, roles, sessions, login throttling and the audit log. They are
 * worked with through SQL (see {@link Sql}), so the contribution has no Cayenne project.
 */
@Component(service = DataContribution.class, property = "mosaic.data=security")
public class SecurityData implements DataContribution {

    static final String MODULE_ID = "security";
    static final String ADMIN_ROLE_ID = "00000000-0000-7000-8000-000000000001";
    static final String USER_ROLE_ID = "00000000-0000-7000-8000-000000000002";
    /** The built-in roles that came with modules' default grants (issue 17), by name; fixed ids, as admin's and user's. */
    static final java.util.Map<String, String> WORK_ROLE_IDS = new java.util.LinkedHashMap<>();

    static {
        WORK_ROLE_IDS.put("manager", "00000000-0000-7000-8000-000000000003");
        WORK_ROLE_IDS.put("sales", "00000000-0000-7000-8000-000000000004");
        WORK_ROLE_IDS.put("marketing", "00000000-0000-7000-8000-000000000005");
        WORK_ROLE_IDS.put("support", "00000000-0000-7000-8000-000000000006");
    }

    @Override
    public String moduleId() {
        return MODULE_ID;
    }

    @Override
    public String cayenneProject() {
        return null;
    }

    @Override
    public List<Migration> migrations() {
        String stamp = "VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL";
        return List.of(
                Migration.of(1, "users, teams, roles, sessions, throttling, audit",
                        "CREATE TABLE SEC_TEAM (ID VARCHAR(36) NOT NULL PRIMARY KEY, NAME VARCHAR(100) NOT NULL,"
                                + " NAME_KEY VARCHAR(100) NOT NULL, " + stamp + ")",
                        "CREATE UNIQUE INDEX SEC_TEAM_NAME ON SEC_TEAM (NAME_KEY)",
                        "CREATE TABLE SEC_ROLE (ID VARCHAR(36) NOT NULL PRIMARY KEY, NAME VARCHAR(100) NOT NULL,"
                                + " NAME_KEY VARCHAR(100) NOT NULL, BUILTIN SMALLINT NOT NULL, " + stamp + ")",
                        "CREATE UNIQUE INDEX SEC_ROLE_NAME ON SEC_ROLE (NAME_KEY)",
                        "CREATE TABLE SEC_ROLE_PERMISSION (ROLE_ID VARCHAR(36) NOT NULL, PERMISSION VARCHAR(100) NOT NULL,"
                                + " PRIMARY KEY (ROLE_ID, PERMISSION))",
                        "CREATE TABLE SEC_USER (ID VARCHAR(36) NOT NULL PRIMARY KEY, USERNAME VARCHAR(100) NOT NULL,"
                                + " USERNAME_KEY VARCHAR(100) NOT NULL, PASSWORD_HASH VARCHAR(200) NOT NULL,"
                                + " TEAM_ID VARCHAR(36) NOT NULL, ENABLED SMALLINT NOT NULL, PASSWORD_CHANGED_AT TIMESTAMP NOT NULL, "
                                + stamp + ")",
                        "CREATE UNIQUE INDEX SEC_USER_NAME ON SEC_USER (USERNAME_KEY)",
                        "CREATE INDEX SEC_USER_TEAM ON SEC_USER (TEAM_ID)",
                        "CREATE TABLE SEC_USER_ROLE (USER_ID VARCHAR(36) NOT NULL, ROLE_ID VARCHAR(36) NOT NULL,"
                                + " PRIMARY KEY (USER_ID, ROLE_ID))",
                        "CREATE TABLE SEC_SESSION (TOKEN_HASH VARCHAR(64) NOT NULL PRIMARY KEY, ID VARCHAR(36) NOT NULL,"
                                + " USER_ID VARCHAR(36) NOT NULL, KIND VARCHAR(10) NOT NULL, NAME VARCHAR(100),"
                                + " CSRF_TOKEN VARCHAR(64), CREATED_AT TIMESTAMP NOT NULL, LAST_SEEN_AT TIMESTAMP NOT NULL,"
                                + " EXPIRES_AT TIMESTAMP NOT NULL)",
                        "CREATE INDEX SEC_SESSION_USER ON SEC_SESSION (USER_ID)",
                        "CREATE UNIQUE INDEX SEC_SESSION_ID ON SEC_SESSION (ID)",
                        "CREATE TABLE SEC_THROTTLE (KEY_ID VARCHAR(200) NOT NULL PRIMARY KEY, FAILURES INTEGER NOT NULL,"
                                + " WINDOW_START TIMESTAMP NOT NULL, BLOCKED_UNTIL TIMESTAMP)",
                        "CREATE TABLE SEC_AUDIT (ID VARCHAR(36) NOT NULL PRIMARY KEY, OCCURRED_AT TIMESTAMP NOT NULL,"
                                + " ACTOR VARCHAR(100), ACTION VARCHAR(100) NOT NULL, TARGET VARCHAR(300), DETAIL VARCHAR(8000),"
                                + " ADDRESS VARCHAR(64))",
                        "CREATE INDEX SEC_AUDIT_AT ON SEC_AUDIT (OCCURRED_AT, ID)",
                        "INSERT INTO SEC_ROLE (ID, NAME, NAME_KEY, BUILTIN, VERSION, CREATED_AT, UPDATED_AT) VALUES ('"
                                + ADMIN_ROLE_ID + "', 'admin', 'admin', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                        "INSERT INTO SEC_ROLE (ID, NAME, NAME_KEY, BUILTIN, VERSION, CREATED_AT, UPDATED_AT) VALUES ('"
                                + USER_ROLE_ID + "', 'user', 'user', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                // Counts changes to what a user may do (their roles, their roles' permissions
                // and names), so that every request can tell from the one row it reads anyway
                // whether the roles and permissions it remembers are still current.
                Migration.of(2, "users: access version",
                        "ALTER TABLE SEC_USER ADD COLUMN ACCESS_VERSION BIGINT DEFAULT 0 NOT NULL"),
                // The audit log pages newest first by keyset; Derby reads an index one way only.
                Migration.of(3, "audit: newest-first index", context -> {
                    if (context.database() == org.mosaiccrm.platform.api.persistence.DatabaseKind.DERBY) {
                        context.execute("CREATE INDEX SEC_AUDIT_AT_D ON SEC_AUDIT (OCCURRED_AT DESC, ID DESC)");
                    }
                }),
                // One row every node reads per request and every security change moves, so that a
                // node's remembered sessions never outlive a change made through another node.
                Migration.of(4, "security epoch shared by all nodes",
                        "CREATE TABLE SEC_EPOCH (ID INTEGER NOT NULL PRIMARY KEY, N BIGINT NOT NULL)",
                        "INSERT INTO SEC_EPOCH (ID, N) VALUES (1, 0)"),
                Migration.of(5, "built-in roles manager, sales, marketing, support; default grants applied", SecurityData::workRoles),
                // A user's mail address, unique when given (a reset by address must find one
                // user), and the one-time links of password resets by mail: only their hashes.
                Migration.of(6, "users: mail address; password resets",
                        "ALTER TABLE SEC_USER ADD COLUMN EMAIL VARCHAR(254)",
                        "ALTER TABLE SEC_USER ADD COLUMN EMAIL_KEY VARCHAR(254)",
                        "ALTER TABLE SEC_USER ADD CONSTRAINT SEC_USER_EMAIL UNIQUE (EMAIL_KEY)",
                        "CREATE TABLE SEC_PASSWORD_RESET (ID VARCHAR(36) NOT NULL PRIMARY KEY, TOKEN_HASH VARCHAR(64) NOT NULL,"
                                + " USER_ID VARCHAR(36) NOT NULL, CREATED_AT TIMESTAMP NOT NULL, EXPIRES_AT TIMESTAMP NOT NULL,"
                                + " USED_AT TIMESTAMP)",
                        "CREATE UNIQUE INDEX SEC_PASSWORD_RESET_TOKEN ON SEC_PASSWORD_RESET (TOKEN_HASH)",
                        "CREATE INDEX SEC_PASSWORD_RESET_USER ON SEC_PASSWORD_RESET (USER_ID, CREATED_AT)"),
                // Password resets and invitations are one kind of thing, a one-time link by
                // mail (OneTimeTokens): one table with the link's kind and how it ended. An
                // invited user is a user not yet able to sign in, until they accept.
                Migration.of(7, "one-time links (password resets, invitations); invited users",
                        "CREATE TABLE SEC_ONE_TIME_TOKEN (ID VARCHAR(36) NOT NULL PRIMARY KEY, KIND VARCHAR(10) NOT NULL,"
                                + " TOKEN_HASH VARCHAR(64) NOT NULL, USER_ID VARCHAR(36) NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
                                + " EXPIRES_AT TIMESTAMP NOT NULL, ENDED_AT TIMESTAMP, ENDED_AS VARCHAR(10))",
                        "CREATE UNIQUE INDEX SEC_ONE_TIME_TOKEN_HASH ON SEC_ONE_TIME_TOKEN (TOKEN_HASH)",
                        "CREATE INDEX SEC_ONE_TIME_TOKEN_USER ON SEC_ONE_TIME_TOKEN (USER_ID, KIND, CREATED_AT)",
                        "INSERT INTO SEC_ONE_TIME_TOKEN (ID, KIND, TOKEN_HASH, USER_ID, CREATED_AT, EXPIRES_AT, ENDED_AT)"
                                + " SELECT ID, 'reset', TOKEN_HASH, USER_ID, CREATED_AT, EXPIRES_AT, USED_AT FROM SEC_PASSWORD_RESET",
                        "UPDATE SEC_ONE_TIME_TOKEN SET ENDED_AS = 'used' WHERE ENDED_AT IS NOT NULL",
                        "DROP TABLE SEC_PASSWORD_RESET",
                        "ALTER TABLE SEC_USER ADD COLUMN INVITED_AT TIMESTAMP"),
                // Customer portal accounts and their sessions, apart from staff users and theirs:
                // a customer is a person of the CRM, never a user, and no join of the staff
                // session lookup can ever find one. Invitations are one-time links of kind
                // 'portal' whose USER_ID is the account's id.
                Migration.of(8, "customer portal accounts and sessions",
                        "CREATE TABLE SEC_PORTAL_ACCOUNT (ID VARCHAR(36) NOT NULL PRIMARY KEY, PERSON_ID VARCHAR(36) NOT NULL,"
                                + " EMAIL VARCHAR(254) NOT NULL, EMAIL_KEY VARCHAR(254) NOT NULL, PASSWORD_HASH VARCHAR(200) NOT NULL,"
                                + " ENABLED SMALLINT NOT NULL, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
                                + " UPDATED_AT TIMESTAMP NOT NULL)",
                        "CREATE UNIQUE INDEX SEC_PORTAL_ACCOUNT_PERSON ON SEC_PORTAL_ACCOUNT (PERSON_ID)",
                        "CREATE UNIQUE INDEX SEC_PORTAL_ACCOUNT_EMAIL ON SEC_PORTAL_ACCOUNT (EMAIL_KEY)",
                        "CREATE TABLE SEC_PORTAL_SESSION (TOKEN_HASH VARCHAR(64) NOT NULL PRIMARY KEY, ID VARCHAR(36) NOT NULL,"
                                + " ACCOUNT_ID VARCHAR(36) NOT NULL, CSRF_TOKEN VARCHAR(64), CREATED_AT TIMESTAMP NOT NULL,"
                                + " LAST_SEEN_AT TIMESTAMP NOT NULL, EXPIRES_AT TIMESTAMP NOT NULL)",
                        "CREATE INDEX SEC_PORTAL_SESSION_ACCOUNT ON SEC_PORTAL_SESSION (ACCOUNT_ID)"));
    }

    /**
     * Migration 5: the roles a company recognises, on fresh and existing installs alike (an
     * existing role of the same name is kept as the administrator made it), and the record of
     * which module's default grants went to which role (see DefaultGrants). On an existing
     * install the role {@code user} is the administrator's already: a marker row for module
     * {@code *} keeps modules' defaults away from it.
     */
    private static void workRoles(org.mosaiccrm.platform.spi.MigrationContext context) throws java.sql.SQLException {
        context.execute("CREATE TABLE SEC_DEFAULT_GRANT (MODULE_ID VARCHAR(100) NOT NULL, ROLE_ID VARCHAR(36) NOT NULL,"
                + " APPLIED_AT TIMESTAMP NOT NULL, PRIMARY KEY (MODULE_ID, ROLE_ID))");
        for (java.util.Map.Entry<String, String> role : WORK_ROLE_IDS.entrySet()) {
            // SEC_EPOCH has exactly one row: a source for a conditional insert both databases understand.
            context.execute("INSERT INTO SEC_ROLE (ID, NAME, NAME_KEY, BUILTIN, VERSION, CREATED_AT, UPDATED_AT) SELECT '"
                    + role.getValue() + "', '" + role.getKey() + "', '" + role.getKey() + "', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                    + " FROM SEC_EPOCH WHERE NOT EXISTS (SELECT 1 FROM SEC_ROLE WHERE NAME_KEY = '" + role.getKey() + "')");
        }
        context.execute("INSERT INTO SEC_DEFAULT_GRANT (MODULE_ID, ROLE_ID, APPLIED_AT) SELECT '" + DefaultGrants.EVERY_MODULE
                + "', '" + USER_ROLE_ID + "', CURRENT_TIMESTAMP FROM SEC_EPOCH WHERE EXISTS (SELECT 1 FROM SEC_USER)");
    }
}
