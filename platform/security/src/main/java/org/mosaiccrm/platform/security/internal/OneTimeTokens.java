package org.mosaiccrm.platform.security.internal;

import java.time.Duration;
import java.time.LocalDateTime;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * The one-time links Mosaic mails to a user: a password reset, an invitation. A link holds 256
 * random bits of which only the hash is stored (SEC_ONE_TIME_TOKEN); it works once, before it
 * expires, and only while it is the newest of its kind for its user. How a link ended is kept,
 * so that a page can say why one no longer works. Everything here runs in the caller's transaction.
 */
final class OneTimeTokens {

    static final String RESET = "reset";
    static final String INVITATION = "invite";

    /** What a link is now: usable, or why not. */
    enum State {
        VALID, UNKNOWN, USED, REPLACED, REVOKED, EXPIRED
    }

    record Issued(String id, String token, LocalDateTime expiresAt) {
    }

    /** A link as found by its token: its id and user, and its state (UNKNOWN: no such link of that kind; id and user null). */
    record Found(String id, String userId, State state) {
    }

    private static final String USED = "used";
    private static final String REPLACED = "replaced";
    private static final String REVOKED = "revoked";

    private OneTimeTokens() {
    }

    /** A new link of the kind for the user; the user's earlier links of that kind end here (only the newest works). */
    static Issued issue(ObjectContext ctx, String kind, String userId, Duration lifetime) {
        LocalDateTime now = Sql.now();
        end(ctx, kind, userId, REPLACED, now);
        String id = RecordIds.newId();
        String token = Tokens.newToken();
        LocalDateTime expires = now.plus(lifetime);
        Sql.exec(ctx, "INSERT INTO SEC_ONE_TIME_TOKEN (ID, KIND, TOKEN_HASH, USER_ID, CREATED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?, ?)",
                id, kind, Tokens.hash(token), userId, Sql.ts(now), Sql.ts(expires));
        return new Issued(id, token, expires);
    }

    static Found find(ObjectContext ctx, String kind, String token) {
        DataRow row = token == null ? null : Sql.row(ctx, "SELECT ID, USER_ID, EXPIRES_AT, ENDED_AS FROM SEC_ONE_TIME_TOKEN"
                + " WHERE TOKEN_HASH = ? AND KIND = ?", Tokens.hash(token), kind);
        if (row == null) {
            return new Found(null, null, State.UNKNOWN);
        }
        return new Found(Sql.str(row, "ID"), Sql.str(row, "USER_ID"), state(Sql.str(row, "ENDED_AS"), Sql.time(row.get("EXPIRES_AT")),
                Sql.now()));
    }

    /** A link's state from how it ended (null: it has not) and when it expires; an ended link says how, even when it expired since. */
    static State state(String endedAs, LocalDateTime expiresAt, LocalDateTime now) {
        if (endedAs != null) {
            return switch (endedAs) {
                case USED -> State.USED;
                case REVOKED -> State.REVOKED;
                default -> State.REPLACED;
            };
        }
        return expiresAt.isBefore(now) ? State.EXPIRED : State.VALID;
    }

    /** Spends a valid link; false when another request spent or ended it in between (it works once). */
    static boolean use(ObjectContext ctx, String id) {
        return Sql.exec(ctx, "UPDATE SEC_ONE_TIME_TOKEN SET ENDED_AT = ?, ENDED_AS = ? WHERE ID = ? AND ENDED_AS IS NULL",
                Sql.ts(Sql.now()), USED, id) == 1;
    }

    /** Ends the user's open links of the kind: they no longer work, and say they were revoked. */
    static int revoke(ObjectContext ctx, String kind, String userId) {
        return end(ctx, kind, userId, REVOKED, Sql.now());
    }

    private static int end(ObjectContext ctx, String kind, String userId, String how, LocalDateTime now) {
        return Sql.exec(ctx, "UPDATE SEC_ONE_TIME_TOKEN SET ENDED_AT = ?, ENDED_AS = ? WHERE USER_ID = ? AND KIND = ? AND ENDED_AS IS NULL",
                Sql.ts(now), how, userId, kind);
    }

    /** When the user's newest open link of the kind expires, or null when there is none. */
    static LocalDateTime openUntil(ObjectContext ctx, String kind, String userId) {
        DataRow row = Sql.row(ctx, "SELECT MAX(EXPIRES_AT) AS UNTIL FROM SEC_ONE_TIME_TOKEN WHERE USER_ID = ? AND KIND = ? AND ENDED_AS IS NULL",
                userId, kind);
        return row == null || row.get("UNTIL") == null ? null : Sql.time(row.get("UNTIL"));
    }
}
