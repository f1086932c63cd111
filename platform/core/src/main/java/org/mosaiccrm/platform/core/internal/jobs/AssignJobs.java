package org.mosaiccrm.platform.core.internal.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.jobs.RunStoppedException;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.AssignableType;
import org.mosaiccrm.platform.api.records.RecordAssignments;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the bulk assignments of every registered {@link AssignableType} (see
 * {@link RecordAssignments}). Starting one fixes its selection: the ids of the records the user
 * may reach, in id order, go to MOSAIC_JOB_ITEM numbered from 1, in the transaction that
 * creates the run; the run's resume position is the number of the last item done. Each batch
 * re-reads its records with the user's reach in the query, assigns them and checkpoints in
 * one transaction. Runs go one at a time on one worker thread.
 */
@Component(service = {RecordAssignments.class, AssignJobs.class})
public class AssignJobs implements RecordAssignments {

    static final int BATCH = 200;
    private static final Set<String> FIELDS = Set.of("ids", "filter", "ownerId", "teamId");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AssignJobs.class);

    /** What a run assigns: the body's owner and team (either may be null, as assignOwnership takes them). */
    record Target(String ownerId, String teamId) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private JobRuns runs;

    @Reference
    private AuditLog audit;

    private volatile boolean stopping;
    private final Map<String, AssignableType> types = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-assign");
        t.setDaemon(true);
        return t;
    });

    /** A type coming (its module switched on, or this node started): its unfinished runs continue where they stopped. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(AssignableType type) {
        String kind = AssignableType.kind(type.module(), type.name());
        types.put(kind, type);
        worker.submit(() -> runs.unfinished(kind).forEach(id -> run(id, kind)));
    }

    void removeType(AssignableType type) {
        types.remove(AssignableType.kind(type.module(), type.name()), type);
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        worker.shutdownNow();
    }

    @Override
    public String start(String module, String name, Map<String, Object> body) {
        String kind = AssignableType.kind(module, name);
        AssignableType type = types.get(kind);
        if (type == null) {
            throw Problems.notFound("There are no " + name + " of the module " + module + " to assign, or the module is switched off.");
        }
        UserPrincipal user = access.requirePermission(type.writePermission());
        Target target = target(body);
        Expression selection = selection(type, body);
        // The owner and team checked before anything is stored: the same rule each record meets later.
        persistence.read(ctx -> {
            access.assignOwnership(user, ctx.newObject(type.type()), target.ownerId(), target.teamId());
            return null;
        });
        String input;
        try {
            input = JSON.writeValueAsString(target);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        String id = persistence.write(ctx -> {
            List<String> ids = ObjectSelect.columnQuery(type.type(), MosaicRecord.ID)
                    .where(Records.visible(access, user, selection)).orderBy(MosaicRecord.ID.asc()).limit(MAX_RECORDS + 1).select(ctx);
            if (ids.size() > MAX_RECORDS) {
                throw Problems.invalid(body.containsKey("ids") ? "ids" : "filter", "selects more than " + MAX_RECORDS
                        + " records, the most one assignment takes; narrow the list and assign it in parts");
            }
            String run = runs.create(ctx, kind, user.id(), input);
            long seq = 0;
            for (String recordId : ids) {
                Sql.exec(ctx, "INSERT INTO MOSAIC_JOB_ITEM (JOB_ID, SEQ, RECORD_ID) VALUES (?, ?, ?)", run, ++seq, recordId);
            }
            detail.put("records", ids.size());
            detail.put("ownerId", target.ownerId());
            detail.put("teamId", target.teamId());
            audit.record(module + ".assign.started", "job/" + run, detail);
            return run;
        });
        worker.submit(() -> run(id, kind));
        return id;
    }

    private static Target target(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw Problems.badRequest("A JSON object with \"ids\" or \"filter\", and \"ownerId\" and/or \"teamId\", is expected.");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new FieldError(key, "is not a field of an assignment"));
            }
        }
        String owner = id(body, "ownerId", "user", errors);
        String team = id(body, "teamId", "team", errors);
        if (owner == null && team == null && errors.isEmpty()) {
            errors.add(new FieldError("ownerId", "or teamId is required"));
        }
        if (body.containsKey("ids") == body.containsKey("filter")) {
            errors.add(new FieldError("ids", "or filter is required, not both"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new Target(owner, team);
    }

    private static String id(Map<String, Object> body, String field, String what, List<FieldError> errors) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !RecordIds.isWellFormed(s)) {
            errors.add(new FieldError(field, "is not a " + what + " id"));
            return null;
        }
        return s;
    }

    /** The records the body selects, before the user's reach: its ids, or the list's filter. */
    private static Expression selection(AssignableType type, Map<String, Object> body) {
        if (body.get("ids") != null) {
            if (!(body.get("ids") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_RECORDS) {
                throw Problems.invalid("ids", "must be a list of 1 to " + MAX_RECORDS + " record ids");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Object o : list) {
                if (!(o instanceof String s) || !RecordIds.isWellFormed(s)) {
                    throw Problems.invalid("ids", "holds something that is not a record id: " + o);
                }
                ids.add(s);
            }
            return MosaicRecord.ID.in(ids);
        }
        if (!(body.get("filter") instanceof Map<?, ?> filter)) {
            throw Problems.invalid("filter", "must be an object of the list's filter parameters");
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : filter.entrySet()) {
            Object v = e.getValue();
            List<String> values = new ArrayList<>();
            for (Object one : v instanceof List<?> l ? l : java.util.Collections.singletonList(v)) {
                if (one != null && !(one instanceof Map) && !(one instanceof List)) {
                    values.add(one.toString());
                }
            }
            if (!values.isEmpty()) {
                parameters.put(e.getKey().toString(), values);
            }
        }
        return type.filter(parameters);
    }

    private void run(String id, String kind) {
        AssignableType type = types.get(kind);
        if (type == null) {
            // Left queued: the type's return resumes it.
            return;
        }
        var position = runs.claim(id);
        if (position.isEmpty()) {
            // Another node has it, or it ended (cancelled while it waited): its items go with the end.
            if (runs.find(id).map(p -> !JobProgress.QUEUED.equals(p.state()) && !JobProgress.RUNNING.equals(p.state())).orElse(true)) {
                deleteItems(id);
            }
            return;
        }
        try {
            UserPrincipal user = access.findUser(runs.owner(id)).orElse(null);
            if (user == null) {
                end(id, JobProgress.FAILED, "The user who started the assignment is disabled or gone.");
                return;
            }
            if (!user.hasPermission(type.writePermission())) {
                end(id, JobProgress.FAILED, "The user who started the assignment no longer has the permission " + type.writePermission() + ".");
                return;
            }
            Target target = persistence.read(ctx -> {
                DataRow r = Sql.row(ctx, "SELECT INPUT_REF FROM MOSAIC_JOB_RUN WHERE ID = ?", id);
                try {
                    return JSON.readValue(Sql.str(r, "INPUT_REF"), Target.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("The assignment " + id + " has no readable target", e);
                }
            });
            access.runAs(user, () -> {
                long done = position.get();
                while (!stopping) {
                    if (types.get(kind) != type) {
                        runs.release(id, "Waiting for the module " + type.module() + ", switched off during the assignment; it resumes when"
                                + " the module is switched on again.");
                        return null;
                    }
                    long next = batch(id, type, user, target, done);
                    if (next == done) {
                        break;
                    }
                    done = next;
                }
                return null;
            });
            if (!stopping && types.get(kind) == type) {
                end(id, JobProgress.DONE, null);
            }
        } catch (RunStoppedException e) {
            // Cancelled (or taken over): the batch under way rolled back, the ones before stay.
            if (runs.find(id).map(p -> JobProgress.CANCELLED.equals(p.state())).orElse(false)) {
                deleteItems(id);
            }
        } catch (Throwable e) {
            if (stopping) {
                // The run stays running here and resumes from its last checkpoint on the next start.
                return;
            }
            LOG.error("Assignment {} failed", id, e);
            end(id, JobProgress.FAILED, "The assignment stopped: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
        }
    }

    /**
     * Assigns the items after {@code done} (at most {@link #BATCH}) in one transaction with the
     * checkpoint; returns the number of the last item done, {@code done} when none was left.
     * A record gone, or out of the user's reach since the start, is skipped; one already with
     * this owner and team too; one the rules refuse is a row error naming it.
     */
    private long batch(String id, AssignableType type, UserPrincipal user, Target target, long done) {
        return persistence.write(ctx -> {
            List<DataRow> items = Sql.rows(ctx, "SELECT SEQ, RECORD_ID FROM MOSAIC_JOB_ITEM WHERE JOB_ID = ? AND SEQ > ? ORDER BY SEQ"
                    + " FETCH FIRST " + BATCH + " ROWS ONLY", id, done);
            if (items.isEmpty()) {
                return done;
            }
            Map<String, Long> seqs = new LinkedHashMap<>();
            for (DataRow item : items) {
                seqs.put(Sql.str(item, "RECORD_ID"), ((Number) item.get("SEQ")).longValue());
            }
            Map<String, MosaicRecord> found = new java.util.HashMap<>();
            for (MosaicRecord r : select(ctx, type, user, seqs.keySet())) {
                found.put(r.getId(), r);
            }
            BatchResult result = new BatchResult();
            for (Map.Entry<String, Long> e : seqs.entrySet()) {
                MosaicRecord record = found.get(e.getKey());
                if (record == null) {
                    result.skipped();
                    continue;
                }
                String owner = record.getOwnerId();
                String team = record.getTeamId();
                try {
                    access.assignOwnership(user, record, target.ownerId(), target.teamId());
                } catch (org.mosaiccrm.platform.api.rest.ProblemException refused) {
                    // assignOwnership sets nothing when it refuses.
                    result.failed(e.getValue(), record.getId() + ": " + refused.getMessage());
                    continue;
                }
                if (owner.equals(record.getOwnerId()) && team.equals(record.getTeamId())) {
                    result.skipped();
                } else {
                    result.updated();
                }
            }
            long last = ((Number) items.get(items.size() - 1).get("SEQ")).longValue();
            runs.checkpoint(ctx, id, items.size(), last, result);
            return last;
        });
    }

    @SuppressWarnings("unchecked")
    private List<MosaicRecord> select(ObjectContext ctx, AssignableType type, UserPrincipal user, Set<String> ids) {
        return (List<MosaicRecord>) ObjectSelect.query(type.type()).where(Records.visible(access, user, MosaicRecord.ID.in(ids))).select(ctx);
    }

    private void end(String id, String state, String message) {
        runs.finish(id, state, message);
        deleteItems(id);
    }

    private void deleteItems(String id) {
        try {
            persistence.write(ctx -> Sql.exec(ctx, "DELETE FROM MOSAIC_JOB_ITEM WHERE JOB_ID = ?", id));
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the items of assignment {}", id, e);
        }
    }
}
