package org.mosaiccrm.platform.persistence.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.access.DataContext;
import org.apache.cayenne.map.ObjAttribute;
import org.apache.cayenne.map.ObjEntity;
import org.apache.cayenne.query.InsertBatchQuery;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * The insert path of {@code Persistence.writeMany}: a transaction's new records, taken out of
 * the context before its commit and written as one JDBC batch per table (on PostgreSQL the
 * driver sends a batch as multi-row INSERTs). Cayenne's commit tracks every attribute of every
 * new object through several passes (row operations, commit log before and after, indirect
 * diffs, callbacks, post-processing); for an import's batch of hundreds of new records that
 * was most of the importing thread's time, several times what the inserts cost (a profile of
 * the orders import, docs/bench/funnel.md). The records still reach the commit collector as
 * created ones, so events, change log, audit and derived tables see them as before.
 */
final class BulkInserts {

    /** Fewer new records than this commit the usual way: the batch is not worth leaving the context for. */
    static final int AT_LEAST = 20;

    private BulkInserts() {
    }

    static void insert(ObjectContext context, CommitCollector collector) {
        List<MosaicRecord> records = new ArrayList<>();
        for (Object o : context.newObjects()) {
            if (o instanceof MosaicRecord record) {
                records.add(record);
            }
        }
        if (records.size() < AT_LEAST) {
            return;
        }
        Map<ObjEntity, List<MosaicRecord>> byEntity = new LinkedHashMap<>();
        for (MosaicRecord record : records) {
            byEntity.computeIfAbsent(context.getEntityResolver().getObjEntity(record), e -> new ArrayList<>()).add(record);
        }
        // Out of the context first: its commit must not insert them a second time.
        ((DataContext) context).unregisterObjects(records);
        byEntity.forEach((entity, rows) -> {
            InsertBatchQuery insert = new InsertBatchQuery(entity.getDbEntity(), rows.size());
            for (MosaicRecord record : rows) {
                Map<String, Object> values = new LinkedHashMap<>();
                Map<String, Object> columns = new java.util.HashMap<>();
                for (ObjAttribute attribute : entity.getAttributes()) {
                    Object value = record.readPropertyDirectly(attribute.getName());
                    values.put(attribute.getName(), value);
                    if (attribute.getDbAttribute() != null) {
                        columns.put(attribute.getDbAttributeName(), value);
                    }
                }
                insert.add(columns);
                collector.inserted(entity, record, values);
            }
            context.performGenericQuery(insert);
        });
    }
}
