package org.mosaiccrm.platform.api.files;

import java.util.Locale;
import java.util.Map;

/**
 * The types a stored file is served as: a short allow-list of what browsers show without running
 * anything (images, PDF, plain text, CSV), everything else {@value #BINARY}. The extension
 * decides; the type the sender declared counts only for a name without an extension. An
 * uploaded {@code .html} or {@code .svg}, whatever it was declared as, is never served as
 * {@code text/html} or {@code image/svg+xml}, which a browser would run as the site's own page.
 */
public final class FileTypes {

    public static final String BINARY = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg",
            "gif", "image/gif", "webp", "image/webp", "pdf", "application/pdf", "txt", "text/plain", "csv", "text/csv");

    private FileTypes() {
    }

    /** The type a file of this name, declared as {@code declared} (may be null), is stored and served as. */
    public static String served(String name, String declared) {
        String extension = FileNames.extension(name);
        if (!extension.isEmpty()) {
            return BY_EXTENSION.getOrDefault(extension, BINARY);
        }
        String type = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return BY_EXTENSION.containsValue(type) ? type : BINARY;
    }

    /** Whether a type is one of the allow-list (a type read back from storage is checked again before it is served). */
    public static boolean allowed(String type) {
        return BY_EXTENSION.containsValue(type);
    }
}
