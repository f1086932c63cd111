package org.mosaiccrm.platform.shell.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The start page, contributed by the shell through the same SPI as every module: it greets the
 * user, shows the panels of the enabled modules (and the platform's own: unread notifications,
 * and the setup checklist for administrators) and lists where they can go from here. It also
 * holds {@code /setup}, the administrator's first-start setup.
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
        return List.of("/", "/setup");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("home.menu", "/", null, 0));
    }

    @Override
    public List<HomePanel> panels() {
        return List.of(HomePanel.forAdministrators("checklist", "checklist-panel.js", 0),
                HomePanel.of("notifications", "notifications-panel.js", null, 900));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
