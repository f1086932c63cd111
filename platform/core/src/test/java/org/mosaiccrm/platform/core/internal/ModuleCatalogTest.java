package org.mosaiccrm.platform.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.mosaiccrm.platform.api.modules.ModuleInfo;
import org.junit.jupiter.api.Test;

class ModuleCatalogTest {

    private static ModuleInfo module(String id, boolean enabled, String... requires) {
        return new ModuleInfo(id, id, "1.0.0", "", enabled, List.of(requires));
    }

    @Test
    void enabledModulesRequiringOneBlockItsDisableEvenTransitively() {
        ModuleCatalog catalog = new ModuleCatalog(List.of(
                module("contacts", true),
                module("funnel", true, "contacts"),
                module("analytics", true, "funnel"),
                module("tickets", false, "contacts")));
        assertEquals(List.of("funnel", "analytics"), catalog.enabledDependents("contacts"));
        assertEquals(List.of("analytics"), catalog.enabledDependents("funnel"));
        assertEquals(List.of(), catalog.enabledDependents("analytics"));
    }

    @Test
    void requiredClosureListsDependenciesFirstAndSurvivesCycles() {
        ModuleCatalog catalog = new ModuleCatalog(List.of(
                module("a", false, "b"), module("b", false, "c"), module("c", false, "a")));
        assertEquals(List.of("c", "b"), List.copyOf(catalog.requiredClosure("a")));
    }

    @Test
    void karafFeatureNamesMapToModules() {
        assertEquals(true, KarafModuleManager.isModule("mosaic-notes"));
        assertEquals(false, KarafModuleManager.isModule("mosaic-platform"));
        assertEquals(false, KarafModuleManager.isModule("mosaic-platform-web"));
        assertEquals(false, KarafModuleManager.isModule("scr"));
    }
}
