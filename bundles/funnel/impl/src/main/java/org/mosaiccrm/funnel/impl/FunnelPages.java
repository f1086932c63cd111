package org.mosaiccrm.funnel.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The funnel's pages in the web shell, below {@code /funnel}: the sales board (drag a card or
 * move it with the keyboard), deals, leads with Convert, products, orders, the forecast, CSV
 * import of leads and orders and, for administrators, the pipeline settings. One menu entry
 * opens the board; every page carries the funnel's sub-navigation to the others. The script
 * ({@code funnel.js}) imports one file per section from the same folder. They come and go with
 * the module.
 */
@Component(service = UiContribution.class)
public class FunnelPages implements UiContribution {

    @Override
    public String moduleId() {
        return FunnelModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/funnel/impl/ui";
    }

    @Override
    public String script() {
        return "funnel.js";
    }

    @Override
    public List<String> styles() {
        return List.of("funnel.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/funnel");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("funnel.menu", "/funnel", FunnelModule.READ, 250));
    }

    @Override
    public String messages() {
        return "messages";
    }

    /** A product's page has a place for other modules' panels (analytics' "bought together", …). */
    @Override
    public List<String> recordTypes() {
        return List.of("funnel.product");
    }
}
