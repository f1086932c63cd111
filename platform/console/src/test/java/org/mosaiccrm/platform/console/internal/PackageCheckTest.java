package org.mosaiccrm.platform.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class PackageCheckTest {

    private static final Map<String, List<Version>> MOSAIC = Map.of("org.mosaiccrm.platform.spi", List.of(new Version(1, 5, 0)),
            "org.mosaiccrm.platform.api.rest", List.of(new Version(2, 3, 0)));

    private static ArchiveContents.BundleHeaders importing(String imports) {
        return new ArchiveContents.BundleHeaders("tickets-impl", "1.0.0", imports, null);
    }

    @Test
    void importsInRangeFit() {
        assertNull(PackageCheck.problem(List.of(importing(
                "java.util,org.mosaiccrm.platform.spi;version=\"[1.5,2)\",org.mosaiccrm.platform.api.rest;version=\"[2.0,3)\"")), MOSAIC));
    }

    @Test
    void anImportOutOfRangeIsNamedWithBothVersions() {
        String problem = PackageCheck.problem(List.of(importing("org.mosaiccrm.platform.spi;version=\"[9.0,10)\",javax.ws.rs")), MOSAIC);
        assertTrue(problem.contains("Bundle tickets-impl 1.0.0 needs package org.mosaiccrm.platform.spi in versions [9.0.0,10.0.0),"
                + " but this Mosaic has it in version 1.5.0."), problem);
        assertTrue(problem.startsWith("The archive does not fit this Mosaic, nothing was installed."), problem);
    }

    @Test
    void optionalImportsOtherPackagesAndPackagesNoOneExportsAreLeftToTheResolver() {
        assertNull(PackageCheck.problem(List.of(importing("org.mosaiccrm.platform.spi;version=\"[9.0,10)\";resolution:=optional,"
                + "org.apache.cayenne;version=\"[9,10)\",org.mosaiccrm.funnel.api;version=\"[1.0,2)\"")), MOSAIC));
    }

    @Test
    void headersSplitOnCommasOutsideQuotesAndNameSeveralPackagesPerClause() {
        List<PackageCheck.Clause> clauses = PackageCheck.clauses("a.b;c.d;version=\"[1,2)\";resolution:=optional,e;version=1.2");
        assertEquals(List.of("a.b", "c.d", "e"), clauses.stream().map(PackageCheck.Clause::name).toList());
        assertEquals("[1,2)", clauses.get(1).attribute("version"));
        assertEquals("optional", clauses.get(0).directive("resolution"));
        assertEquals(new Version(1, 2, 0), PackageCheck.exports("e;version=\"1.2\";uses:=\"x,y\"").get(0).getValue());
    }
}
