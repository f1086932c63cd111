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

    /** {@link #qualifier} as disjoint parts: the team's records, and the user's own records of other teams. */
    static java.util.List<Expression> parts(UserPrincipal user) {
        if (user.isAdmin()) {
            return java.util.List.of();
        }
        return java.util.List.of(MosaicRecord.TEAM_ID.eq(user.teamId()),
                MosaicRecord.OWNER_ID.eq(user.id()).andExp(MosaicRecord.TEAM_ID.ne(user.teamId())));
    }

    static boolean canAccess(UserPrincipal user, String ownerId, String teamId) {
        return user.isAdmin() || user.id().equals(ownerId) || (teamId != null && teamId.equals(user.teamId()));
    }
}
