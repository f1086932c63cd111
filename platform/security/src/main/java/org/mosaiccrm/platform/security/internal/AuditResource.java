package org.mosaiccrm.platform.security.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
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
import org.mosaiccrm.platform.api.i18n.Languages;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/v1/audit}, newest first, for administrators; read-only by design. An entry of
 * a record change names the record ({@code name}, kept when the change was written) and lists
 * its changed fields with their labels in the reader's language ({@code changes}); internal
 * attributes (search text, sort keys, version, timestamps) are never shown.
 */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record Entry(String id, Instant at, String actor, String action, String target, String detail, String address, String name,
            List<AuditView.Change> changes) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    private static final Sort NEWEST_FIRST = SqlKeyset.newestFirstBy("occurredAt");

    @GET
    public ListPage<Entry> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("actor") String actor, @QueryParam("action") String action, @QueryParam("target") String target,
            @QueryParam("from") String from, @QueryParam("to") String to, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String accept) {
        UserPrincipal admin = access.requireAdmin();
        Translations texts = translations;
        String language = texts == null ? Languages.choose(null, accept, null) : texts.languageFor(admin.id(), accept);
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
                r -> entry(r, texts, language)));
    }

    private static Entry entry(DataRow r, Translations texts, String language) {
        String target = Sql.str(r, "TARGET");
        String module = target == null || target.indexOf('/') < 0 ? null : target.substring(0, target.indexOf('/'));
        AuditView.Shown shown = AuditView.of(Sql.str(r, "DETAIL"), field -> label(texts, language, module, field));
        return new Entry(Sql.str(r, "ID"), SecurityStore.instant(r.get("OCCURRED_AT")), Sql.str(r, "ACTOR"), Sql.str(r, "ACTION"), target,
                shown.detail(), Sql.str(r, "ADDRESS"), shown.name(), shown.changes());
    }

    /** A field's label as the pages say it: the module's {@code <module>.field.<name>}, else the shell's {@code field.<name>}. */
    private static String label(Translations texts, String language, String module, String field) {
        if (texts == null) {
            return null;
        }
        String text = module == null ? null : texts.text(language, module + ".field." + field);
        return text != null ? text : texts.text(language, "field." + field);
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
