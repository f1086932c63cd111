package org.mosaiccrm.campaigns.impl;

import java.util.Set;

/**
 * Where a recipient's message is: queued → sending → sent, failed (refused for good, the server's
 * answer kept) or unknown (the hand-over broke off; never sent again). Responses after sending are
 * times of their own on the recipient (opened, clicked, unsubscribed, replied, bounced).
 */
final class RecipientStatus {

    static final String QUEUED = "queued";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String UNKNOWN = "unknown";
    static final Set<String> ALL = Set.of(QUEUED, SENDING, SENT, FAILED, UNKNOWN);

    private RecipientStatus() {
    }
}
