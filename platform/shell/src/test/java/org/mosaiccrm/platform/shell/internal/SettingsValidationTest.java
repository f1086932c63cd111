package org.mosaiccrm.platform.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.spi.ui.HomePanel;

class SettingsValidationTest {

    @Test
    void timeZonesAreRegionIdsOrUtc() {
        assertEquals("Europe/Ljubljana", SettingsResource.zone("Europe/Ljubljana"));
        assertEquals("UTC", SettingsResource.zone("UTC"));
        assertNull(SettingsResource.zone("Mars/Olympus_Mons"));
        assertNull(SettingsResource.zone("+02:00"), "a fixed offset knows no daylight saving time");
        assertNull(SettingsResource.zone(""));
        assertNull(SettingsResource.zone(null));
    }

    @Test
    void currenciesAreIso4217Codes() {
        assertEquals("EUR", SettingsResource.currency("eur"));
        assertEquals("PHP", SettingsResource.currency(" PHP "));
        assertNull(SettingsResource.currency("EUX"));
        assertNull(SettingsResource.currency("€"));
        assertNull(SettingsResource.currency("EURO"));
        assertNull(SettingsResource.currency(null));
    }

    @Test
    void aPanelIsAScriptOfItsFolder() {
        assertEquals("today", HomePanel.of("today", "home-panel.js", "contacts.read", 100).id());
        assertThrows(IllegalArgumentException.class, () -> HomePanel.of("today", "../x.js", null, 1));
        assertThrows(IllegalArgumentException.class, () -> HomePanel.of("Today", "home-panel.js", null, 1));
        assertThrows(IllegalArgumentException.class, () -> HomePanel.of("today", "https://cdn.example/x.js", null, 1));
    }
}
