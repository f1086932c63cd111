package org.mosaiccrm.platform.shell.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The start page, contributed by the shell through the same SPI as every module: it greets the
 * user and lists where they can go from here (the menu of the enabled modules).
 */
@Component(service = UiContribution.class)
public class HomePage implements UiContribution {

    @Override
    public String moduleId() {
        return "home";
    }

    @Override
    public String resourceFolder() {
        return "ui/home";
    }

    @Override
    public String script() {
        return "home.js";
    }

    @Override
    public List<String> styles() {
        return List.of();
    }

    @Override
    public List<String> routes() {
        return List.of("/");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("home.menu", "/", null, 0));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
