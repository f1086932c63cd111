package org.mosaiccrm.platform.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    @Test
    void theAddressLimitIsAPositiveWholeNumberOrTheDefault() {
        assertEquals(50, LoginThrottle.addressLimit(null));
        assertEquals(50, LoginThrottle.addressLimit("  "));
        assertEquals(400, LoginThrottle.addressLimit(" 400 "));
        assertEquals(50, LoginThrottle.addressLimit("0"), "no limit at all is not a setting");
        assertEquals(50, LoginThrottle.addressLimit("-3"));
        assertEquals(50, LoginThrottle.addressLimit("lots"));
    }
}
