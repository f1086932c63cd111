package org.mosaiccrm.platform.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.ObjectId;
import org.apache.cayenne.commitlog.CommitLogListener;
import org.apache.cayenne.commitlog.model.ChangeMap;
import org.apache.cayenne.commitlog.model.ObjectChange;
import org.apache.cayenne.map.ObjEntity;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.events.RecordChange;
import org.mosaiccrm.platform.spi.DerivedTable;

/**
 * Turns Cayenne's commit log into {@link CommitEvent}s. Cayenne reports a flush while the
 * surrounding transaction is still open, so changes are held per thread and handed to the
 * sink only when {@link PersistenceEngine#write} has committed; a rollback drops them.
 */
final class CommitCollector implements CommitLogListener {

    private final ThreadLocal<List<CommitEvent>> pending = new ThreadLocal<>();
    /** Names of the records this thread's transaction deletes, taken before they lose their values. */
    private final ThreadLocal<Map<ObjectId, String>> removedNames = ThreadLocal.withInitial(java.util.HashMap::new);
    /** How many of this thread's pending changes are already in the change log. */
    private final ThreadLocal<int[]> logged = ThreadLocal.withInitial(() -> new int[1]);
    /** This thread's changes of entities that feed derived tables, not yet applied to them. */
    private final ThreadLocal<List<Derived>> derivedPending = new ThreadLocal<>();
    private final Function<String, ObjEntity> entities;
    private final Supplier<String> actor;
    /** The derived tables an entity (by name) feeds; empty for most. */
    private final Function<String, List<DerivedTable>> derivedTables;

    /** A change waiting for the derived tables of its entity. */
    record Derived(List<DerivedTable> tables, DerivedTable.Change change) {
    }

    CommitCollector(Function<String, ObjEntity> entities, Supplier<String> actor, Function<String, List<DerivedTable>> derivedTables) {
        this.entities = entities;
        this.actor = actor;
        this.derivedTables = derivedTables;
    }

    /**
     * Starts collecting for this thread; false when a surrounding write already collects (a
     * write nested in another joins its transaction, so the outer one publishes).
     */
    boolean begin() {
        if (pending.get() != null) {
            return false;
        }
        pending.set(new ArrayList<>());
        derivedPending.set(new ArrayList<>());
        logged.get()[0] = 0;
        return true;
    }

    /**
     * The changes collected since the last call, for the change log of the still open
     * transaction (nested writes each log theirs; the outermost publishes them all).
     */
    List<CommitEvent> unlogged() {
        List<CommitEvent> events = pending.get();
        if (events == null) {
            return List.of();
        }
        int[] mark = logged.get();
        List<CommitEvent> fresh = List.copyOf(events.subList(mark[0], events.size()));
        mark[0] = events.size();
        return fresh;
    }

    /**
     * The changes for derived tables written since the last call, for the still open transaction;
     * each write applies them right after its flush, before the commit.
     */
    List<Derived> unapplied() {
        List<Derived> changes = derivedPending.get();
        if (changes == null || changes.isEmpty()) {
            return List.of();
        }
        List<Derived> fresh = List.copyOf(changes);
        changes.clear();
        return fresh;
    }

    /** The changes of the finished transaction, and the end of collecting for this thread. */
    List<CommitEvent> end() {
        List<CommitEvent> events = pending.get();
        pending.remove();
        derivedPending.remove();
        logged.remove();
        removedNames.remove();
        return events == null ? List.of() : events;
    }

