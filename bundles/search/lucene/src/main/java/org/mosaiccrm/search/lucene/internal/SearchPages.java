package org.mosaiccrm.search.lucene.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/** The results page at {@code /search}; being a search provider, it gives the shell its search box. */
@Component(service = UiContribution.class)
public class SearchPages implements UiContribution {

    @Override
    public String moduleId() {
        return SearchModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "ui";
    }

    @Override
    public String script() {
        return "search.js";
    }

    @Override
    public List<String> styles() {
        return List.of();
    }

    @Override
    public List<String> routes() {
        return List.of("/search");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of();
    }

    @Override
    public String messages() {
        return "messages";
    }

    @Override
    public String searchRoute() {
        return "/search";
    }
}
