package org.mosaiccrm.platform.security.internal;

import java.time.LocalDateTime;

import org.mosaiccrm.platform.api.security.UserPrincipal;

/** A live session or API token and the user it stands for. */
record SessionInfo(String tokenHash, String id, String kind, String csrfToken, LocalDateTime lastSeenAt, UserPrincipal user) {

    static final String BROWSER = "session";
    static final String API = "api";

    boolean isBrowser() {
        return BROWSER.equals(kind);
    }
}