    /**
     * A record written by {@link BulkInserts} rather than by Cayenne's commit: the same event as
     * Cayenne's commit log would have given for it (every attribute that has a value, from
     * nothing), and its change for the derived tables of its entity.
     */
    void inserted(ObjEntity entity, MosaicRecord record, Map<String, Object> values) {
        List<CommitEvent> target = pending.get();
        if (target == null) {
            throw new IllegalStateException("Records inserted outside Persistence.write");
        }
        List<String> fields = new ArrayList<>();
        Map<String, List<String>> texts = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                fields.add(name);
                texts.put(name, java.util.Arrays.asList(null, text(value)));
            }
        });
        String name = record.displayName();
        target.add(new CommitEvent(entity.getDataMap().getName(), entity.getName(), record.getId(), RecordChange.CREATED, fields, texts,
                actor.get(), name == null ? null : text(name), whole(record.getObjectContext(), record, null)));
        List<DerivedTable> tables = derivedTables.apply(entity.getName());
        if (!tables.isEmpty()) {
            derivedPending.get().add(new Derived(tables, new DerivedTable.Change(null, new java.util.HashMap<>(values))));
        }
    }

    /** Cayenne's PRE_REMOVE callback: remembers the name of a record about to be deleted. */
    public void beforeRemove(Object object) {
        if (pending.get() != null && object instanceof MosaicRecord record && record.getObjectId() != null) {
            String name = record.displayName();
            if (name != null) {
                removedNames.get().put(record.getObjectId(), name);
            }
        }
    }

    @Override
    public void onPostCommit(ObjectContext originatingContext, ChangeMap changes) {
        List<CommitEvent> target = pending.get();
        if (target == null) {
            // A commit outside Persistence.write: no change log, no events — and no derived tables.
            return;
        }
        String who = actor.get();
        for (ObjectChange change : changes.getUniqueChanges()) {
            ObjectId id = change.getPostCommitId() != null ? change.getPostCommitId() : change.getPreCommitId();
            ObjEntity entity = entities.apply(id.getEntityName());
            if (entity == null) {
                continue;
            }
            List<DerivedTable> tables = derivedTables.apply(entity.getName());
            if (!tables.isEmpty()) {
                derivedPending.get().add(new Derived(tables, derivedChange(originatingContext, entity, id, change)));
            }
            Object key = firstKeyValue(id.getIdSnapshot());
            RecordChange kind = switch (change.getType()) {
                case INSERT -> RecordChange.CREATED;
                case UPDATE -> RecordChange.UPDATED;
                case DELETE -> RecordChange.DELETED;
            };
            List<String> fields = kind == RecordChange.DELETED ? List.of() : List.copyOf(change.getChanges().keySet());
            Map<String, List<String>> values = new java.util.LinkedHashMap<>();
            change.getAttributeChanges().forEach((name, ac) ->
                    values.put(name, java.util.Arrays.asList(text(ac.getOldValue()), text(ac.getNewValue()))));
            Object node = originatingContext == null ? null : originatingContext.getGraphManager().getNode(id);
            target.add(new CommitEvent(entity.getDataMap().getName(), entity.getName(), String.valueOf(key), kind, fields, values, who,
                    kind == RecordChange.DELETED ? removedName(change.getPreCommitId()) : name(originatingContext, id),
                    node instanceof MosaicRecord record ? whole(originatingContext, record, change) : null));
        }
    }

    /**
     * The record's attribute values before and after the change: a deleted record's old values
     * are all in the change (Cayenne reports every attribute of its snapshot); a created or
     * changed record has its current values in the context, and a change's old values override
     * the current ones for the attributes it touched.
     */
    private static DerivedTable.Change derivedChange(ObjectContext context, ObjEntity entity, ObjectId id, ObjectChange change) {
        if (change.getType() == org.apache.cayenne.commitlog.model.ObjectChangeType.DELETE) {
            Map<String, Object> before = new java.util.HashMap<>();
            change.getAttributeChanges().forEach((name, ac) -> before.put(name, ac.getOldValue()));
            return new DerivedTable.Change(before, null);
        }
        Object node = context.getGraphManager().getNode(id);
        if (!(node instanceof org.apache.cayenne.DataObject object)) {
            throw new IllegalStateException("A committed " + entity.getName() + " is not in its context: its derived tables cannot follow");
        }
        Map<String, Object> after = new java.util.HashMap<>();
        for (String name : entity.getAttributeMap().keySet()) {
            after.put(name, object.readPropertyDirectly(name));
        }
        if (change.getType() == org.apache.cayenne.commitlog.model.ObjectChangeType.INSERT) {
            return new DerivedTable.Change(null, after);
        }
        Map<String, Object> before = new java.util.HashMap<>(after);
        change.getAttributeChanges().forEach((name, ac) -> before.put(name, ac.getOldValue()));
        return new DerivedTable.Change(before, after);
    }

    /**
     * The whole a part belongs to, null for a record that stands alone: the whole's id from the
     * part's values (a deleted part's from its old ones), its name when the context holds it.
     */
    private static CommitEvent.Whole whole(ObjectContext context, MosaicRecord record, ObjectChange change) {
        MosaicRecord.PartOf partOf = record.partOf();
        if (partOf == null) {
            return null;
        }
        Object id = change != null && change.getType() == org.apache.cayenne.commitlog.model.ObjectChangeType.DELETE
                && change.getAttributeChanges().get(partOf.idAttribute()) != null
                        ? change.getAttributeChanges().get(partOf.idAttribute()).getOldValue()
                        : record.readPropertyDirectly(partOf.idAttribute());
        if (id == null) {
            return null;
        }
        Object node = context == null ? null : context.getGraphManager().getNode(ObjectId.of(partOf.entity(), MosaicRecord.ID.getName()
                .toUpperCase(java.util.Locale.ROOT), id));
        String name = null;
        try {
            name = node instanceof MosaicRecord whole ? whole.displayName() : null;
        } catch (RuntimeException e) {
            // A whole faulted out of the context: the entry goes without its name.
        }
        return new CommitEvent.Whole(partOf.entity(), String.valueOf(id), name == null ? null : text(name));
    }

    /** The record's name as its entity says it; the object is still known to the context here, also when deleted. */
    private static String name(ObjectContext context, ObjectId id) {
        try {
            Object node = context == null ? null : context.getGraphManager().getNode(id);
            String name = node instanceof MosaicRecord record ? record.displayName() : null;
            return name == null ? null : text(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String removedName(ObjectId id) {
        String name = removedNames.get().get(id);
        return name == null ? null : text(name);
    }

    /** Values as the audit shows them: text, long ones shortened. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value);
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }

    private static Object firstKeyValue(Map<String, Object> snapshot) {
        return snapshot.size() == 1 ? snapshot.values().iterator().next() : snapshot.toString();
    }
}
