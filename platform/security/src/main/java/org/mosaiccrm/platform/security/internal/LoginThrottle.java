package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.Consumer;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;

/**
 * Counts password attempts per account and per client address in the database (so every node
 * sees the same counts). An attempt takes a slot <em>before</em> its password is checked, in a
 * transaction of its own that holds the key's row locked, so that simultaneous attempts are
 * counted one after the other and no more than {@link #MAX_FAILURES} of them within
 * {@link #WINDOW} are ever checked for one account (an address, which may be a whole office
 * behind one NAT, gets {@link #MAX_ADDRESS_FAILURES}). The slot stays taken when the password
 * is wrong: the failure is counted even if the server stops before it says so. An attempt
 * that finds every slot taken, by failures or by attempts still being checked, is refused
 * without checking anything, and blocks its key for {@link #BLOCK}. A right password gives the
 * account its slots back unless the account got blocked meanwhile (by attempts refused while
 * it was being checked), and gives the address its own slot back.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    /**
     * Failed attempts one client address may have within {@link #WINDOW}: {@code
     * MOSAIC_LOGIN_ADDRESS_LIMIT}, 50 by default. An installation whose staff all sign in from
     * behind one NAT address raises it rather than have a few mistyped passwords lock out the office.
     */
    static final int MAX_ADDRESS_FAILURES = addressLimit(System.getenv("MOSAIC_LOGIN_ADDRESS_LIMIT"));
    static final int DEFAULT_ADDRESS_FAILURES = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration BLOCK = Duration.ofMinutes(15);
    /** Simultaneous first attempts for a key race to create its row; the losers count again, on the row the winner made. */
    private static final int TRIES = 5;

    private LoginThrottle() {
    }

    /** The slots one attempt took, or how long it must wait when it was refused. */
    record Attempt(String accountKey, String addressKey, long retryAfter) {

        boolean refused() {
            return retryAfter > 0;
        }
    }

    /** The per-address limit from its variable: a positive whole number, or the default (with an error in the log). */
    static int addressLimit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ADDRESS_FAILURES;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        org.slf4j.LoggerFactory.getLogger(LoginThrottle.class)
                .error("MOSAIC_LOGIN_ADDRESS_LIMIT={} is not a positive whole number; using {}", value, DEFAULT_ADDRESS_FAILURES);
        return DEFAULT_ADDRESS_FAILURES;
    }

    static String accountKey(String username) {
        return "user:" + SecurityStore.key(username);
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }

    /**
     * Takes a slot of the account and one of the address, or none: refused attempts take no
     * slot, so that they neither lock out an address nor spend an account's attempts.
     * {@code onRefused} writes in the same transaction (the audit entry of the refusal).
     */
    static Attempt begin(Persistence persistence, String username, String address, Consumer<ObjectContext> onRefused) {
        return beginFor(persistence, accountKey(username), address, onRefused);
    }

    /** A portal customer's account, by mail address: counted apart from staff user names, by the same rules. */
    static String portalKey(String email) {
        return "portal:" + SecurityStore.key(email);
    }

    /** {@link #begin} for an account key of another kind ({@link #portalKey}). */
    static Attempt beginFor(Persistence persistence, String accountKey, String address, Consumer<ObjectContext> onRefused) {
        String addressKey = addressKey(address);
        for (int tries = 1;; tries++) {
            try {
                return persistence.write(ctx -> {
                    LocalDateTime now = Sql.now();
                    long wait = take(ctx, accountKey, MAX_FAILURES, now);
                    if (wait == 0) {
                        wait = take(ctx, addressKey, MAX_ADDRESS_FAILURES, now);
                        if (wait > 0) {
                            giveBack(ctx, accountKey);
                        }
                    }
                    if (wait > 0) {
                        onRefused.accept(ctx);
                    }
                    return new Attempt(accountKey, addressKey, wait);
                });
            } catch (RuntimeException e) {
                if (tries >= TRIES || !isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    /** The password was right: inside the transaction that signs the user in (or changes the password). */
    static void succeeded(ObjectContext ctx, Attempt attempt) {
        Sql.exec(ctx, "DELETE FROM SEC_THROTTLE WHERE KEY_ID = ? AND (BLOCKED_UNTIL IS NULL OR BLOCKED_UNTIL <= ?)",
                attempt.accountKey(), Sql.ts(Sql.now()));
        giveBack(ctx, attempt.addressKey());
    }

    /** Seconds to wait when the key has no slot left (and it is blocked from now on if it was not yet); 0 when it took one. */
    private static long take(ObjectContext ctx, String key, int limit, LocalDateTime now) {
        // The no-op update takes the row's write lock until this transaction ends: whoever comes
        // next for the same key waits here and then reads what this attempt wrote.
        if (Sql.exec(ctx, "UPDATE SEC_THROTTLE SET FAILURES = FAILURES WHERE KEY_ID = ?", key) == 0) {
            // A duplicate key here (another attempt created the row first) rolls this transaction
            // back whole; begin() then counts again.
            Sql.exec(ctx, "INSERT INTO SEC_THROTTLE (KEY_ID, FAILURES, WINDOW_START) VALUES (?, 1, ?)", key, Sql.ts(now));
            return 0;
        }
        DataRow r = Sql.row(ctx, "SELECT FAILURES, WINDOW_START, BLOCKED_UNTIL FROM SEC_THROTTLE WHERE KEY_ID = ?", key);
        LocalDateTime blockedUntil = Sql.time(r.get("BLOCKED_UNTIL"));
        if (blockedUntil != null && blockedUntil.isAfter(now)) {
            return secondsUntil(now, blockedUntil);
        }
        LocalDateTime windowStart = Sql.time(r.get("WINDOW_START"));
        boolean windowOver = windowStart.plus(WINDOW).isBefore(now);
        int taken = windowOver ? 0 : ((Number) r.get("FAILURES")).intValue();
        if (taken >= limit) {
            LocalDateTime until = now.plus(BLOCK);
            Sql.exec(ctx, "UPDATE SEC_THROTTLE SET BLOCKED_UNTIL = ? WHERE KEY_ID = ?", Sql.ts(until), key);
            return secondsUntil(now, until);
        }
        Sql.exec(ctx, "UPDATE SEC_THROTTLE SET FAILURES = ?, WINDOW_START = ?, BLOCKED_UNTIL = NULL WHERE KEY_ID = ?",
                taken + 1, Sql.ts(windowOver ? now : windowStart), key);
        return 0;
    }

    private static void giveBack(ObjectContext ctx, String key) {
        Sql.exec(ctx, "UPDATE SEC_THROTTLE SET FAILURES = FAILURES - 1 WHERE KEY_ID = ? AND FAILURES > 0", key);
    }

    private static long secondsUntil(LocalDateTime now, LocalDateTime until) {
        return Math.max(1, Duration.between(now, until).toSeconds());
    }

    /** A unique key violation (SQLState 23505 on Derby and PostgreSQL), however Cayenne wrapped it. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
