package org.mosaiccrm.platform.security.internal;

import java.time.LocalDateTime;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The customer portal's tables (SEC_PORTAL_ACCOUNT, SEC_PORTAL_SESSION): accounts by person and
 * mail address, and their sessions. Password hashing and policy, the session lifetimes and
 * tokens are the staff ones ({@link SecurityStore}, {@link Tokens}). Sessions are read from the
 * database on every request (no cache): ending them takes effect at once on every node.
 */
@Component(service = PortalStore.class)
public class PortalStore {

    /** One-time links of portal invitations; their USER_ID is the account's id. */
    static final String INVITATION = "portal";
    /** One-time links of forgotten portal passwords; their USER_ID is the account's id. */
    static final String RESET = "preset";

    @Reference
    private SecurityStore store;

    SecurityStore security() {
        return store;
    }

    /** The account row (ID, PERSON_ID, EMAIL, PASSWORD_HASH, ENABLED) of a mail address, or null. */
    DataRow byEmail(ObjectContext ctx, String email) {
        return Sql.row(ctx, "SELECT ID, PERSON_ID, EMAIL, PASSWORD_HASH, ENABLED FROM SEC_PORTAL_ACCOUNT WHERE EMAIL_KEY = ?",
                SecurityStore.key(email));
    }

    DataRow byPerson(ObjectContext ctx, String personId) {
        return Sql.row(ctx, "SELECT ID, PERSON_ID, EMAIL, PASSWORD_HASH, ENABLED FROM SEC_PORTAL_ACCOUNT WHERE PERSON_ID = ?", personId);
    }

    DataRow byId(ObjectContext ctx, String id) {
        return Sql.row(ctx, "SELECT ID, PERSON_ID, EMAIL, PASSWORD_HASH, ENABLED FROM SEC_PORTAL_ACCOUNT WHERE ID = ?", id);
    }

    /** A new account that cannot sign in yet: its password is one nobody knows until the invitation is accepted. */
    String insert(ObjectContext ctx, String personId, String email) {
        String id = RecordIds.newId();
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "INSERT INTO SEC_PORTAL_ACCOUNT (ID, PERSON_ID, EMAIL, EMAIL_KEY, PASSWORD_HASH, ENABLED, VERSION, CREATED_AT,"
                + " UPDATED_AT) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)", id, personId, email, SecurityStore.key(email),
                store.hasher().hash(Tokens.newToken()), Sql.ts(now), Sql.ts(now));
        return id;
    }

    void setEmail(ObjectContext ctx, String id, String email) {
        Sql.exec(ctx, "UPDATE SEC_PORTAL_ACCOUNT SET EMAIL = ?, EMAIL_KEY = ?, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?",
                email, SecurityStore.key(email), Sql.ts(Sql.now()), id);
    }

    /** The chosen password, the account enabled; every earlier session of it ends. */
    void activate(ObjectContext ctx, String id, String password) {
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "UPDATE SEC_PORTAL_ACCOUNT SET PASSWORD_HASH = ?, ENABLED = 1, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?",
                store.hasher().hash(password), Sql.ts(now), id);
        endSessions(ctx, id);
    }

    /** A new password for an enabled account; every session of it ends but {@code keepTokenHash}'s (null: all); how many ended. */
    int setPassword(ObjectContext ctx, String id, String password, String keepTokenHash) {
        Sql.exec(ctx, "UPDATE SEC_PORTAL_ACCOUNT SET PASSWORD_HASH = ?, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?",
                store.hasher().hash(password), Sql.ts(Sql.now()), id);
        return keepTokenHash == null ? endSessions(ctx, id)
                : Sql.exec(ctx, "DELETE FROM SEC_PORTAL_SESSION WHERE ACCOUNT_ID = ? AND TOKEN_HASH <> ?", id, keepTokenHash);
    }

    /** The account, its sessions and open links go. */
    void delete(ObjectContext ctx, String id) {
        endSessions(ctx, id);
        OneTimeTokens.revoke(ctx, INVITATION, id);
        OneTimeTokens.revoke(ctx, RESET, id);
        Sql.exec(ctx, "DELETE FROM SEC_PORTAL_ACCOUNT WHERE ID = ?", id);
    }

    int endSessions(ObjectContext ctx, String accountId) {
        return Sql.exec(ctx, "DELETE FROM SEC_PORTAL_SESSION WHERE ACCOUNT_ID = ?", accountId);
    }

    void endSession(ObjectContext ctx, String tokenHash) {
        Sql.exec(ctx, "DELETE FROM SEC_PORTAL_SESSION WHERE TOKEN_HASH = ?", tokenHash);
    }

    /** A new browser session of the account, with its CSRF token; lifetimes as staff sessions. */
    SecurityStore.IssuedToken issue(ObjectContext ctx, String accountId) {
        String token = Tokens.newToken();
        String id = RecordIds.newId();
        String csrf = Tokens.newToken();
        LocalDateTime now = Sql.now();
        LocalDateTime expires = now.plus(store.sessionMax());
        Sql.exec(ctx, "INSERT INTO SEC_PORTAL_SESSION (TOKEN_HASH, ID, ACCOUNT_ID, CSRF_TOKEN, CREATED_AT, LAST_SEEN_AT, EXPIRES_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", Tokens.hash(token), id, accountId, csrf, Sql.ts(now), Sql.ts(now), Sql.ts(expires));
        return new SecurityStore.IssuedToken(token, id, csrf, expires);
    }

    /** The live session of a token: not expired, not idle too long, its account enabled; null otherwise. */
    PortalSession resolve(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return null;
        }
        String hash = Tokens.hash(token);
        DataRow r = store.persistence().read(ctx -> Sql.row(ctx, "SELECT s.ACCOUNT_ID, s.CSRF_TOKEN, s.LAST_SEEN_AT, s.EXPIRES_AT,"
                + " a.PERSON_ID, a.EMAIL, a.ENABLED FROM SEC_PORTAL_SESSION s JOIN SEC_PORTAL_ACCOUNT a ON a.ID = s.ACCOUNT_ID"
                + " WHERE s.TOKEN_HASH = ?", hash));
        if (r == null || !Sql.flag(r, "ENABLED")) {
            return null;
        }
        PortalSession session = new PortalSession(hash, Sql.str(r, "ACCOUNT_ID"), Sql.str(r, "PERSON_ID"), Sql.str(r, "EMAIL"),
                Sql.str(r, "CSRF_TOKEN"), Sql.time(r.get("LAST_SEEN_AT")), Sql.time(r.get("EXPIRES_AT")));
        LocalDateTime now = Sql.now();
        if (now.isAfter(session.expiresAt()) || now.isAfter(session.lastSeenAt().plus(store.sessionIdle()))) {
            return null;
        }
        return session;
    }

    /** Moves the idle timer forward, at most once a minute (or a quarter of the idle time) per session, as staff sessions. */
    void touch(PortalSession session) {
        LocalDateTime now = Sql.now();
        java.time.Duration quarter = store.sessionIdle().dividedBy(4);
        if (session.lastSeenAt().plus(quarter.compareTo(SecurityStore.TOUCH_INTERVAL) < 0 ? quarter : SecurityStore.TOUCH_INTERVAL)
                .isBefore(now)) {
            store.persistence().write(ctx -> Sql.exec(ctx, "UPDATE SEC_PORTAL_SESSION SET LAST_SEEN_AT = ? WHERE TOKEN_HASH = ?",
                    Sql.ts(now), session.tokenHash()));
        }
    }
}
