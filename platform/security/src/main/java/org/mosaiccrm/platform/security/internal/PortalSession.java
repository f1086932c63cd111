package org.mosaiccrm.platform.security.internal;

import java.time.LocalDateTime;

import org.mosaiccrm.platform.api.security.PortalCustomer;

/** A live customer portal session (browser, with a CSRF token) or bearer token, and whom it stands for. */
record PortalSession(String tokenHash, String accountId, String personId, String email, String csrfToken, LocalDateTime lastSeenAt,
        LocalDateTime expiresAt) {

    PortalCustomer customer() {
        return new PortalCustomer(accountId, personId, email, csrfToken);
    }

    /** How the audit log names a customer: never a staff user name. */
    String actor() {
        return "portal:" + email;
    }
}
