package org.mosaiccrm.campaigns.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The campaigns' pages in the web shell, below {@code /campaigns}: the campaigns, a campaign's
 * figures with send, pause, resume and cancel, and the mail settings for those with
 * {@code campaigns.admin} ({@code campaigns.js}). They come and go with the module.
 */
@Component(service = UiContribution.class)
public class CampaignsPages implements UiContribution {

    @Override
    public String moduleId() {
        return CampaignsModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/campaigns/impl/ui";
    }

    @Override
    public String script() {
        return "campaigns.js";
    }

    @Override
    public List<String> styles() {
        return List.of("campaigns.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/campaigns");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("campaigns.menu", "/campaigns", CampaignsModule.READ, 270));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
