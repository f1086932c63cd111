package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.time.Duration;
import java.time.LocalDateTime;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;

/**
 * Counts failed sign-ins per account and per client address in the database (so every node
 * sees the same counts). An account is blocked for {@link #BLOCK} after {@link #MAX_FAILURES}
 * failures within {@link #WINDOW}; an address, which may be a whole office behind one NAT,
 * after {@link #MAX_ADDRESS_FAILURES}. A success clears the account's count.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final int MAX_ADDRESS_FAILURES = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration BLOCK = Duration.ofMinutes(15);

    private LoginThrottle() {
    }

    static String accountKey(String username) {
        return "user:" + SecurityStore.key(username);
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }

    /** Seconds until the key may try again, 0 when it is not blocked. */
    static long blockedFor(ObjectContext ctx, String key) {
        DataRow r = Sql.row(ctx, "SELECT BLOCKED_UNTIL FROM SEC_THROTTLE WHERE KEY_ID = ?", key);
        LocalDateTime until = r == null ? null : Sql.time(r.get("BLOCKED_UNTIL"));
        LocalDateTime now = Sql.now();
        return until != null && until.isAfter(now) ? Math.max(1, Duration.between(now, until).toSeconds()) : 0;
    }

    static void recordFailure(ObjectContext ctx, String key) {
        LocalDateTime now = Sql.now();
        DataRow r = Sql.row(ctx, "SELECT FAILURES, WINDOW_START FROM SEC_THROTTLE WHERE KEY_ID = ?", key);
        if (r == null) {
            Sql.exec(ctx, "INSERT INTO SEC_THROTTLE (KEY_ID, FAILURES, WINDOW_START) VALUES (?, 1, ?)", key, Sql.ts(now));
            return;
        }
        boolean windowOver = Sql.time(r.get("WINDOW_START")).plus(WINDOW).isBefore(now);
        int failures = windowOver ? 1 : ((Number) r.get("FAILURES")).intValue() + 1;
        LocalDateTime windowStart = windowOver ? now : Sql.time(r.get("WINDOW_START"));
        int limit = key.startsWith("addr:") ? MAX_ADDRESS_FAILURES : MAX_FAILURES;
        LocalDateTime blockedUntil = failures >= limit ? now.plus(BLOCK) : null;
        Sql.exec(ctx, "UPDATE SEC_THROTTLE SET FAILURES = ?, WINDOW_START = ?, BLOCKED_UNTIL = ? WHERE KEY_ID = ?",
                failures, Sql.ts(windowStart), Sql.ts(blockedUntil), key);
    }

    static void clear(ObjectContext ctx, String key) {
        Sql.exec(ctx, "DELETE FROM SEC_THROTTLE WHERE KEY_ID = ?", key);
    }
}
