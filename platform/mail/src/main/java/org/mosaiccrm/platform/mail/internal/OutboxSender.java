package org.mosaiccrm.platform.mail.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, on one node at a time (the platform's job lease). Each mail is
 * claimed (state sending, committed) before it goes out and settled after, so a mail is handed
 * to the server at most once: one this job was handing over when its node stopped is found
 * still "sending" by the next run and marked unknown, not sent again.
 */
@Component(service = Job.class)
public class OutboxSender implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;

    @Reference
    private MailStore store;

    @Override
    public String id() {
        return "platform.mail.outbox";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(3);
    }

    @Override
    public void run() {
        // Without a server nothing was or can be sent: an unconfigured install does no writes here.
        SmtpSettings settings = store.settings();
        if (settings == null || !settings.complete()) {
            return;
        }
        // Only one run at a time anywhere (the lease): a mail still "sending" now was left by a run that stopped.
        int interrupted = store.markInterrupted();
        if (interrupted > 0) {
            LOG.warn("{} mail(s) were being sent when Mosaic stopped; marked unknown, not sent again", interrupted);
        }
        List<DataRow> due = store.due(BATCH);
        if (due.isEmpty()) {
            return;
        }
        SmtpConnection connection = null;
        try {
            for (int i = 0; i < due.size(); i++) {
                DataRow row = due.get(i);
                String id = Sql.str(row, "ID");
                int attempts = ((Number) row.get("ATTEMPTS")).intValue();
                if (connection == null || !connection.connected()) {
                    try {
                        if (connection != null) {
                            connection.close();
                        }
                        connection = SmtpConnection.open(settings);
                    } catch (MessagingException e) {
                        // Nothing of the rest was sent: they wait for the next try.
                        connection = null;
                        String error = "Could not connect to " + settings.host() + ":" + settings.port() + ": " + e.getMessage();
                        LOG.warn("{}", error);
                        for (DataRow waiting : due.subList(i, due.size())) {
                            store.later(Sql.str(waiting, "ID"), ((Number) waiting.get("ATTEMPTS")).intValue(), error, false);
                        }
                        return;
                    }
                }
                Mail mail;
                List<SmtpConnection.Attached> attachments;
                try {
                    mail = mail(row);
                    attachments = store.attachments(mail.files());
                } catch (IllegalArgumentException e) {
                    store.finished(id, MailStore.FAILED, e.getMessage());
                    continue;
                }
                if (!store.claim(id)) {
                    continue;
                }
                SmtpConnection.Result result = connection.send(mail, mail.messageId() != null ? mail.messageId() : "<" + id + "@mosaiccrm>",
                        attachments);
                switch (result.outcome()) {
                    case SENT -> store.sent(id, result.reply());
                    case RETRY -> store.later(id, attempts + 1, result.reply(), true);
                    case REFUSED -> store.finished(id, MailStore.FAILED, result.reply());
                    case UNKNOWN -> store.finished(id, MailStore.UNKNOWN, "The connection broke while the mail was handed over; it may"
                            + " have arrived, so it is not sent again by itself: " + result.reply());
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private static Mail mail(DataRow row) {
        return new Mail(Sql.str(row, "MAIL_KEY"), Arrays.asList(Sql.str(row, "RECIPIENTS").split(",")), Sql.str(row, "SUBJECT"),
                text(row.get("TEXT_BODY")), row.get("HTML_BODY") == null ? null : text(row.get("HTML_BODY")), Sql.str(row, "MESSAGE_ID"),
                Sql.str(row, "REPLY_TO"), OutboxHeaders.read(Sql.str(row, "HEADERS")),
                row.get("FILE_IDS") == null ? List.of() : Arrays.asList(Sql.str(row, "FILE_IDS").split(",")));
    }

    /** CLOB on Derby, TEXT on PostgreSQL. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return value == null ? "" : value.toString();
    }
}
