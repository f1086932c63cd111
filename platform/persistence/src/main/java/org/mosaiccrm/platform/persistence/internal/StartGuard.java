package org.mosaiccrm.platform.persistence.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs before the persistence engine touches the database: the check of the builds it has
 * run ({@link InstallationVersion}), on a connection of its own. A refused start ends the
 * process: the message goes to the log and to standard output (where {@code bin/mosaic} and
 * systemd show it), and the exit status is 78 (EX_CONFIG), which the shipped systemd unit does
 * not restart on.
 */
final class StartGuard {

    private static final Logger LOG = LoggerFactory.getLogger(StartGuard.class);
    static final int EXIT_REFUSED = 78;

    private StartGuard() {
    }

    static void check(DatabaseSettings settings) {
        InstallationVersion.ofInstallation().ifPresent(build -> {
            Properties credentials = new Properties();
            if (settings.user() != null) {
                credentials.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                credentials.setProperty("password", settings.password());
            }
            try (Connection c = DataSources.driver(settings.kind()).connect(settings.url(), credentials)) {
                InstallationVersion.check(c, build).message().ifPresent(m -> System.out.println("Mosaic: " + m + "."));
            } catch (SQLException e) {
                throw new IllegalStateException("The database's record of Mosaic builds could not be read: " + e.getMessage(), e);
            }
        });
    }

    /** Says why, then ends the process from a thread of its own (the caller may hold locks the shutdown needs). */
    static DowngradeRefused refuse(DowngradeRefused e) {
        String message = "Mosaic refuses to start: " + e.getMessage();
        LOG.error(message);
        System.out.println(message);
        System.out.flush();
        Thread exit = new Thread(() -> {
            try {
                // The log's appenders write on threads of their own: a moment for the reason to reach the file.
                Thread.sleep(500);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            System.exit(EXIT_REFUSED);
        }, "mosaic-refused-start");
        exit.setDaemon(false);
        exit.start();
        return e;
    }
}
