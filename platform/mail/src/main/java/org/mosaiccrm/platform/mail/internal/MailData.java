package org.mosaiccrm.platform.mail.internal;

import java.util.List;

import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.Migration;
import org.osgi.service.component.annotations.Component;

/**
 * The outbox every mail goes through, the administrator's SMTP settings (one row) and the marks
 * of the mailboxes read (MAIL_INBOX). Worked
 * with through SQL, so there is no Cayenne project.
 */
@Component(service = DataContribution.class, property = "mosaic.data=mail")
public class MailData implements DataContribution {

    static final String MODULE_ID = "mail";

    @Override
    public String moduleId() {
        return MODULE_ID;
    }

    @Override
    public String cayenneProject() {
        return null;
    }

    /**
     * The outbox is read by state and due time; MAIL_KEY is unique so a mail queued twice (a
     * retried job, a repeated request) is one row and one send.
     */
    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "the outbox and the SMTP settings", context -> context.execute(
                "CREATE TABLE MAIL_OUTBOX (ID VARCHAR(36) NOT NULL PRIMARY KEY, MAIL_KEY VARCHAR(200) NOT NULL,"
                        + " RECIPIENTS VARCHAR(4000) NOT NULL, SUBJECT VARCHAR(200) NOT NULL, TEXT_BODY " + context.longTextType() + " NOT NULL,"
                        + " HTML_BODY " + context.longTextType() + ", STATE VARCHAR(10) NOT NULL, ATTEMPTS INTEGER NOT NULL,"
                        + " NEXT_AT TIMESTAMP NOT NULL, LAST_ERROR VARCHAR(1000), SERVER_REPLY VARCHAR(500),"
                        + " CREATED_AT TIMESTAMP NOT NULL, SENT_AT TIMESTAMP)",
                "CREATE UNIQUE INDEX MAIL_OUTBOX_KEY ON MAIL_OUTBOX (MAIL_KEY)",
                "CREATE INDEX MAIL_OUTBOX_DUE ON MAIL_OUTBOX (STATE, NEXT_AT, ID)",
                "CREATE INDEX MAIL_OUTBOX_CREATED ON MAIL_OUTBOX (CREATED_AT, ID)",
                "CREATE TABLE MAIL_SETTINGS (ID INTEGER NOT NULL PRIMARY KEY, HOST VARCHAR(255), PORT INTEGER,"
                        + " SECURITY VARCHAR(10), USERNAME VARCHAR(255), PASSWORD VARCHAR(500), FROM_ADDRESS VARCHAR(254),"
                        + " FROM_NAME VARCHAR(100), VERSION BIGINT NOT NULL, UPDATED_AT TIMESTAMP NOT NULL)",
                // One row from the start, so that its version is there to be read before the first save.
                "INSERT INTO MAIL_SETTINGS (ID, VERSION, UPDATED_AT) VALUES (1, 1, CURRENT_TIMESTAMP)")),
                // Each mailbox a module reads: the server's UIDVALIDITY and the last UID handled, moved with the work done;
                // and the message the module failed on last, and how often in a row.
                Migration.of(2, "the high-water marks of the mailboxes modules read", context -> context.execute(
                        "CREATE TABLE MAIL_INBOX (MAILBOX_KEY VARCHAR(200) NOT NULL PRIMARY KEY, UID_VALIDITY BIGINT NOT NULL,"
                                + " LAST_UID BIGINT NOT NULL, POLLED_AT TIMESTAMP NOT NULL, FAILED_UID BIGINT, FAILURES INTEGER)")),
                // A mail in a conversation (a ticket's reply) carries its own Message-ID, Reply-To and threading headers.
                Migration.of(3, "threading headers of queued mail",
                        "ALTER TABLE MAIL_OUTBOX ADD COLUMN MESSAGE_ID VARCHAR(250)",
                        "ALTER TABLE MAIL_OUTBOX ADD COLUMN REPLY_TO VARCHAR(254)",
                        "ALTER TABLE MAIL_OUTBOX ADD COLUMN HEADERS VARCHAR(4000)"),
                // The stored files a mail carries (a ticket's reply's), by id: their bytes are read when it is sent.
                Migration.of(4, "attachments of queued mail", "ALTER TABLE MAIL_OUTBOX ADD COLUMN FILE_IDS VARCHAR(400)"));
    }
}
