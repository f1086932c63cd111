package org.mosaiccrm.platform.api.security;

import java.util.Optional;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The checks a module makes before it reads or writes: permission checks, the record
 * visibility rule (owner and team) applied inside queries, and the ownership a new or
 * updated record may get. Every refusal is an RFC 9457 problem: 401 without a user, 403
 * without a permission, 404 for a record outside the user's reach.
 */
@ProviderType
public interface AccessControl {

    /**
     * An enabled user by id, with their team, roles and permissions, for work that runs on a
     * user's behalf outside a request (an import resumed after a restart, say).
     */
    Optional<UserPrincipal> findUser(String userId);

    /**
     * The mail address of an enabled user, if they have one: where mail meant for them (their
     * notifications, when they chose so) goes.
     *
     * @since 1.5
     */
    Optional<String> mailAddress(String userId);

    /** The user of the current request, if one signed in. */
    Optional<UserPrincipal> findCurrentUser();

    /**
     * Runs work on behalf of a user outside a request (a job the user started): inside it the
     * user is the current user, so permission checks apply and the changes it commits are
     * audited as theirs. The previous current user, if any, is restored afterwards.
     */
    <T> T runAs(UserPrincipal user, java.util.function.Supplier<T> work);

    /** The user of the current request; 401 when nobody signed in. */
    UserPrincipal currentUser();

    /** The current user, if they hold the permission; 401 or 403 otherwise. */
    UserPrincipal requirePermission(String permission);

    /** The current user, if they are an administrator; 401 or 403 otherwise. */
    UserPrincipal requireAdmin();

    /**
     * The qualifier that restricts a query on a {@link MosaicRecord} entity to what the user
     * may see; combine it with the query's own qualifier. Null for administrators (everything).
     */
    Expression visibleRecords(UserPrincipal user);

    /**
     * The same rule as {@link #visibleRecords} as disjoint parts whose union it is, each led by
     * an equality on an indexed column (the user's team; records the user owns in other
     * teams), so that a list can read each part through an index of its own and merge them in
     * order, rather than scan past other teams' records. Empty for administrators (everything).
     */
    java.util.List<Expression> visibleRecordParts(UserPrincipal user);

    /** True when the user may see (and change) the record. */
    boolean canAccess(UserPrincipal user, MosaicRecord record);

    /** The record, when the user may see it; 404 otherwise — never a hint that it exists. */
    <R extends MosaicRecord> R requireAccess(UserPrincipal user, R record, String what);

    /**
     * Sets owner and team of a record the user creates or reassigns. Null values mean "the
     * user and their team". A user may only give records to members of their own team, an
     * administrator to anyone; anything else is refused with 403 and nothing is set.
     */
    void assignOwnership(UserPrincipal user, MosaicRecord record, String ownerId, String teamId);

    /** The owner and team records get. */
    record Ownership(String ownerId, String teamId) {
    }

    /**
     * The owner and team new records the user creates would get from {@link #assignOwnership},
     * checked by the same rules, for work that creates them later (an import): null values mean
     * "the user and their team", or the owner's team; refused with 400 (no such user or team)
     * or 403 (another team's, for a non-administrator).
     */
    Ownership ownership(UserPrincipal user, String ownerId, String teamId);

    /**
     * True when the user may hand work (a task, a ticket) to {@code assigneeId}: an enabled
     * member of their own team, or anyone for administrators.
     */
    boolean canAssignTo(UserPrincipal user, String assigneeId);

    /**
     * The ids of a team's enabled members, in a stable order (by id): whom work handed to a team
     * goes to, in turn (a round-robin assignment of leads, tickets). Empty for an unknown team.
     */
    java.util.List<String> teamMembers(String teamId);
}
