package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * The desk's set-up records — calendars, queues, SLA policies — are company-wide: every agent
 * picks from them, so they are read without the record access rule; changing them takes
 * {@code tickets.admin}.
 */
final class Setup {

    private Setup() {
    }

    /** The record of this id, or 404 naming what was looked for. */
    static <R extends MosaicRecord> R find(ObjectContext ctx, Class<R> type, String id, String what) {
        R record = RecordIds.isWellFormed(id) ? ObjectSelect.query(type).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (record == null) {
            throw Problems.notFound(what, id);
        }
        return record;
    }

    /** Whether a record of this id exists (a reference in a body is checked with it). */
    static boolean exists(ObjectContext ctx, Class<? extends MosaicRecord> type, String id) {
        return RecordIds.isWellFormed(id) && ObjectSelect.query(type).where(MosaicRecord.ID.eq(id)).selectCount(ctx) > 0;
    }
}
