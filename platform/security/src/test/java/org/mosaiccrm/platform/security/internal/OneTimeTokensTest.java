package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class OneTimeTokensTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 1, 12, 0);

    @Test
    void anOpenLinkWorksUntilItExpires() {
        assertEquals(OneTimeTokens.State.VALID, OneTimeTokens.state(null, NOW.plusSeconds(1), NOW));
        assertEquals(OneTimeTokens.State.EXPIRED, OneTimeTokens.state(null, NOW.minusSeconds(1), NOW));
    }

    @Test
    void anEndedLinkSaysHowItEndedEvenAfterItsExpiry() {
        assertEquals(OneTimeTokens.State.USED, OneTimeTokens.state("used", NOW.minusDays(1), NOW));
        assertEquals(OneTimeTokens.State.REVOKED, OneTimeTokens.state("revoked", NOW.plusDays(1), NOW));
        assertEquals(OneTimeTokens.State.REPLACED, OneTimeTokens.state("replaced", NOW.plusDays(1), NOW));
    }

    @Test
    void aModulesLinksAreAKindOfTheirOwnNeverAPasswordResetOrAnInvitation() {
        assertEquals("m:rating", LinkTokensImpl.kind("rating"));
        for (String bad : new String[] {"reset", "portal"}) {
            org.junit.jupiter.api.Assertions.assertNotEquals(OneTimeTokens.RESET, LinkTokensImpl.kind(bad));
            org.junit.jupiter.api.Assertions.assertNotEquals(PortalStore.INVITATION, LinkTokensImpl.kind(bad));
        }
        for (String bad : new String[] {"", "Rating", "toolongpurpose", "a:b", null}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LinkTokensImpl.kind(bad));
        }
    }
}
