package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.Optional;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The record visibility rule of Mosaic: administrators reach every record; everyone else the
 * records of their team and the records they own. The same rule is a query qualifier (so
 * lists, counts and exports never contain what the user may not see) and a check on single
 * records (answered with 404, as if the record did not exist).
 */
@Component(service = {AccessControl.class, AccessControlImpl.class})
public class AccessControlImpl implements AccessControl {

    @Reference
    private SecurityStore store;

    @Reference
    private PermissionRegistry permissions;

    @Override
    public Optional<UserPrincipal> findCurrentUser() {
        RequestSecurity.Current current = RequestSecurity.get();
        return current == null || current.session() == null ? Optional.empty() : Optional.of(current.session().user());
    }

    @Override
    public Optional<UserPrincipal> findUser(String userId) {
        return Optional.ofNullable(RecordIds.isWellFormed(userId) ? store.principal(userId) : null);
    }

    @Override
    public Optional<String> mailAddress(String userId) {
        return Optional.ofNullable(RecordIds.isWellFormed(userId) ? store.mailAddress(userId) : null);
    }

    @Override
    public <T> T runAs(UserPrincipal user, java.util.function.Supplier<T> work) {
        RequestSecurity.Current previous = RequestSecurity.get();
        RequestSecurity.set(new RequestSecurity.Current(SessionInfo.forJob(user), null));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                RequestSecurity.clear();
            } else {
                RequestSecurity.set(previous);
            }
        }
    }

    @Override
    public UserPrincipal currentUser() {
        return findCurrentUser().orElseThrow(Problems::unauthorized);
    }

    @Override
    public UserPrincipal requirePermission(String permission) {
        UserPrincipal user = currentUser();
        if (!user.hasPermission(permission)) {
            PermissionRegistry.Defined defined = permissions.permissions().get(permission);
            throw Problems.missingPermission(permission, defined == null ? null : defined.description());
        }
        return user;
    }

    @Override
    public UserPrincipal requireAdmin() {
        UserPrincipal user = currentUser();
        if (!user.isAdmin()) {
            throw Problems.forbidden("adminOnly", "Only administrators may do this.");
        }
        return user;
    }

    @Override
    public Expression visibleRecords(UserPrincipal user) {
        return Visibility.qualifier(user);
    }

    @Override
    public java.util.List<Expression> visibleRecordParts(UserPrincipal user) {
        return Visibility.parts(user);
    }

    @Override
    public boolean canAccess(UserPrincipal user, MosaicRecord record) {
        return Visibility.canAccess(user, record.getOwnerId(), record.getTeamId());
    }

    @Override
    public <R extends MosaicRecord> R requireAccess(UserPrincipal user, R record, String what) {
        if (record == null || !canAccess(user, record)) {
            throw Problems.of(404, "not-found", "Not found", "There is no " + what + ".", "notFound");
        }
        return record;
    }

    @Override
    public void assignOwnership(UserPrincipal user, MosaicRecord record, String ownerId, String teamId) {
        Ownership ownership = resolve(user, record.getOwnerId(), record.getTeamId(), ownerId, teamId);
        record.setOwnerId(ownership.ownerId());
        record.setTeamId(ownership.teamId());
    }

    @Override
    public Ownership ownership(UserPrincipal user, String ownerId, String teamId) {
        return resolve(user, null, null, ownerId, teamId);
    }

    /** The owner and team a record now held by {@code currentOwner} and {@code currentTeam} (null for a new one) gets. */
    private Ownership resolve(UserPrincipal user, String currentOwner, String currentTeam, String ownerId, String teamId) {
        String owner = ownerId == null ? (currentOwner == null ? user.id() : currentOwner) : ownerId;
        if (!RecordIds.isWellFormed(owner)) {
            throw Problems.invalid("ownerId", "notAUser", "is not a user id");
        }
        // The user's own team is known from their session (read with it, see SecurityStore#resolve);
        // records a user creates for themself, the common case, need no statement here.
        String ownersTeam;
        if (owner.equals(user.id()) && user.teamId() != null) {
            ownersTeam = user.teamId();
        } else {
            DataRow ownerRow = store.persistence().read(ctx -> Sql.row(ctx, "SELECT TEAM_ID, ENABLED FROM SEC_USER WHERE ID = ?", owner));
            if (ownerRow == null) {
                throw Problems.invalid("ownerId", "notAUser", "is not a user id");
            }
            ownersTeam = Sql.str(ownerRow, "TEAM_ID");
        }
        String team = teamId == null ? (ownerId == null && currentTeam != null ? currentTeam : ownersTeam) : teamId;
        if (!RecordIds.isWellFormed(team)) {
            throw Problems.invalid("teamId", "notATeam", "is not a team id");
        }
        if (!user.isAdmin()) {
            if (!team.equals(user.teamId())) {
                throw Problems.forbidden("ownTeamOnly", "You may only give records to your own team.");
            }
            if (!ownersTeam.equals(user.teamId())) {
                throw Problems.forbidden("ownTeamMembersOnly", "You may only give records to members of your own team.");
            }
        } else if (!team.equals(ownersTeam) // a team with members cannot be deleted (TeamsResource#delete)
                && store.persistence().read(ctx -> Sql.count(ctx, "SELECT COUNT(*) FROM SEC_TEAM WHERE ID = ?", team)) == 0) {
            throw Problems.invalid("teamId", "notATeam", "is not a team id");
        }
        return new Ownership(owner, team);
    }

    @Override
    public boolean canAssignTo(UserPrincipal user, String assigneeId) {
        if (!RecordIds.isWellFormed(assigneeId)) {
            return false;
        }
        DataRow row = store.persistence().read(ctx -> Sql.row(ctx, "SELECT TEAM_ID, ENABLED FROM SEC_USER WHERE ID = ?", assigneeId));
        return row != null && Sql.flag(row, "ENABLED") && (user.isAdmin() || user.teamId().equals(Sql.str(row, "TEAM_ID")));
    }

    @Override
    public java.util.List<String> teamMembers(String teamId) {
        if (!RecordIds.isWellFormed(teamId)) {
            return java.util.List.of();
        }
        return store.persistence().read(ctx -> Sql.rows(ctx, "SELECT ID FROM SEC_USER WHERE TEAM_ID = ? AND ENABLED = 1 ORDER BY ID",
                teamId)).stream().map(r -> Sql.str(r, "ID")).toList();
    }
}
