package org.mosaiccrm.tickets.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * TK_PORTAL_ACCESS: the desk's side of a person's portal access (the account and its sign-in
 * are the platform's). {@code sponsorId} is the staff user who granted it: tickets the customer
 * opens belong to that user and their team, and what the portal writes on the desk's records
 * (a ticket, a timeline entry) runs as that user.
 */
final class PortalAccessRows {

    record Row(String personId, boolean organizationManager, String sponsorId, String teamId, long version) {
    }

    private PortalAccessRows() {
    }

    static Row find(ObjectContext ctx, String personId) {
        DataRow r = Sql.row(ctx, "SELECT PERSON_ID, ORGANIZATION_MANAGER, SPONSOR_ID, TEAM_ID, VERSION FROM TK_PORTAL_ACCESS"
                + " WHERE PERSON_ID = ?", personId);
        return r == null ? null : new Row(Sql.str(r, "PERSON_ID"), Sql.flag(r, "ORGANIZATION_MANAGER"), Sql.str(r, "SPONSOR_ID"),
                Sql.str(r, "TEAM_ID"), ((Number) r.get("VERSION")).longValue());
    }

    /** Grants or re-grants: the sponsor becomes the staff user granting it now. */
    static void upsert(ObjectContext ctx, String personId, boolean manager, String sponsorId, String teamId) {
        LocalDateTime now = Sql.now();
        if (Sql.exec(ctx, "UPDATE TK_PORTAL_ACCESS SET ORGANIZATION_MANAGER = ?, SPONSOR_ID = ?, TEAM_ID = ?, VERSION = VERSION + 1,"
                + " UPDATED_AT = ? WHERE PERSON_ID = ?", manager, sponsorId, teamId, Sql.ts(now), personId) == 0) {
            Sql.exec(ctx, "INSERT INTO TK_PORTAL_ACCESS (PERSON_ID, ORGANIZATION_MANAGER, SPONSOR_ID, TEAM_ID, VERSION, CREATED_AT,"
                    + " UPDATED_AT) VALUES (?, ?, ?, ?, 1, ?, ?)", personId, manager, sponsorId, teamId, Sql.ts(now), Sql.ts(now));
        }
    }

    /** Changes the manager flag when the row is still at {@code version}; false when it moved (or is gone). */
    static boolean setManager(ObjectContext ctx, String personId, boolean manager, long version) {
        return Sql.exec(ctx, "UPDATE TK_PORTAL_ACCESS SET ORGANIZATION_MANAGER = ?, VERSION = VERSION + 1, UPDATED_AT = ?"
                + " WHERE PERSON_ID = ? AND VERSION = ?", manager, Sql.ts(Sql.now()), personId, version) == 1;
    }

    static void delete(ObjectContext ctx, String personId) {
        Sql.exec(ctx, "DELETE FROM TK_PORTAL_ACCESS WHERE PERSON_ID = ?", personId);
    }
}
