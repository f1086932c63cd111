package org.mosaiccrm.platform.security.internal;

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/** The visibility rule itself, free of services so that it is unit-tested directly. */
final class Visibility {

    private Visibility() {
    }

    static Expression qualifier(UserPrincipal user) {
        if (user.isAdmin()) {
            return null;
        }
        return MosaicRecord.TEAM_ID.eq(user.teamId()).orExp(MosaicRecord.OWNER_ID.eq(user.id()));
    }

    /**
     * {@link #qualifier} as disjoint parts: the team's records, and the user's own records of
     * other teams — as two ranges, teams before the user's and after it, rather than one
     * "not the user's team": an index on (OWNER_ID, TEAM_ID) reads a range for each, but cannot
     * skip a value, so "≠" read every record the user owns in their own team (all of them,
     * usually) only to drop it, per page of every list and per column of the sales board.
     */
    static java.util.List<Expression> parts(UserPrincipal user) {
        if (user.isAdmin()) {
            return java.util.List.of();
        }
        return java.util.List.of(MosaicRecord.TEAM_ID.eq(user.teamId()),
                MosaicRecord.OWNER_ID.eq(user.id()).andExp(MosaicRecord.TEAM_ID.lt(user.teamId())),
                MosaicRecord.OWNER_ID.eq(user.id()).andExp(MosaicRecord.TEAM_ID.gt(user.teamId())));
    }

    static boolean canAccess(UserPrincipal user, String ownerId, String teamId) {
        return user.isAdmin() || user.id().equals(ownerId) || (teamId != null && teamId.equals(user.teamId()));
    }
}
