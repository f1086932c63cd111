package org.mosaiccrm.platform.persistence.internal;

import java.time.LocalDateTime;

import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;

/**
 * Fills the bookkeeping of every {@link MosaicRecord}: id, creation time and version 1 when
 * the record is created in a context, update time and version on every committed change. The version is also the optimistic-lock attribute,
 * so an UPDATE only matches the row when nobody else bumped it in between.
 */
public final class RecordStamper {

    public void postAdd(Object object) {
        if (object instanceof MosaicRecord record) {
            LocalDateTime now = now();
            if (record.getId() == null) {
                record.setId(RecordIds.newId());
            }
            record.setCreatedAt(now);
            record.setUpdatedAt(now);
            record.setVersion(1L);
        }
    }

    public void preUpdate(Object object) {
        if (object instanceof MosaicRecord record) {
            record.setUpdatedAt(now());
            Long version = record.getVersion();
            record.setVersion(version == null ? 1L : version + 1);
        }
    }

    /** Timestamps are stored in UTC, without zone, so that Derby and PostgreSQL agree. */
    public static LocalDateTime now() {
        return org.mosaiccrm.platform.api.persistence.Sql.now();
    }
}
