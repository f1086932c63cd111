package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.rest.Problems;

/** Why a portal invitation link does not work, each reason with a type of its own for the portal page to say in the reader's language. */
final class PortalLinks {

    private PortalLinks() {
    }

    static void requireUsable(OneTimeTokens.State state) {
        switch (state) {
            case VALID -> {
            }
            case USED -> throw Problems.of(400, "portal-invitation-used", "Invitation accepted already",
                    "This invitation was accepted already: sign in with your mail address and the password chosen then.");
            case EXPIRED -> throw Problems.of(400, "portal-invitation-expired", "Invitation expired",
                    "This invitation expired. Ask us to send it again.");
            case REVOKED -> throw Problems.of(400, "portal-invitation-revoked", "Invitation withdrawn",
                    "This invitation was withdrawn.");
            case REPLACED -> throw Problems.of(400, "portal-invitation-replaced", "Newer invitation sent",
                    "A newer invitation was sent to you since: open the link of the latest mail.");
            default -> throw Problems.of(400, "portal-invitation-unknown", "Invalid invitation link",
                    "This is not the link of an invitation: copy the whole link from the mail.");
        }
    }
}
