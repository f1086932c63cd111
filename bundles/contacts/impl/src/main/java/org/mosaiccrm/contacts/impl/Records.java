package org.mosaiccrm.contacts.impl;

import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
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
        return and(where, rule);
    }

    /** Deletes a record the user may reach (404 otherwise) in a transaction of its own. */
    static <R extends MosaicRecord> void delete(Persistence persistence, AccessControl access, UserPrincipal user, Class<R> type,
            String id, String what) {
        persistence.write(ctx -> {
            ctx.deleteObject(find(ctx, access, user, type, id, what));
            return null;
        });
    }

    /** Both qualifiers; either may be null (no condition). */
    static Expression and(Expression a, Expression b) {
        return a == null ? b : b == null ? a : a.andExp(b);
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
        in.requireValid();
        if (creating || in.has("ownerId") || in.has("teamId")) {
            access.assignOwnership(user, record,
                    in.has("ownerId") ? in.text("ownerId", 36) : (creating ? null : record.getOwnerId()),
                    in.has("teamId") ? in.text("teamId", 36) : (creating ? null : record.getTeamId()));
        }
        in.requireValid();
    }

    /** The body's fields, refusing (400, by name) any outside {@code writable}. */
    static FieldReader reader(Map<String, Object> body, java.util.Set<String> writable, String what) {
        PatchBody.of(body, writable, what);
        return new FieldReader(body);
    }
}
