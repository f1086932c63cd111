package org.mosaiccrm.platform.persistence.internal;

import java.nio.file.Path;
import java.util.Map;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;

/**
 * Where the data lives. From {@code MOSAIC_DB_URL}, {@code MOSAIC_DB_USER} and
 * {@code MOSAIC_DB_PASSWORD}; without a URL, an embedded Derby database in the data folder.
 */
public record DatabaseSettings(String url, String user, String password, DatabaseKind kind) {

    public static DatabaseSettings fromEnvironment(Map<String, String> env, Path dataFolder) {
        String url = blankToNull(env.get("MOSAIC_DB_URL"));
        if (url == null) {
            url = "jdbc:derby:" + dataFolder.resolve("db").toAbsolutePath() + ";create=true";
        }
        return of(url, blankToNull(env.get("MOSAIC_DB_USER")), blankToNull(env.get("MOSAIC_DB_PASSWORD")));
    }

    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, DatabaseKind.ofJdbcUrl(url));
    }

    /** The URL with any password parameter masked, for logs. */
    public String safeUrl() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
