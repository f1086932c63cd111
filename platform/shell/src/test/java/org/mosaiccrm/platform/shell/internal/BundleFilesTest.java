package org.mosaiccrm.platform.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class BundleFilesTest {

    private final List<String> asked = new ArrayList<>();

    /** A bundle that has every entry it is asked for, and remembers the paths. */
    private final Bundle bundle = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getEntry")) {
                    asked.add((String) args[0]);
                    return new URL("file:/bundle/" + args[0]);
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void filesAreLookedUpBelowTheDeclaredFolder() {
        assertNotNull(BundleFiles.find(bundle, "/ui/", "notes.js"));
        assertNotNull(BundleFiles.find(bundle, "ui", "img/logo.svg"));
        assertNotNull(BundleFiles.find(bundle, "", "theme.css"));
        assertEquals(List.of("ui/notes.js", "ui/img/logo.svg", "theme.css"), asked);
    }

    @Test
    void pathsThatLeaveTheFolderOrLookOddAreRefusedUnasked() {
        for (String path : List.of("../secret.js", "a/../../b.js", "/etc/passwd", "a//b.js", ".hidden.js", "a\\b.js", "%2e%2e/x.js",
                "x.js?y", "", "a/./b.js")) {
            assertNull(BundleFiles.find(bundle, "ui", path), path);
        }
        assertNull(BundleFiles.find(null, "ui", "notes.js"));
        assertEquals(List.of(), asked);
    }

    @Test
    void onlyTheTypesAPageNeedsAreServed() {
        assertEquals("text/javascript; charset=utf-8", BundleFiles.contentType("notes.js"));
        assertEquals("text/css; charset=utf-8", BundleFiles.contentType("theme.css"));
        assertEquals("image/svg+xml", BundleFiles.contentType("logo.svg"));
        assertNull(BundleFiles.contentType("messages.properties"));
        assertNull(BundleFiles.contentType("Notes.class"));
        assertNull(BundleFiles.contentType("index.html"));
        assertNull(BundleFiles.contentType("README"));
    }
}
