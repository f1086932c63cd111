package org.mosaiccrm.contacts.impl;

import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.PatchBody;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/** Finding records the user may reach, and applying a body's fields with every error named. */
final class Records {

    private Records() {
    }

    /** The record, when it exists and the user may reach it; 404 otherwise. */
    static <R extends MosaicRecord> R find(ObjectContext ctx, AccessControl access, UserPrincipal user, Class<R> type, String id,
            String what) {
        R record = RecordIds.isWellFormed(id) ? ObjectSelect.query(type).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (record == null) {
            throw Problems.notFound("There is no " + what + " " + id + ".");
        }
        return access.requireAccess(user, record, what + " " + id);
    }

    /** The user's visibility rule combined with a query's own qualifier. */
    static Expression visible(AccessControl access, UserPrincipal user, Expression where) {
        Expression rule = access.visibleRecords(user);
        if (rule == null) {
            return where;
        }
        return where == null ? rule : where.andExp(rule);
    }

    /** A reference to a person or organization must name one the user may reach (400 otherwise). */
    static <R extends MosaicRecord> void requireReference(ObjectContext ctx, AccessControl access, UserPrincipal user, Class<R> type,
            String id, String field, FieldReader in) {
        if (id == null) {
            return;
        }
        R record = RecordIds.isWellFormed(id) ? ObjectSelect.query(type).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
        if (record == null || !access.canAccess(user, record)) {
            in.error(field, "names no record you can reach");
        }
    }

    /** Applies owner/team from the body (if given), then fails with 400 naming every bad field. */
    static void finish(AccessControl access, UserPrincipal user, MosaicRecord record, FieldReader in, boolean creating) {
        if (!in.errors().isEmpty()) {
            throw Problems.invalid(in.errors());
        }
        if (creating || in.has("ownerId") || in.has("teamId")) {
            access.assignOwnership(user, record,
                    in.has("ownerId") ? in.text("ownerId", 36) : (creating ? null : record.getOwnerId()),
                    in.has("teamId") ? in.text("teamId", 36) : (creating ? null : record.getTeamId()));
        }
        if (!in.errors().isEmpty()) {
            throw Problems.invalid(in.errors());
        }
    }

    /** The body's fields, refusing (400, by name) any outside {@code writable}. */
    static FieldReader reader(Map<String, Object> body, java.util.Set<String> writable, String what) {
        PatchBody.of(body, writable, what);
        return new FieldReader(body);
    }
}
