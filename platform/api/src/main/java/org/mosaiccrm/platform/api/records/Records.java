package org.mosaiccrm.platform.api.records;


import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * What every record resource does the same way: find a record for the current user (the
 * access rule in the query's answer, 404 outside their reach — never a hint that it exists),
 * combine the visibility rule with a list's filters, check references, apply ownership, delete
 * with the version the client saw, and answer creates (201, Location, ETag) and reads/updates
 * (200, ETag) in one shape.
 */
public final class Records {

    private Records() {
    }

    /**
     * The values in chunks of exactly {@code size}, the last one padded with its own last value,
     * for {@code IN (…)} look-ups: every statement then has the same text, so the database
     * compiles it once rather than once per distinct list length (Derby compiles each new text,
     * which cost more than the look-up itself). Duplicates in a list change no answer.
     */
    public static <T> java.util.List<java.util.List<T>> fixedChunks(java.util.Collection<T> values, int size) {
        java.util.List<T> all = java.util.List.copyOf(values);
        java.util.List<java.util.List<T>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            java.util.List<T> chunk = new java.util.ArrayList<>(all.subList(from, Math.min(all.size(), from + size)));
            while (chunk.size() < size) {
                chunk.add(chunk.get(chunk.size() - 1));
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /** The record, when it exists and the user may reach it; 404 otherwise. */
    public static <R extends MosaicRecord> R find(ObjectContext ctx, AccessControl access, UserPrincipal user, Class<R> type, String id,
            String what) {
        R record = reachable(ctx, access, user, type, id);
        if (record == null) {
            throw Problems.notFound(what, id);
        }
        return record;
    }

    /** The record by id with the user's visibility rule inside the same query; null when absent or out of reach. */
    private static <R extends MosaicRecord> R reachable(ObjectContext ctx, AccessControl access, UserPrincipal user, Class<R> type,
            String id) {
        return RecordIds.isWellFormed(id)
                ? ObjectSelect.query(type).where(visible(access, user, MosaicRecord.ID.eq(id))).selectOne(ctx)
                : null;
    }

    /** The user's visibility rule combined with a query's own qualifier. */
    public static Expression visible(AccessControl access, UserPrincipal user, Expression where) {
        Expression rule = access.visibleRecords(user);
        if (rule == null) {
            return where;
        }
        return and(where, rule);
    }


    /** Both qualifiers; either may be null (no condition). */
    public static Expression and(Expression a, Expression b) {
        return a == null ? b : b == null ? a : a.andExp(b);
    }

    /** A reference to a person or organization must name one the user may reach (400 otherwise). */
    public static <R extends MosaicRecord> void requireReference(ObjectContext ctx, AccessControl access, UserPrincipal user, Class<R> type,
            String id, String field, FieldReader in) {
        if (id == null) {
            return;
        }
        if (reachable(ctx, access, user, type, id) == null) {
            in.error(field, "unreachable", "names no record you can reach");
        }
    }

    /** Applies owner/team from the body (if given), then fails with 400 naming every bad field. */
    public static void finish(AccessControl access, UserPrincipal user, MosaicRecord record, FieldReader in, boolean creating) {
        in.requireValid();
        if (creating || in.has("ownerId") || in.has("teamId")) {
            access.assignOwnership(user, record,
                    in.has("ownerId") ? in.text("ownerId", 36) : (creating ? null : record.getOwnerId()),
                    in.has("teamId") ? in.text("teamId", 36) : (creating ? null : record.getTeamId()));
        }
        in.requireValid();
    }

    /**
     * Creates a record in one transaction: {@code apply} sets its fields from the body (and
     * checks references), then owner and team are applied; 400 names every bad field and
     * nothing is stored.
     */
    public static <R extends MosaicRecord> R create(Persistence persistence, AccessControl access, UserPrincipal user, Class<R> type,
            FieldReader in, java.util.function.BiConsumer<ObjectContext, R> apply) {
        return persistence.write(ctx -> {
            R record = ctx.newObject(type);
            apply.accept(ctx, record);
            finish(access, user, record, in, true);
            return record;
        });
    }

    /**
     * Updates a record the user may reach (404 otherwise) in one transaction, when it is still
     * at the version the client saw ({@code If-Match} or the body's {@code version}; 409 and
     * nothing changed otherwise): {@code apply} sets the fields the body names, then owner and
     * team if given.
     */
    public static <R extends MosaicRecord> R update(Persistence persistence, AccessControl access, UserPrincipal user, Class<R> type,
            String id, String what, FieldReader in, String ifMatch, java.util.function.BiConsumer<ObjectContext, R> apply) {
        Long expected = in.expectedVersion(ifMatch);
        return persistence.write(ctx -> {
            R record = find(ctx, access, user, type, id, what);
            record.requireVersion(expected);
            apply.accept(ctx, record);
            finish(access, user, record, in, false);
            return record;
        });
    }

    /**
     * Deletes a record the user may reach (404 otherwise) with what depends on it, in one
     * transaction: {@code cascade} deletes the dependants first (or refuses with a problem).
     * With {@code If-Match} (or a version) given, a record changed since is refused with 409.
     */
    public static <R extends MosaicRecord> void delete(Persistence persistence, AccessControl access, UserPrincipal user, Class<R> type,
            String id, String what, String ifMatch, java.util.function.BiConsumer<ObjectContext, R> cascade) {
        Long expected = Versions.expected(ifMatch, null);
        persistence.write(ctx -> {
            R record = find(ctx, access, user, type, id, what);
            if (expected != null) {
                record.requireVersion(expected);
            }
            cascade.accept(ctx, record);
            ctx.deleteObject(record);
            return null;
        });
    }

    /** 201 with the new record's address ({@code Location}: the request's path and the id), its version ({@code ETag}) and the record. */
    public static Response created(UriInfo uri, String id, long version, Object view) {
        return created(uri.getAbsolutePathBuilder().path(id).build(), version, view);
    }

    /** 201 for a record created through another record's path ("remind me" makes a task): its own address given. */
    public static Response created(java.net.URI location, long version, Object view) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location(location)).tag(Versions.etag(version))
                .entity(view).build();
    }

    /**
     * The path of an address, without scheme and host ({@code /api/v1/notes/<id>}), as a
     * {@code Location} header carries it: the host would come from the request's {@code Host}
     * header, which a client chooses, so an answer must not repeat it. A client resolves the path
     * against the address it called (RFC 9110, 10.2.2). Set as a plain header, since JAX-RS's
     * {@code created()} would make it absolute again from that same request.
     */
    public static String location(java.net.URI address) {
        return address.getRawPath();
    }

    /** 200 with the record and its version ({@code ETag}), for reads and updates. */
    public static Response ok(long version, Object view) {
        return Response.ok(view).tag(Versions.etag(version)).build();
    }
}
