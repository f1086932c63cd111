package org.mosaiccrm.platform.persistence.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.apache.cayenne.CayenneRuntimeException;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.access.DataContext;
import org.apache.cayenne.access.DataNode;
import org.apache.cayenne.access.types.ExtendedType;
import org.apache.cayenne.access.types.ExtendedTypeMap;
import org.apache.cayenne.map.DbAttribute;
import org.apache.cayenne.map.ObjAttribute;
import org.apache.cayenne.map.ObjEntity;
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
 *
 * <p>The rows are bound here rather than through Cayenne's batch query: that looks up each
 * value's type by its class name in a map (a string hash per value) and sends a
 * {@code LocalDateTime} as a {@code java.sql.Timestamp} through a {@code Calendar}; together
 * a third of the orders import's thread (the same profile, after the parts were folded). The
 * common types are bound directly; any other goes through Cayenne's type for it, as before.
 */
final class BulkInserts {

    /** Fewer new records than this commit the usual way: the batch is not worth leaving the context for. */
    static final int AT_LEAST = 20;

    private BulkInserts() {
    }

    static void insert(ObjectContext context, CommitCollector collector, boolean postgres) {
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
        DataContext dataContext = (DataContext) context;
        dataContext.unregisterObjects(records);
        byEntity.forEach((entity, rows) -> {
            DataNode node = dataContext.getParentDataDomain().lookupDataNode(entity.getDataMap());
            Table table = new Table(entity, node.getAdapter().getExtendedTypes(), postgres);
            try {
                // The transaction's own connection: Cayenne's data source for the node joins it.
                table.insert(node.getDataSource().getConnection(), rows, collector);
            } catch (SQLException e) {
                throw new CayenneRuntimeException("Inserting %d rows into %s failed", e, rows.size(), entity.getDbEntityName());
            }
        });
    }

    /** One table's insert: its columns, the statement and how each column's values are bound. */
    static final class Table {
        private final ObjEntity entity;
        private final List<ObjAttribute> attributes = new ArrayList<>();
        private final List<DbAttribute> columns = new ArrayList<>();
        private final ExtendedTypeMap types;
        private final boolean javaTime;
        private final String sql;

        Table(ObjEntity entity, ExtendedTypeMap types, boolean javaTime) {
            this.entity = entity;
            this.types = types;
            this.javaTime = javaTime;
            // Each column of the entity's own table once, as Cayenne's insert writes them: an
            // attribute flattened from another table, or a second one on the same column, is not bound.
            java.util.Set<String> named = new java.util.HashSet<>();
            for (ObjAttribute attribute : entity.getAttributes()) {
                DbAttribute column = attribute.getDbAttribute();
                attributes.add(attribute);
                columns.add(column != null && column.getEntity() == entity.getDbEntity() && named.add(column.getName()) ? column : null);
            }
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (DbAttribute column : columns) {
                if (column != null) {
                    names.append(names.length() == 0 ? "" : ", ").append(column.getName());
                    marks.append(marks.length() == 0 ? "?" : ", ?");
                }
            }
            this.sql = "INSERT INTO " + entity.getDbEntity().getFullyQualifiedName() + " (" + names + ") VALUES (" + marks + ")";
        }

        void insert(Connection connection, List<MosaicRecord> rows, CommitCollector collector) throws SQLException {
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                for (MosaicRecord record : rows) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    int position = 0;
                    for (int i = 0; i < attributes.size(); i++) {
                        ObjAttribute attribute = attributes.get(i);
                        Object value = record.readPropertyDirectly(attribute.getName());
                        values.put(attribute.getName(), value);
                        DbAttribute column = columns.get(i);
                        if (column != null) {
                            bind(st, ++position, value, column);
                        }
                    }
                    st.addBatch();
                    collector.inserted(entity, record, values);
                }
                st.executeBatch();
            }
        }

        private void bind(PreparedStatement st, int position, Object value, DbAttribute column) throws SQLException {
            if (value == null) {
                st.setNull(position, column.getType());
            } else if (value instanceof String text) {
                st.setString(position, text);
            } else if (value instanceof LocalDateTime time) {
                // PostgreSQL's driver writes a LocalDateTime as it is; a Timestamp goes through the JVM's zone and a Calendar.
                if (javaTime) {
                    st.setObject(position, time);
                } else {
                    st.setTimestamp(position, Timestamp.valueOf(time));
                }
            } else if (value instanceof BigDecimal number) {
                st.setBigDecimal(position, number);
            } else if (value instanceof Integer number) {
                st.setInt(position, number);
            } else if (value instanceof Long number) {
                st.setLong(position, number);
            } else if (value instanceof Boolean flag) {
                st.setBoolean(position, flag);
            } else {
                try {
                    @SuppressWarnings("unchecked")
                    ExtendedType<Object> type = types.getRegisteredType(value.getClass());
                    type.setJdbcObject(st, value, position, column.getType(), column.getScale());
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new SQLException("Binding " + column.getName() + " failed", e);
                }
            }
        }
    }
}
