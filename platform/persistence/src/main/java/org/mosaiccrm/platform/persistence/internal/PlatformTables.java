package org.mosaiccrm.platform.persistence.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.Migration;

/**
 * Tables of platform services that modules' own migrations move data into, so they must exist
 * before any module is migrated: the engine creates them when it starts, like the change log,
 * rather than leaving them to a contribution whose turn among the others is not known.
 */
final class PlatformTables {

    /** The custom field definitions of every module's entities (org.mosaiccrm.platform.api.fields). */
    static final String FIELDS_SCHEMA_ID = "platform.fields";
    static final List<Migration> FIELDS = List.of(Migration.of(1, "custom field definitions of every module",
            "CREATE TABLE MOSAIC_CUSTOM_FIELD (ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL,"
                    + " CREATED_AT TIMESTAMP NOT NULL, UPDATED_AT TIMESTAMP NOT NULL, MODULE_ID VARCHAR(100) NOT NULL,"
                    + " ENTITY VARCHAR(40) NOT NULL, FIELD_KEY VARCHAR(40) NOT NULL, LABEL VARCHAR(100) NOT NULL,"
                    + " FIELD_TYPE VARCHAR(10) NOT NULL, CHOICES VARCHAR(4000), REQUIRED BOOLEAN NOT NULL,"
                    + " POSITION INTEGER NOT NULL, ARCHIVED BOOLEAN NOT NULL)",
            "CREATE UNIQUE INDEX MOSAIC_CUSTOM_FIELD_KEY ON MOSAIC_CUSTOM_FIELD (MODULE_ID, ENTITY, FIELD_KEY)"));

    private PlatformTables() {
    }
}
