package org.mosaiccrm.campaigns.impl;

/** A campaign's life: draft → sending (paused and back) → sent, or cancelled, or failed. */
final class CampaignState {

    static final String DRAFT = "draft";
    static final String SENDING = "sending";
    static final String PAUSED = "paused";
    static final String SENT = "sent";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";

    private CampaignState() {
    }
}
