package org.mosaiccrm.analytics.impl;

import java.util.List;

import org.mosaiccrm.funnel.api.OrderHistory;
import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.RecordPanel;
import org.mosaiccrm.platform.spi.ui.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The analytics pages in the web shell, below {@code /analytics}: dashboards with their charts,
 * RFM segments, retention cohorts and basket rules. Charts are drawn by Apache ECharts, embedded
 * in this bundle from its WebJar and served from it ({@code lib/echarts.esm.min.js}).
 */
@Component(service = UiContribution.class)
public class AnalyticsPages implements UiContribution {

    /** The funnel's orders, which the record panels' figures are counted over: without them (the funnel off) there are no panels. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile OrderHistory orders;

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

    /**
     * On a person's page their RFM segment, churn risk, lifetime value and what customers who
     * bought the same also bought; on a product's page what is bought together with it. Both
     * count the funnel's orders, so they are offered only while the funnel is on.
     */
    @Override
    public List<RecordPanel> recordPanels() {
        if (orders == null) {
            return List.of();
        }
        return List.of(new RecordPanel("customer", "contacts.person", "person-panel.js", AnalyticsModule.READ, 500),
                new RecordPanel("together", "funnel.product", "product-panel.js", AnalyticsModule.READ, 500));
    }
}
