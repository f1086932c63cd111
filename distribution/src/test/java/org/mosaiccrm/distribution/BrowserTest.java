package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** When the browser tests run, skip or fail; no browser is started. */
class BrowserTest {

    private static final Predicate<String> BOTH = Set.of(Browser.CHROMIUM, Browser.CHROMEDRIVER)::contains;
    private static final Predicate<String> NONE = path -> false;
    private static final Predicate<String> NO_DRIVER = Browser.CHROMIUM::equals;

    @Test
    void runsWhereChromiumAndItsDriverAreInstalled() {
        assertEquals(Browser.Decision.RUN, Browser.availability(Map.of(), BOTH).decision());
        assertEquals(Browser.Decision.RUN, Browser.availability(Map.of("CI", "true"), BOTH).decision());
    }

    @Test
    void failsUnderCiWhenEitherIsMissing() {
        for (String ci : new String[] {"true", "TRUE", "1"}) {
            Browser.Availability none = Browser.availability(Map.of("CI", ci), NONE);
            assertEquals(Browser.Decision.FAIL, none.decision(), "CI=" + ci);
            assertTrue(none.reason().contains(Browser.CHROMIUM) && none.reason().contains(Browser.CHROMEDRIVER), none.reason());
            assertTrue(none.reason().contains("CI"), none.reason());
        }
        Browser.Availability noDriver = Browser.availability(Map.of("CI", "true"), NO_DRIVER);
        assertEquals(Browser.Decision.FAIL, noDriver.decision());
        assertTrue(noDriver.reason().contains(Browser.CHROMEDRIVER) && !noDriver.reason().contains(Browser.CHROMIUM + " "),
                noDriver.reason());
    }

    @Test
    void skipsWithAReasonElsewhere() {
        for (Map<String, String> env : Set.of(Map.<String, String>of(), Map.of("CI", "false"), Map.of("CI", ""))) {
            Browser.Availability a = Browser.availability(env, NONE);
            assertEquals(Browser.Decision.SKIP, a.decision(), env.toString());
            assertTrue(a.reason().contains("apt-get install chromium chromium-driver"), a.reason());
        }
        assertEquals(Browser.Decision.SKIP, Browser.availability(Map.of(), NO_DRIVER).decision());
    }
}
