package org.mosaiccrm.distribution.greetings;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;

/**
 * The UI contribution of "greetings", a third-party module that the tests package as a .kar
 * (see {@code GreetingsKar}): one page at {@code /greetings}, one menu entry, its own messages.
 * It is compiled with the tests and copied into the archive's bundle, so it runs in Mosaic
 * exactly like a module built elsewhere against the SPI.
 */
public class GreetingsPages implements UiContribution {

    @Override
    public String moduleId() {
        return "greetings";
    }

    @Override
    public String resourceFolder() {
        return "ui";
    }

    @Override
    public String script() {
        return "greetings.js";
    }

    @Override
    public List<String> styles() {
        return List.of("greetings.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/greetings");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("greetings.menu", "/greetings", null, 500));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
