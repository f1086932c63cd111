package org.mosaiccrm.campaigns.api;

/** Names other modules see of campaigns: the module id, also the source of its timeline activities. */
public final class CampaignEvents {

    /** The module id, and the {@code sourceModule} of the activities campaigns appends to timelines. */
    public static final String MODULE = "campaigns";

    private CampaignEvents() {
    }
}
