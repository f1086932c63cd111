package org.mosaiccrm.analytics.impl;

import java.util.List;

import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;

/**
 * The analytics pages in the web shell, below {@code /analytics}: dashboards with their charts,
 * RFM segments, retention cohorts and basket rules. Charts are drawn by Apache ECharts, embedded
 * in this bundle from its WebJar and served from it ({@code lib/echarts.esm.min.js}).
 */
@Component(service = UiContribution.class)
public class AnalyticsPages implements UiContribution {

    @Override
    public String moduleId() {
        return AnalyticsModule.ID;
    }

    @Override
    public String resourceFolder() {
        return "org/mosaiccrm/analytics/impl/ui";
    }

    @Override
    public String script() {
        return "analytics.js";
    }

    @Override
    public List<String> styles() {
        return List.of("analytics.css");
    }

    @Override
    public List<String> routes() {
        return List.of("/analytics");
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(MenuEntry.of("analytics.menu", "/analytics", AnalyticsModule.READ, 600));
    }

    /** The widgets pinned to the start page, of the dashboards the user reads. */
    @Override
    public List<HomePanel> panels() {
        return List.of(HomePanel.of("pinned", "home-panel.js", AnalyticsModule.READ, 300));
    }

    @Override
    public String messages() {
        return "messages";
    }
}
