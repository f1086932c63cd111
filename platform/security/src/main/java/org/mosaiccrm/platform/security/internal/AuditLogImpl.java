package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit entries. There is no API to change or delete one. Free text is stored as
 * JSON and control characters are escaped, so nothing a user typed can forge a line of the
 * log or of an export.
 */
@Component(service = {AuditLog.class, AuditLogImpl.class})
public class AuditLogImpl implements AuditLog {

    static final String SYSTEM = "system";
    private static final List<String> COLUMNS = List.of("ID", "OCCURRED_AT", "ACTOR", "ACTION", "TARGET", "DETAIL", "ADDRESS");
    private static final Logger LOG = LoggerFactory.getLogger(AuditLogImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Reference
    private SecurityStore store;

    @Override
    public void record(String action, String target, Map<String, ?> detail) {
        RequestSecurity.Current current = RequestSecurity.get();
        String actor = current != null && current.session() != null ? current.session().user().username()
                : current != null && current.portal() != null ? current.portal().actor() : SYSTEM;
        String address = current != null ? current.address() : null;
        store.persistence().write(ctx -> {
            write(ctx, actor, action, target, detail, address);
            return null;
        });
    }

    /** Writes an entry inside the caller's transaction, so that it commits with the change it describes. */
    void write(ObjectContext ctx, String actor, String action, String target, Map<String, ?> detail, String address) {
        writeAll(ctx, List.of(new Written(actor, action, target, detail, address)));
    }

    /** One entry as {@link #writeAll} takes it. */
    record Written(String actor, String action, String target, Map<String, ?> detail, String address) {
    }

    /**
     * Writes entries inside the caller's transaction as multi-row inserts: the record audit
     * writes an import's entries a thousand at a time, and a statement per entry was most of
     * what the database did for it.
     */
    void writeAll(ObjectContext ctx, List<Written> entries) {
        java.sql.Timestamp now = Sql.ts(Sql.now());
        List<Object[]> rows = new java.util.ArrayList<>(entries.size());
        for (Written e : entries) {
            rows.add(new Object[] {RecordIds.newId(), now, clip(escape(e.actor()), 100), clip(escape(e.action()), 100),
                    clip(escape(e.target()), 300), fitted(e.detail()), clip(e.address(), 64)});
            if (LOG.isDebugEnabled()) {
                LOG.debug("audit actor={} action={} target={}", escape(e.actor()), escape(e.action()), escape(e.target()));
            }
        }
        Sql.insert(ctx, "SEC_AUDIT", COLUMNS, rows);
    }

    /** An entry in a transaction of its own, for refusals that change nothing else. */
    void write(org.mosaiccrm.platform.api.persistence.Persistence persistence, String actor, String action, String target, String address) {
        persistence.write(ctx -> {
            write(ctx, actor, action, target, null, address);
            return null;
        });
    }

    static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String json(Map<String, ?> detail) {
        if (detail == null || detail.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(detail));
        } catch (JsonProcessingException e) {
            return escape(detail.toString());
        }
    }

    /** The most characters an entry's detail keeps (the column's size). */
    static final int MAX_DETAIL = 8000;

    /**
     * The detail as JSON within {@link #MAX_DETAIL}: a record change too large to keep whole (a
     * campaign's batch of recipients, an order of many lines) keeps its first changes and fields
     * and says how many it left out ({@code "omitted"}), still valid JSON; cutting the text would
     * have left neither readable. The record itself keeps every value.
     */
    static String fitted(Map<String, ?> detail) {
        String whole = json(detail);
        if (whole == null || whole.length() <= MAX_DETAIL || !(detail.get("changes") instanceof Map<?, ?> changes)) {
            return clip(whole, MAX_DETAIL);
        }
        List<? extends Map.Entry<?, ?>> entries = List.copyOf(changes.entrySet());
        List<?> fields = detail.get("fields") instanceof List<?> l ? l : List.of();
        // The most changes that fit, found by halving: each try writes the shortened detail once.
        int low = 0;
        int high = entries.size();
        String best = null;
        while (low <= high) {
            int keep = (low + high) >>> 1;
            String tried = json(shortened(detail, entries, fields, keep));
            if (tried != null && tried.length() <= MAX_DETAIL) {
                best = tried;
                low = keep + 1;
            } else {
                high = keep - 1;
            }
        }
        return best != null ? best : clip(whole, MAX_DETAIL);
    }

    /** The detail with only the first {@code keep} changes, and as many fields, and the count of the values left out. */
    private static Map<String, Object> shortened(Map<String, ?> detail, List<? extends Map.Entry<?, ?>> entries, List<?> fields, int keep) {
        Map<String, Object> out = new LinkedHashMap<>(detail);
        Map<Object, Object> kept = new LinkedHashMap<>();
        entries.subList(0, keep).forEach(e -> kept.put(e.getKey(), e.getValue()));
        out.put("changes", kept);
        if (!fields.isEmpty()) {
            out.put("fields", fields.subList(0, Math.min(fields.size(), keep)));
        }
        out.put("omitted", entries.size() - keep);
        return out;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
