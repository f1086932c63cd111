package org.mosaiccrm.tickets.impl;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.tickets.api.TicketStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tickets from CSV ({@code POST /api/v1/tickets/import?type=tickets}), the columns of
 * {@link TicketCsv#CSV} and the tickets' active custom fields, checked as the API checks a body
 * ({@link TicketsResource#apply}). A row with a {@code number} describes that ticket (within the
 * user's reach, else the row is refused) and changes it as a {@code PATCH} would, so importing an
 * export again changes nothing; a row without one opens a new ticket with its number, SLA clocks
 * and timeline entry, in its queue's team as when opened by hand (unless the import names an
 * owner and team). The queue is named by its name; the columns the desk derives (the requester's
 * name, breached, the times, owner and team) are read by nobody.
 */
@Component(service = ImportType.class)
public final class TicketRows extends RecordImport {

    /** Columns of the export that the desk derives from the ticket: an import may carry them, they change nothing. */
    static final Set<String> DERIVED = Set.of("requester", "breached", "createdAt", "updatedAt", "solvedAt", "ownerId", "teamId");

    private final TicketsResource tickets;
    private final Timeline timeline;

    @Activate
    public TicketRows(@Reference CustomFields customFields, @Reference AccessControl access, @Reference TicketsResource tickets,
            @Reference Timeline timeline) {
        super(TicketsModule.ID, "tickets", TicketsModule.TICKET, TicketCsv.CSV, List.of(TicketsModule.IMPORT, TicketsModule.WRITE),
                customFields, access);
        this.tickets = tickets;
        this.timeline = timeline;
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        Map<String, TicketQueue> queues = new HashMap<>();
        ObjectSelect.query(TicketQueue.class).select(ctx).forEach(q -> queues.putIfAbsent(q.getName().toLowerCase(Locale.ROOT), q));
        List<Long> numbers = rows.stream().map(r -> number(r.get("number"))).filter(n -> n != null).distinct().toList();
        Map<Long, Ticket> byNumber = new HashMap<>();
        for (List<Long> chunk : Records.fixedChunks(numbers, 100)) {
            ObjectSelect.query(Ticket.class).where(Records.visible(access, user, Ticket.NUMBER.in(chunk))).select(ctx)
                    .forEach(t -> byNumber.put(t.getNumber(), t));
        }
        Instant now = Sql.instant();
        return fields -> {
            Map<String, Object> body = new LinkedHashMap<>(fields);
            DERIVED.forEach(body::remove);
            Object numberCell = body.remove("number");
            Object queueCell = body.remove("queue");
            Ticket existing = null;
            if (numberCell != null) {
                Long number = number(numberCell);
                existing = number == null ? null : byNumber.get(number);
                if (existing == null) {
                    return RowOutcome.failed("number: names no ticket you can reach; leave it empty to open a new ticket");
                }
            }
            TicketQueue queue = queueCell == null ? null : queues.get(queueCell.toString().strip().toLowerCase(Locale.ROOT));
            if (queue != null) {
                body.put("queueId", queue.getId());
            }
            FieldReader in = new FieldReader(body);
            if (queueCell != null && queue == null) {
                in.error("queueId", "names no queue");
            }
            return existing == null ? open(ctx, user, in, custom, now) : change(ctx, user, in, existing, custom, now);
        };
    }

    /** A new ticket of the row, in its queue's team unless the import names owner and team. */
    private RowOutcome open(ObjectContext ctx, UserPrincipal user, FieldReader in, FieldSchema custom, Instant now) {
        Ticket t = ctx.newObject(Ticket.class);
        tickets.apply(ctx, user, in, t, true);
        t.setCustomJson(custom.apply(in, null, true));
        String team = t.getQueueId() == null || chosenOwnership() != null ? null : QueuesResource.find(ctx, t.getQueueId()).getTeamId();
        if (team != null && in.errors().isEmpty()) {
            // Checked before the row is settled: a queue of a team the user may not give tickets to refuses the row, not the batch.
            try {
                access.assignOwnership(user, t, user.id(), team);
            } catch (ProblemException refused) {
                in.error("queueId", "is the queue of a team you may not open tickets for");
            }
        }
        if (in.errors().isEmpty()) {
            TicketsResource.opened(ctx, timeline, t, now);
        }
        RowOutcome outcome = settle(ctx, t, true, null, null, in, user);
        if (team != null && !outcome.isFailed()) {
            access.assignOwnership(user, t, user.id(), team);
        }
        return outcome;
    }

    /** The row's cells onto the ticket it names, as a PATCH: empty cells change nothing. */
    private RowOutcome change(ObjectContext ctx, UserPrincipal user, FieldReader in, Ticket t, FieldSchema custom, Instant now) {
        List<Object> before = state(t);
        TicketStatus status = TicketStatus.ofCode(t.getStatus());
        String priority = t.getPriority();
        String queue = t.getQueueId();
        tickets.apply(ctx, user, in, t, false);
        if (in.has(FieldSchema.FIELD)) {
            t.setCustomJson(custom.apply(in, t.getCustomJson(), false));
        }
        if (in.errors().isEmpty()) {
            try {
                tickets.changed(ctx, user, t, status, priority, queue, now);
            } catch (ProblemException refused) {
                in.error("queueId", "is the queue of a team you may not give tickets to");
            }
        }
        return settle(ctx, t, false, before, () -> state(t), in, user);
    }

    /** What a row can change of a ticket, to tell a changed row from one that only repeats it. */
    private static List<Object> state(Ticket t) {
        return java.util.Arrays.asList(t.getSubject(), t.getDescription(), t.getRequesterId(), t.getOrganizationId(), t.getChannel(),
                t.getPriority(), t.getStatus(), t.getQueueId(), t.getAssigneeId(), t.getTagsJson(), t.getCustomJson());
    }

    private static Long number(Object cell) {
        if (cell == null) {
            return null;
        }
        String text = cell.toString().strip();
        if (text.startsWith("#")) {
            text = text.substring(1);
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
