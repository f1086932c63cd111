package org.mosaiccrm.platform.security.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.events.RecordEvents;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits every committed record change of every module, from the events the persistence
 * layer posts after commit: who, when, which record, which fields and their values before
 * and after.
 *
 * <p>Entries are written by one thread, up to {@link #BATCH} in a transaction: an import of a
 * million people posts a million events, and a transaction (a log flush to disk) for each
 * would keep the disk busy long after the import ended. Entries still queued when the
 * component stops are written before it goes.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + RecordEvents.TOPIC_ROOT + "/*")
public class RecordAuditHandler implements EventHandler {

    static final int BATCH = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(RecordAuditHandler.class);

    /** A change waiting to be written. */
    private record Entry(String actorId, String action, String target, Map<String, Object> detail) {
    }

    @Reference
    private AuditLogImpl audit;

    @Reference
    private SecurityStore store;

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

    @Activate
    void activate() {
        running = true;
        writer = new Thread(this::writeLoop, "mosaic-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        writer.join(30_000);
        writeAll();
    }

    @Override
    public void handleEvent(Event event) {
        String actorId = (String) event.getProperty(RecordEvents.ACTOR);
        Map<String, Object> detail = new LinkedHashMap<>();
        // The record's name as it is now: the entry still reads after the record is renamed or deleted.
        if (event.getProperty(RecordEvents.NAME) instanceof String name) {
            detail.put("name", name);
        }
        Object fields = event.getProperty(RecordEvents.CHANGED_FIELDS);
        // Bookkeeping (sort keys, search text, version, timestamps) is left out: nobody typed it, and it repeats what is there.
        if (fields instanceof String[] names) {
            List<String> shown = java.util.Arrays.stream(names).filter(n -> !MosaicRecord.isInternal(n)).toList();
            if (!shown.isEmpty()) {
                detail.put("fields", shown);
            }
        }
        Object changes = event.getProperty(RecordEvents.CHANGES);
        if (changes instanceof Map<?, ?> values) {
            Map<Object, Object> shown = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (!MosaicRecord.isInternal(String.valueOf(k))) {
                    shown.put(k, v);
                }
            });
            if (!shown.isEmpty()) {
                detail.put("changes", shown);
            }
        }
        String target = event.getProperty(RecordEvents.MODULE) + "/" + event.getProperty(RecordEvents.TYPE) + "/"
                + event.getProperty(RecordEvents.ID);
        String action = event.getProperty(RecordEvents.MODULE) + "." + event.getProperty(RecordEvents.TYPE) + "."
                + String.valueOf(event.getProperty(RecordEvents.CHANGE)).toLowerCase(java.util.Locale.ROOT);
        queue.add(new Entry(actorId, action, target, detail));
    }

    private void writeLoop() {
        while (running) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Entry> batch = new ArrayList<>(BATCH);
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away for a moment (a module switch rebuilds the runtime): keep going.
                LOG.warn("Writing audit entries failed; they are retried", e);
                sleepQuietly();
            }
        }
    }

    private void writeAll() {
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += BATCH) {
            write(rest.subList(from, Math.min(rest.size(), from + BATCH)));
        }
    }

    /** One transaction for the batch; on failure the entries go back to the head of the line. */
    private void write(List<Entry> batch) {
        try {
            store.persistence().write(ctx -> {
                Map<String, String> names = new HashMap<>();
                List<AuditLogImpl.Written> rows = new ArrayList<>(batch.size());
                for (Entry e : batch) {
                    String actor = AuditLogImpl.SYSTEM;
                    if (e.actorId() != null) {
                        actor = names.computeIfAbsent(e.actorId(), id -> {
                            DataRow user = Sql.row(ctx, "SELECT USERNAME FROM SEC_USER WHERE ID = ?", id);
                            return user == null ? id : Sql.str(user, "USERNAME");
                        });
                    }
                    rows.add(new AuditLogImpl.Written(actor, e.action(), e.target(), e.detail(), null));
                }
                audit.writeAll(ctx, rows);
                return null;
            });
        } catch (RuntimeException e) {
            List<Entry> again = new ArrayList<>(batch);
            queue.drainTo(again);
            queue.addAll(again);
            throw e;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
