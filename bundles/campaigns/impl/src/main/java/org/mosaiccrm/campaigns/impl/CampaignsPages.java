package org.mosaiccrm.campaigns.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The campaigns' pages in the web shell, below {@code /campaigns}: campaigns (list, draft form, a
 * campaign's figures, responses chart, recipients and interested ones, send, pause, resume and
 * cancel), templates with preview, segments with a live count, web forms with their snippet, and
 * the mail settings for those with {@code campaigns.admin} ({@code campaigns.js} and the modules it
 * imports). They come and go with the module.
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
