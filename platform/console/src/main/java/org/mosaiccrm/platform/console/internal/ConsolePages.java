package org.mosaiccrm.platform.console.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The administrators' pages, contributed to the shell like any module's: modules, users, roles,
 * teams, the audit log, system health and settings, all below {@code /admin}.
 */
@Component(service = UiContribution.class)
public class ConsolePages implements UiContribution {

    @Override
    public String moduleId() {
        return "console";
    }

    @Override
    public String resourceFolder() {
        return "ui";
    }

    @Override
    public String script() {
        return "console.js";
    }

    @Override
    public List<String> styles() {
        return List.of("console.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/admin");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.forAdministrators("console.menu", "/admin", 1000));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
