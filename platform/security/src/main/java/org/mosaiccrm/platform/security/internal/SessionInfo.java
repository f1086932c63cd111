package org.mosaiccrm.platform.security.internal;

import java.time.LocalDateTime;

import org.mosaiccrm.platform.api.security.UserPrincipal;

/** A live session or API token and the user it stands for. */
record SessionInfo(String tokenHash, String id, String kind, String csrfToken, LocalDateTime lastSeenAt, LocalDateTime expiresAt,
        UserPrincipal user) {

    static final String BROWSER = "session";
    static final String API = "api";
    /** Work a user started that runs on after their request ended (no token, no CSRF). */
    static final String JOB = "job";

    static SessionInfo forJob(UserPrincipal user) {
        return new SessionInfo(null, null, JOB, null, null, null, user);
    }

    SessionInfo seenAt(LocalDateTime at) {
        return new SessionInfo(tokenHash, id, kind, csrfToken, at, expiresAt, user);
    }

    boolean isBrowser() {
        return BROWSER.equals(kind);
    }
}
