package org.mosaiccrm.platform.mail.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.MailAccount;
import org.mosaiccrm.platform.api.mail.MailConnection;
import org.mosaiccrm.platform.api.mail.MailMessage;
import org.mosaiccrm.platform.api.mail.MailOutcome;
import org.mosaiccrm.platform.api.mail.MailTest;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox and the settings row. A mail moves queued → sending → sent; from sending it can
 * also go back to queued (the server refused it for now), to failed (refused for good, or
 * {@link #MAX_ATTEMPTS} tries) or to unknown (the connection broke while it was handed over,
 * or the node stopped then): unknown is never sent again by itself, an administrator may.
 */
@Component(service = {Mailer.class, MailStore.class})
public class MailStore implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(MailStore.class);

    static final String QUEUED = "queued";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String UNKNOWN = "unknown";
    static final int MAX_ATTEMPTS = 10;

    @Reference(target = "(mosaic.data=mail)")
    private org.mosaiccrm.platform.spi.DataContribution schema;

    @Reference
    private Persistence persistence;

    /** Where the files a mail carries are (the platform core's); only mails with attachments need it. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.mosaiccrm.platform.api.files.StoredFiles files;

    private final SmtpSettings fromEnvironment = SmtpSettings.fromEnvironment(System.getenv());
    private final URI publicUrl = publicUrl(System.getenv("MOSAIC_PUBLIC_URL"));

    /** {@code MOSAIC_PUBLIC_URL}: where users open Mosaic (https://crm.example.com); null when unset or not an http(s) address. */
    static URI publicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip().replaceAll("/+$", ""));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            LOG.error("MOSAIC_PUBLIC_URL must be an http or https address without query or fragment, not '{}'; mails that need a"
                    + " link (password reset, invitations) stay off", value);
            return null;
        }
    }

    @Override
    public URI publicUrl() {
        return publicUrl;
    }

    @Override
    public MailTest test(MailAccount account, String to, String subject, String text) {
        Mail mail = Mail.text("mail.test:" + UUID.randomUUID(), to, subject, text);
        try (SmtpConnection connection = SmtpConnection.open(settings(account), account.replyTo())) {
            SmtpConnection.Result result = connection.send(mail, "<" + UUID.randomUUID() + "@mosaiccrm>");
            return new MailTest(result.outcome() == SmtpConnection.Outcome.SENT, result.reply());
        } catch (MessagingException e) {
            // Connecting or signing in failed: the exception carries the server's answer, if one came.
            return new MailTest(false, "Connecting to " + account.host() + ":" + account.port() + " failed: " + e.getMessage());
        }
    }

    @Override
    public MailConnection connect(MailAccount account) throws IOException {
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(settings(account), account.replyTo());
        } catch (MessagingException e) {
            throw new IOException("Connecting to " + account.host() + ":" + account.port() + " failed: " + e.getMessage(), e);
        }
        return new MailConnection() {
            @Override
            public MailOutcome send(MailMessage message) {
                SmtpConnection.Result result = connection.send(message);
                return new MailOutcome(MailOutcome.Kind.valueOf(result.outcome().name()), result.reply());
            }

            @Override
            public boolean connected() {
                return connection.connected();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    private static SmtpSettings settings(MailAccount account) {
        return new SmtpSettings(account.host(), account.port(), account.security(), account.username(), account.password(),
                account.fromAddress(), account.fromName());
    }

    @Override
    public boolean queue(ObjectContext ctx, Mail mail) {
        if (Sql.count(ctx, "SELECT COUNT(*) FROM MAIL_OUTBOX WHERE MAIL_KEY = ?", mail.key()) > 0) {
            return false;
        }
        LocalDateTime now = Sql.now();
        String headers = OutboxHeaders.write(mail.headers());
        Sql.exec(ctx, "INSERT INTO MAIL_OUTBOX (ID, MAIL_KEY, RECIPIENTS, SUBJECT, TEXT_BODY, HTML_BODY, STATE, ATTEMPTS, NEXT_AT,"
                + " CREATED_AT, MESSAGE_ID, REPLY_TO, HEADERS, FILE_IDS) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)", RecordIds.newId(),
                mail.key(), String.join(",", mail.to()), mail.subject(), mail.text(), mail.html(), QUEUED, Sql.ts(now), Sql.ts(now),
                mail.messageId(), mail.replyTo(), headers, mail.files().isEmpty() ? null : String.join(",", mail.files()));
        return true;
    }

    /** Messages in the outbox by state (states without any are left out). */
    Map<String, Long> countByState() {
        return persistence.read(ctx -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (DataRow r : Sql.rows(ctx, "SELECT STATE, COUNT(*) AS N FROM MAIL_OUTBOX GROUP BY STATE")) {
                counts.put(Sql.str(r, "STATE"), ((Number) r.get("N")).longValue());
            }
            return counts;
        });
    }

    @Override
    public boolean configured() {
        SmtpSettings s = settings();
        return s != null && s.complete();
    }

    /** The administrator's settings if saved, else the environment's, else null. */
    SmtpSettings settings() {
        return current().settings();
    }

    /** The settings in force and where they come from: {@code database}, {@code environment} or {@code none}; one read. */
    record Current(SmtpSettings settings, String source) {
    }

    /** Whether {@code MOSAIC_MAIL_HOST} gives settings to fall back on when none are saved. */
    boolean hasEnvironment() {
        return fromEnvironment != null;
    }

    Current current() {
        SmtpSettings saved = persistence.read(MailStore::saved);
        if (saved != null) {
            return new Current(saved, "database");
        }
        return new Current(fromEnvironment, fromEnvironment == null ? "none" : "environment");
    }

    long settingsVersion() {
        return persistence.read(ctx -> Sql.count(ctx, "SELECT VERSION FROM MAIL_SETTINGS WHERE ID = 1"));
    }

    private static SmtpSettings saved(ObjectContext ctx) {
        DataRow r = Sql.row(ctx, "SELECT HOST, PORT, SECURITY, USERNAME, PASSWORD, FROM_ADDRESS, FROM_NAME FROM MAIL_SETTINGS WHERE ID = 1");
        if (r == null || Sql.str(r, "HOST") == null) {
            return null;
        }
        return new SmtpSettings(Sql.str(r, "HOST"), ((Number) r.get("PORT")).intValue(), Sql.str(r, "SECURITY"), Sql.str(r, "USERNAME"),
                Sql.str(r, "PASSWORD"), Sql.str(r, "FROM_ADDRESS"), Sql.str(r, "FROM_NAME"));
    }

    /**
     * Saves the settings if they are still at {@code expectedVersion}; the saved password stays
     * when {@code keepPassword}. Returns the new version, or -1 when the version was stale.
     */
    long save(SmtpSettings s, boolean keepPassword, long expectedVersion) {
        return persistence.write(ctx -> {
            int changed = Sql.exec(ctx, "UPDATE MAIL_SETTINGS SET HOST = ?, PORT = ?, SECURITY = ?, USERNAME = ?,"
                    + (keepPassword ? "" : " PASSWORD = ?,") + " FROM_ADDRESS = ?, FROM_NAME = ?, VERSION = VERSION + 1, UPDATED_AT = ?"
                    + " WHERE ID = 1 AND VERSION = ?", keepPassword
                            ? new Object[] {s.host(), s.port(), s.security(), s.username(), s.fromAddress(), s.fromName(), Sql.ts(Sql.now()),
                                    expectedVersion}
                            : new Object[] {s.host(), s.port(), s.security(), s.username(), s.password(), s.fromAddress(), s.fromName(),
                                    Sql.ts(Sql.now()), expectedVersion});
            return changed == 1 ? expectedVersion + 1 : -1L;
        });
    }

    /**
     * Forgets the saved settings if they are still at {@code expectedVersion}, so that the
     * environment's apply again (or none). Returns the new version, or -1 when it was stale.
     */
    long clear(long expectedVersion) {
        return persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_SETTINGS SET HOST = NULL, PORT = NULL, SECURITY = NULL, USERNAME = NULL,"
                + " PASSWORD = NULL, FROM_ADDRESS = NULL, FROM_NAME = NULL, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = 1 AND VERSION = ?",
                Sql.ts(Sql.now()), expectedVersion) == 1 ? expectedVersion + 1 : -1L);
    }

    /** Mails a node was handing over when it stopped: whether they went, nobody knows. */
    int markInterrupted() {
        return persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, LAST_ERROR = ? WHERE STATE = ?", UNKNOWN,
                "Mosaic stopped while handing this mail to the server; it is not sent again by itself, so that nobody gets it twice.",
                SENDING));
    }

    List<DataRow> due(int limit) {
        return persistence.read(ctx -> Sql.rows(ctx, "SELECT ID, MAIL_KEY, RECIPIENTS, SUBJECT, TEXT_BODY, HTML_BODY, ATTEMPTS,"
                + " MESSAGE_ID, REPLY_TO, HEADERS, FILE_IDS FROM MAIL_OUTBOX WHERE STATE = ? AND NEXT_AT <= ? ORDER BY NEXT_AT, ID FETCH FIRST " + limit + " ROWS ONLY",
                QUEUED, Sql.ts(Sql.now())));
    }

    /**
     * The stored files a mail carries, with their bytes, in the mail's order.
     *
     * @throws IllegalArgumentException when one is no longer stored (the mail cannot go as it was written)
     */
    List<SmtpConnection.Attached> attachments(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        org.mosaiccrm.platform.api.files.StoredFiles stored = files;
        if (stored == null) {
            throw new IllegalArgumentException("The mail carries files, and the platform's stored files are not available.");
        }
        return persistence.read(ctx -> ids.stream().map(id -> {
            org.mosaiccrm.platform.api.files.StoredFile f = stored.get(ctx, id)
                    .orElseThrow(() -> new IllegalArgumentException("A file the mail carries is no longer stored (" + id + ")."));
            try (java.io.InputStream in = stored.open(ctx, id).orElseThrow()) {
                return new SmtpConnection.Attached(f.name(), f.contentType(), in.readAllBytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList());
    }

    /** Takes a queued mail for sending, committed before the first byte goes out; false if another run took it. */
    boolean claim(String id) {
        return persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, ATTEMPTS = ATTEMPTS + 1 WHERE ID = ? AND STATE = ?",
                SENDING, id, QUEUED)) == 1;
    }

    void sent(String id, String reply) {
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, SENT_AT = ?, SERVER_REPLY = ?, LAST_ERROR = NULL WHERE ID = ?",
                SENT, Sql.ts(Sql.now()), cut(reply, 500), id));
    }

    void finished(String id, String state, String error) {
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, LAST_ERROR = ? WHERE ID = ?", state, cut(error, 1000), id));
    }

    /**
     * Queued again after {@code attempts} tries, a little later each time (1, 2, 4 … minutes, at
     * most six hours); failed after {@link #MAX_ATTEMPTS}.
     */
    void later(String id, int attempts, String error, boolean claimed) {
        int tries = attempts + (claimed ? 0 : 1);
        if (tries >= MAX_ATTEMPTS) {
            finished(id, FAILED, error + " (gave up after " + tries + " tries)");
            return;
        }
        Duration wait = Duration.ofMinutes(Math.min(360, 1L << Math.min(tries, 9)));
        persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, ATTEMPTS = ?, NEXT_AT = ?, LAST_ERROR = ? WHERE ID = ?",
                QUEUED, tries, Sql.ts(Sql.now().plus(wait)), cut(error, 1000), id));
    }

    /** An administrator sends a failed or unknown mail again, knowing it may arrive twice. */
    boolean requeue(String id) {
        return persistence.write(ctx -> Sql.exec(ctx, "UPDATE MAIL_OUTBOX SET STATE = ?, NEXT_AT = ?, ATTEMPTS = 0 WHERE ID = ? AND STATE IN (?, ?)",
                QUEUED, Sql.ts(Sql.now()), id, FAILED, UNKNOWN)) == 1;
    }

    /** The outbox newest first, of one state or all (null), at most {@code max} mails. */
    List<DataRow> outbox(String state, int max) {
        return persistence.read(ctx -> Sql.rows(ctx, "SELECT ID, MAIL_KEY, RECIPIENTS, SUBJECT, STATE, ATTEMPTS, LAST_ERROR, SERVER_REPLY,"
                + " CREATED_AT, SENT_AT FROM MAIL_OUTBOX" + (state == null ? "" : " WHERE STATE = ?")
                + " ORDER BY CREATED_AT DESC, ID DESC FETCH FIRST " + max + " ROWS ONLY", state == null ? new Object[0] : new Object[] {state}));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
