package org.mosaiccrm.platform.core.internal.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online backups asked for by {@code bin/mosaic backup}: the script leaves a request file in
 * {@code <data>/requests/} and waits for the answer next to it. The data folder is its owner's
 * alone (0700), so only the account the server runs as (or root) can ask, and nothing of it is
 * reachable over the network: no endpoint, no token, no password to configure or leak.
 *
 * <p>{@code backup-<id>.request} holds {@code target=<absolute folder>}. The server claims it
 * (renamed {@code .running}), makes the database's part of the backup there, and answers with
 * {@code backup-<id>.done} ({@code kind}, and on PostgreSQL the {@code pg_dump} command for the
 * configured database) or {@code backup-<id>.failed} ({@code error}). On Derby the database part
 * is Derby's online backup ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}): a consistent copy taken
 * while transactions go on, into {@code <target>/db}. The script copies the rest.
 */
@Component(immediate = true)
public class BackupRequests {

    private static final Logger LOG = LoggerFactory.getLogger(BackupRequests.class);

    @Reference
    private Persistence persistence;

    private Path folder;
    private ScheduledExecutorService poller;

    @Activate
    void activate() throws IOException {
        folder = Path.of(System.getProperty("karaf.data", "data"), "requests");
        Files.createDirectories(folder);
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-backup-requests");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        poller.shutdownNow();
    }

    private void poll() {
        try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "backup-*.request")) {
            for (Path request : requests) {
                handle(request);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Backup requests in {} could not be read", folder, e);
        }
    }

    private void handle(Path request) throws IOException {
        String name = request.getFileName().toString();
        String id = name.substring(0, name.length() - ".request".length());
        Path running = folder.resolve(id + ".running");
        Files.move(request, running, StandardCopyOption.ATOMIC_MOVE);
        Properties answer = new Properties();
        String outcome;
        try {
            Properties asked = read(running);
            Path target = Path.of(asked.getProperty("target", ""));
            if (!target.isAbsolute()) {
                throw new IllegalArgumentException("the backup folder must be an absolute path, not '" + target + "'");
            }
            Files.createDirectories(target);
            DatabaseKind kind = persistence.databaseKind();
            answer.setProperty("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            if (kind == DatabaseKind.DERBY) {
                if (Files.exists(target.resolve("db"))) {
                    throw new IllegalArgumentException(target.resolve("db") + " exists already; back up into a new folder");
                }
                LOG.info("Online backup of the Derby database into {}", target);
                persistence.read(ctx -> Sql.exec(ctx, "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)", target.toString()));
            } else {
                PgDump.command(System.getenv(), target.resolve("mosaic.pgdump")).ifPresent(c -> answer.setProperty("pg_dump", c));
                answer.setProperty("database", PgDump.safeUrl(System.getenv("MOSAIC_DB_URL")));
            }
            outcome = ".done";
            LOG.info("Backup {} into {}: the database's part is done", id, target);
        } catch (Exception e) {
            answer.setProperty("error", String.valueOf(e.getMessage()));
            outcome = ".failed";
            LOG.error("Backup {} failed", id, e);
        }
        Path tmp = folder.resolve(id + outcome + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            answer.store(w, "Mosaic backup " + id);
        }
        Files.move(tmp, folder.resolve(id + outcome), StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(running);
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
