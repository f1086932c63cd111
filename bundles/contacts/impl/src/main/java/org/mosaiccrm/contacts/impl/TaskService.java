package org.mosaiccrm.contacts.impl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.CallOutcome;
import org.mosaiccrm.contacts.api.NewTask;
import org.mosaiccrm.contacts.api.Tasks;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link Tasks} for other modules: the same tasks, rules and reminders as {@code /contacts/tasks},
 * always inside the current user's reach.
 */
@Component(service = Tasks.class)
public class TaskService implements Tasks {

    /** Follow-ups a {@link #states} call walks in one query per step of their chains. */
    private static final int CHUNK = 200;

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private TasksResource tasks;

    @Override
    public String create(NewTask t) {
        UserPrincipal user = access.currentUser();
        FieldReader in = new FieldReader(Map.of());
        return persistence.write(ctx -> {
            String assignee = t.assigneeId() != null ? t.assigneeId() : ownerOf(ctx, user, t);
            Task task = tasks.insert(ctx, user, t.title().strip(), LocalDateTime.ofInstant(t.dueAt(), ZoneOffset.UTC), assignee,
                    t.personId(), t.organizationId(), in);
            task.setKind(t.kind().id());
            task.setRepeatDays(t.repeatDays());
            task.setSource(t.source());
            return task.getId();
        });
    }

    /** The owner of whom the task is about: who looks after them calls them back. */
    private String ownerOf(ObjectContext ctx, UserPrincipal user, NewTask t) {
        MosaicRecord about = t.personId() != null ? Records.find(ctx, access, user, Person.class, t.personId(), "person")
                : Records.find(ctx, access, user, Organization.class, t.organizationId(), "organization");
        return about.getOwnerId();
    }

    @Override
    public Map<String, TaskState> states(Collection<String> firstTaskIds) {
        UserPrincipal user = access.currentUser();
        Map<String, TaskState> states = new LinkedHashMap<>();
        List<String> ids = firstTaskIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            persistence.read(ctx -> {
                // Each chain from its first task to its last, a step of all chains per query.
                Map<String, String> lastOf = new HashMap<>();
                Map<String, Integer> calls = new HashMap<>();
                Map<String, String> outcome = new HashMap<>();
                Map<String, Task> at = new HashMap<>();
                List<String> step = new ArrayList<>(chunk);
                chunk.forEach(id -> lastOf.put(id, id));
                while (!step.isEmpty()) {
                    Map<String, Task> found = new HashMap<>();
                    ObjectSelect.query(Task.class).where(Records.visible(access, user, MosaicRecord.ID.in(step))).select(ctx)
                            .forEach(t -> found.put(t.getId(), t));
                    List<String> nextStep = new ArrayList<>();
                    for (String first : chunk) {
                        Task t = found.get(lastOf.get(first));
                        if (t == null || at.get(first) == t) {
                            continue;
                        }
                        at.put(first, t);
                        if (t.getOutcome() != null) {
                            calls.merge(first, 1, Integer::sum);
                            outcome.put(first, t.getOutcome());
                        }
                        if (t.getNextId() != null) {
                            lastOf.put(first, t.getNextId());
                            nextStep.add(t.getNextId());
                        }
                    }
                    step = nextStep;
                }
                for (String first : chunk) {
                    Task t = at.get(first);
                    if (t != null) {
                        states.put(first, new TaskState(t.getId(), t.isDone(), t.getDueAt().toInstant(ZoneOffset.UTC), t.getAssigneeId(),
                                calls.getOrDefault(first, 0), CallOutcome.of(outcome.get(first))));
                    }
                }
                return null;
            });
        }
        return states;
    }

    @Override
    public Map<CallOutcome, Long> outcomes(String source) {
        UserPrincipal user = access.currentUser();
        Map<CallOutcome, Long> counts = new EnumMap<>(CallOutcome.class);
        persistence.read(ctx -> {
            ObjectSelect.columnQuery(Task.class, Task.OUTCOME)
                    .where(Records.visible(access, user, Task.SOURCE.eq(source).andExp(Task.OUTCOME.isNotNull()))).select(ctx)
                    .forEach(o -> counts.merge(CallOutcome.of(o), 1L, Long::sum));
            return null;
        });
        return counts;
    }
}
