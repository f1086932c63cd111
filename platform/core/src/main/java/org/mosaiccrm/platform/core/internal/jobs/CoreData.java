package org.mosaiccrm.platform.core.internal.jobs;

import java.util.List;

import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.osgi.service.component.annotations.Component;

/** The platform core's own tables: job leases (one node per job at a time), notifications, job runs, module state, stored files. */
@Component(service = DataContribution.class, property = "mosaic.data=platform")
public class CoreData implements DataContribution {

    @Override
    public String moduleId() {
        return "platform";
    }

    @Override
    public String cayenneProject() {
        return null;
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "job leases",
                "CREATE TABLE MOSAIC_JOB_LEASE (JOB_ID VARCHAR(100) NOT NULL PRIMARY KEY, HOLDER VARCHAR(64) NOT NULL,"
                        + " LEASED_UNTIL TIMESTAMP NOT NULL, LAST_RUN_AT TIMESTAMP, LAST_ERROR VARCHAR(1000))"),
                Migration.of(2, "notifications",
                        "CREATE TABLE MOSAIC_NOTIFICATION (ID VARCHAR(36) NOT NULL PRIMARY KEY, USER_ID VARCHAR(36) NOT NULL,"
                                + " TITLE VARCHAR(300) NOT NULL, BODY VARCHAR(2000), LINK VARCHAR(300), CREATED_AT TIMESTAMP NOT NULL,"
                                + " READ_AT TIMESTAMP)",
                        "CREATE INDEX MOSAIC_NOTIFICATION_USER ON MOSAIC_NOTIFICATION (USER_ID, CREATED_AT)"),
                Migration.of(3, "job runs and their row errors",
                        "CREATE TABLE MOSAIC_JOB_RUN (ID VARCHAR(36) NOT NULL PRIMARY KEY, KIND VARCHAR(100) NOT NULL,"
                                + " OWNER_ID VARCHAR(36) NOT NULL, STATE VARCHAR(20) NOT NULL, INPUT_REF VARCHAR(1000),"
                                + " PROCESSED BIGINT NOT NULL, CREATED BIGINT NOT NULL, UPDATED BIGINT NOT NULL, SKIPPED BIGINT NOT NULL,"
                                + " FAILED BIGINT NOT NULL, RESUME_AT BIGINT NOT NULL, HOLDER VARCHAR(64), HEARTBEAT_AT TIMESTAMP,"
                                + " MESSAGE VARCHAR(2000), CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)",
                        "CREATE INDEX MOSAIC_JOB_RUN_STATE ON MOSAIC_JOB_RUN (KIND, STATE)",
                        "CREATE TABLE MOSAIC_JOB_ERROR (JOB_ID VARCHAR(36) NOT NULL, ROW_NO BIGINT NOT NULL,"
                                + " REASON VARCHAR(1000) NOT NULL, PRIMARY KEY (JOB_ID, ROW_NO))"),
                // An import's column mapping and owner, so that a resumed run imports as the first did.
                Migration.of(4, "job run parameters", "ALTER TABLE MOSAIC_JOB_RUN ADD COLUMN PARAMETERS VARCHAR(8000)"),
                Migration.of(5, "per-user preferences",
                        "CREATE TABLE MOSAIC_USER_PREFERENCE (USER_ID VARCHAR(36) NOT NULL, PREF_KEY VARCHAR(100) NOT NULL,"
                                + " PREF_VALUE VARCHAR(16384) NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, PRIMARY KEY (USER_ID, PREF_KEY))"),
                Migration.of(6, "the records a job works through",
                        "CREATE TABLE MOSAIC_JOB_ITEM (JOB_ID VARCHAR(36) NOT NULL, SEQ BIGINT NOT NULL, RECORD_ID VARCHAR(36) NOT NULL,"
                                + " PRIMARY KEY (JOB_ID, SEQ))"),
                // Which modules are on: the database's word, so that an upgrade (which clears Karaf's
                // bundle cache, where Karaf keeps its own) and every node restore the same state.
                Migration.of(7, "module on/off state",
                        "CREATE TABLE MOSAIC_MODULE_STATE (MODULE_ID VARCHAR(100) NOT NULL PRIMARY KEY, ENABLED BOOLEAN NOT NULL,"
                                + " CHANGED_AT TIMESTAMP NOT NULL)"),
                // Files stored for records (org.mosaiccrm.platform.api.files): their bytes in the database, so that a
                // backup holds them and everything can be rebuilt from it; read by owner, never sorted by content.
                Migration.of(8, "stored files", context -> context.execute(
                        "CREATE TABLE MOSAIC_FILE (ID VARCHAR(36) NOT NULL PRIMARY KEY, OWNER_ENTITY VARCHAR(100) NOT NULL,"
                                + " OWNER_ID VARCHAR(36) NOT NULL, NAME VARCHAR(255) NOT NULL, CONTENT_TYPE VARCHAR(100) NOT NULL,"
                                + " BYTE_SIZE BIGINT NOT NULL, SHA256 VARCHAR(64) NOT NULL, CONTENT "
                                + (context.database() == org.mosaiccrm.platform.api.persistence.DatabaseKind.DERBY ? "BLOB" : "BYTEA")
                                + " NOT NULL, CREATED_BY VARCHAR(100), CREATED_AT TIMESTAMP NOT NULL)",
                        "CREATE INDEX MOSAIC_FILE_OWNER ON MOSAIC_FILE (OWNER_ENTITY, OWNER_ID, CREATED_AT)")));
    }
}
