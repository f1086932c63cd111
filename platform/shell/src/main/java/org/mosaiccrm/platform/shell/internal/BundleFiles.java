package org.mosaiccrm.platform.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

/**
 * Files the shell serves from bundles: only entries below the folder a contribution declared,
 * named by a plain relative path (no "..", no absolute paths, no odd characters), and only of
 * the types a page needs.
 */
final class BundleFiles {

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "json", "application/json; charset=utf-8");

    private BundleFiles() {
    }

    /** The entry {@code folder/path} of the bundle itself (not of what it imports), or null. */
    static URL find(Bundle bundle, String folder, String path) {
        if (bundle == null || path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return null;
        }
        String base = strip(folder);
        return bundle.getEntry(base.isEmpty() ? path : base + "/" + path);
    }

    /** The content type to serve a file with, or null for a type the shell does not serve. */
    static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(path.substring(dot + 1));
    }

    /** A message file (UTF-8 properties) of the bundle; empty when it has none. */
    static Properties messages(Bundle bundle, String folder, String baseName, String language) {
        Properties p = new Properties();
        if (baseName == null) {
            return p;
        }
        URL url = find(bundle, folder, baseName + (language == null ? "" : "_" + language) + ".properties");
        if (url != null) {
            try (InputStream in = url.openStream()) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | IllegalStateException e) {
                // a bundle that went away while we read: its messages go with it
            }
        }
        return p;
    }

    static String strip(String folder) {
        if (folder == null) {
            return "";
        }
        String f = folder.strip();
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }
}
