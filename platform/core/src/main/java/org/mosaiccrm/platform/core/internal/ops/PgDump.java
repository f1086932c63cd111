package org.mosaiccrm.platform.core.internal.ops;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code pg_dump} command that backs up the PostgreSQL database Mosaic is configured with
 * ({@code MOSAIC_DB_URL}, {@code MOSAIC_DB_USER}): PostgreSQL's own tool makes a consistent
 * dump of a running database; Mosaic does not reimplement it. The password is never part of
 * the command (pg_dump reads {@code PGPASSWORD} or {@code ~/.pgpass}).
 */
final class PgDump {

    private PgDump() {
    }

    static Optional<String> command(Map<String, String> env, Path file) {
        String url = env.get("MOSAIC_DB_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String database = uri.getPath() == null || uri.getPath().length() < 2 ? "postgres" : uri.getPath().substring(1);
        StringBuilder c = new StringBuilder("pg_dump --format=custom --host=").append(quote(host)).append(" --port=").append(port);
        String user = env.get("MOSAIC_DB_USER");
        if (user != null && !user.isBlank()) {
            c.append(" --username=").append(quote(user));
        }
        c.append(" --file=").append(quote(file.toString())).append(' ').append(quote(database));
        return Optional.of(c.toString());
    }

    /** The URL without its query, where a password may be. */
    static String safeUrl(String url) {
        if (url == null) {
            return "";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** A shell word: as it is when it is plain, else in single quotes. */
    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
