package org.mosaiccrm.campaigns.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CampaignSenderTest {

    /** A quarter of a second's worth of messages at the rate set: a slow campaign keeps one recipient in doubt after a crash. */
    @Test
    void theHandOverWindowIsAQuarterSecondOfMessagesAtTheRate() {
        assertEquals(1, CampaignSender.window(1));
        assertEquals(1, CampaignSender.window(120), "two a second: one at a time");
        assertEquals(2, CampaignSender.window(600));
        assertEquals(25, CampaignSender.window(6_000));
        assertEquals(CampaignSender.MAX_WINDOW, CampaignSender.window(100_000), "never more than the cap");
    }
}
