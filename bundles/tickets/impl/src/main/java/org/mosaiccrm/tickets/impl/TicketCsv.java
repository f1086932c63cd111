package org.mosaiccrm.tickets.impl;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.csv.CsvCells;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.fields.FieldSchema;

/**
 * A ticket as a CSV row: its columns, then the active custom fields' {@code cf.<key>} columns
 * ({@link CsvForm}). Queues by name, the requester by name (as the exporting user may see them)
 * and by id, times in UTC; the writer ({@code CsvExport}) makes every cell formula-safe. The import
 * ({@link TicketRows}) reads the same columns, so an export imports back unchanged.
 */
final class TicketCsv {

    static final CsvForm CSV = new CsvForm(List.of("number", "subject", "description", "status", "priority", "channel", "requester",
            "requesterId", "organizationId", "queue", "assigneeId", "tags", "breached", "createdAt", "updatedAt", "solvedAt", "ownerId",
            "teamId"), Map.of("tags", "tags"), Map.of("queueId", "queue"));

    private TicketCsv() {
    }

    /**
     * The row writer of one export: the queues' names from one read, each requester's name looked
     * up once through {@code requesterName}.
     */
    static Function<Ticket, List<String>> rows(ObjectContext ctx, FieldSchema custom, Function<String, String> requesterName) {
        Map<String, String> queues = new HashMap<>();
        ObjectSelect.query(TicketQueue.class).select(ctx).forEach(q -> queues.put(q.getId(), q.getName()));
        Map<String, String> names = new HashMap<>();
        return t -> {
            List<String> row = new ArrayList<>(Arrays.asList(String.valueOf(t.getNumber()), t.getSubject(), t.getDescription(), t.getStatus(),
                    t.getPriority(), t.getChannel(), names.computeIfAbsent(t.getRequesterId(), requesterName), t.getRequesterId(),
                    t.getOrganizationId(), t.getQueueId() == null ? null : queues.get(t.getQueueId()), t.getAssigneeId(),
                    CsvCells.join(TicketsResource.tags(t)), String.valueOf(Boolean.TRUE.equals(t.isBreached())), utc(t.getCreatedAt()),
                    utc(t.getUpdatedAt()), utc(t.getSolvedAt()), t.getOwnerId(), t.getTeamId()));
            row.replaceAll(CsvCells::cell);
            row.addAll(custom.cells(t.getCustomJson()));
            return row;
        };
    }

    private static String utc(LocalDateTime at) {
        return at == null ? null : at.toInstant(ZoneOffset.UTC).toString();
    }
}
