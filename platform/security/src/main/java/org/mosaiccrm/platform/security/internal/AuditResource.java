package org.mosaiccrm.platform.security.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.mosaiccrm.platform.api.persistence.ListTotal;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.Sort;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.persistence.SqlKeyset;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/v1/audit}, newest first, for administrators; read-only by design. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record Entry(String id, Instant at, String actor, String action, String target, String detail, String address) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    private static final Sort NEWEST_FIRST = SqlKeyset.newestFirstBy("occurredAt");

    @GET
    public ListPage<Entry> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("target") String target,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        access.requireAdmin();
        PageRequest page = PageRequest.parse(limit, cursor);
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> params = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" AND ACTOR = ?");
            params.add(actor);
        }
        if (action != null && !action.isBlank()) {
            // "auth.login" matches that action and its sub-actions (auth.login.failed, …)
            where.append(" AND (ACTION = ? OR ACTION LIKE ?)");
            params.add(action);
            params.add(action.replace("%", "").replace("_", "") + ".%");
        }
        if (target != null && !target.isBlank()) {
            where.append(" AND TARGET = ?");
            params.add(target);
        }
        if (from != null) {
            where.append(" AND OCCURRED_AT >= ?");
            params.add(Sql.ts(time("from", from)));
        }
        if (to != null) {
            where.append(" AND OCCURRED_AT < ?");
            params.add(Sql.ts(time("to", to)));
        }
        // Newest first by keyset (the log grows by every change): after the cursor's entry.
        return store.persistence().read(ctx -> SqlKeyset.newestFirst(ctx, page, NEWEST_FIRST, "SEC_AUDIT", "OCCURRED_AT",
                "ID, OCCURRED_AT, ACTOR, ACTION, TARGET, DETAIL, ADDRESS", where.toString(), params,
                r -> new Entry(Sql.str(r, "ID"), SecurityStore.instant(r.get("OCCURRED_AT")), Sql.str(r, "ACTOR"),
                        Sql.str(r, "ACTION"), Sql.str(r, "TARGET"), Sql.str(r, "DETAIL"), Sql.str(r, "ADDRESS"))));
    }

    private static LocalDateTime time(String field, String value) {
        try {
            LocalDateTime at = LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
            if (!org.mosaiccrm.platform.api.rest.FieldReader.storable(at.getYear())) {
                throw Problems.invalid(field, org.mosaiccrm.platform.api.rest.FieldReader.OUT_OF_RANGE);
            }
            return at;
        } catch (java.time.DateTimeException e) {
            throw Problems.invalid(field, "notAnInstant", "must be an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }
}
