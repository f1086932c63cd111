package org.mosaiccrm.platform.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.ui.HomePanel;
import org.mosaiccrm.platform.spi.ui.MenuEntry;
import org.mosaiccrm.platform.spi.ui.RecordPanel;
import org.mosaiccrm.platform.spi.ui.UiContribution;

class PanelListsTest {

    /** A contribution as a module registers it: menu entries under a permission, record types shown, panels added. */
    private record Pages(String moduleId, String readPermission, List<String> recordTypes, List<RecordPanel> recordPanels,
            List<HomePanel> panels) implements UiContribution {

        @Override
        public String resourceFolder() {
            return "ui";
        }

        @Override
        public String script() {
            return moduleId + ".js";
        }

        @Override
        public List<String> styles() {
            return List.of();
        }

        @Override
        public List<String> routes() {
            return List.of("/" + moduleId);
        }

        @Override
        public List<MenuEntry> menu() {
            return List.of(MenuEntry.of(moduleId + ".menu", "/" + moduleId, readPermission, 100));
        }

        @Override
        public String messages() {
            return "messages";
        }
    }

    private static final Pages CONTACTS = new Pages("contacts", "contacts.read", List.of("contacts.person"), List.of(),
            List.of(HomePanel.of("today", "home-panel.js", "contacts.read", 100)));
    private static final Pages FUNNEL = new Pages("funnel", "funnel.read", List.of("funnel.product"),
            List.of(new RecordPanel("deals", "contacts.person", "person-deals.js", "funnel.read", 200)), List.of());
    private static final Pages ANALYTICS = new Pages("analytics", "analytics.read", List.of(),
            List.of(new RecordPanel("customer", "contacts.person", "person-panel.js", "analytics.read", 100),
                    new RecordPanel("together", "funnel.product", "product-panel.js", "analytics.read", 100),
                    new RecordPanel("export", "contacts.person", "export-panel.js", "analytics.export", 50)),
            List.of(HomePanel.of("pinned", "home-panel.js", "analytics.read", 300)));

    private static UserPrincipal user(String... permissions) {
        return new UserPrincipal("u1", "ana", "t1", Set.of("user"), Set.of(permissions));
    }

    private static List<String> ids(List<UiResource.PanelView> panels) {
        return panels.stream().map(p -> p.moduleId() + ":" + p.id()).toList();
    }

    @Test
    void aRecordPageGetsThePanelsForItsTypeThatTheUserMayUseInOrder() {
        List<UiContribution> all = List.of(ANALYTICS, CONTACTS, FUNNEL);
        UserPrincipal everything = user("contacts.read", "funnel.read", "analytics.read", "analytics.export");
        assertEquals(List.of("analytics:export", "analytics:customer", "funnel:deals"),
                ids(PanelLists.record(all, everything, "contacts.person")));
        assertEquals("/ui/modules/analytics/person-panel.js", PanelLists.record(all, everything, "contacts.person").get(1).script());
        assertEquals(List.of("analytics:together"), ids(PanelLists.record(all, everything, "funnel.product")));
        assertEquals(List.of("analytics:customer"), ids(PanelLists.record(all, user("contacts.read", "analytics.read"), "contacts.person")),
                "a panel needs its permission, and its module's pages the user may see");
        assertEquals(List.of(), ids(PanelLists.record(all, user("contacts.read"), "contacts.person")));
        assertEquals(List.of(), ids(PanelLists.record(all, user("analytics.read"), "contacts.person")),
                "no panels for a page the user may not open");
        assertEquals(List.of("contacts:today", "analytics:pinned"), ids(PanelLists.home(all, everything)), "the start page's own list");
    }

    @Test
    void aModuleSwitchedOffTakesItsPanelsAndTheTypesItShows() {
        UserPrincipal everything = user("contacts.read", "funnel.read", "analytics.read", "analytics.export");
        assertEquals(List.of("funnel:deals"), ids(PanelLists.record(List.of(CONTACTS, FUNNEL), everything, "contacts.person")));
        ProblemException off = assertThrows(ProblemException.class,
                () -> PanelLists.record(List.of(ANALYTICS, CONTACTS), everything, "funnel.product"));
        assertEquals(400, off.status());
    }

    @Test
    void aMalformedOrUnknownTypeIsRefused() {
        UserPrincipal admin = new UserPrincipal("a", "admin", "t", Set.of(UserPrincipal.ADMIN_ROLE), Set.of());
        List<UiContribution> all = List.of(ANALYTICS, CONTACTS, FUNNEL);
        for (String bad : List.of("", "contacts", "Contacts.Person", "contacts.person.x", "../x", "contacts.nobody", "nosuch.person")) {
            assertEquals(400, assertThrows(ProblemException.class, () -> PanelLists.record(all, admin, bad)).status(), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new RecordPanel("x", "person", "x.js", null, 1));
        assertThrows(IllegalArgumentException.class, () -> new RecordPanel("x", "contacts.person", "../x.js", null, 1));
    }
}
