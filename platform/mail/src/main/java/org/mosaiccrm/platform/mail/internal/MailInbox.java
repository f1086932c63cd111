package org.mosaiccrm.platform.mail.internal;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.mail.ImapAccount;
import org.mosaiccrm.platform.api.mail.InboundMessage;
import org.mosaiccrm.platform.api.mail.Inbox;
import org.mosaiccrm.platform.api.mail.MailAccount;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Inbox} over IMAP with Jakarta Mail (Eclipse Angus). The folder is opened read-only and
 * read by UID after the mailbox's mark (table MAIL_INBOX); each message is handled and the mark
 * moved in one transaction. A message that cannot be parsed at all moves the mark alone, logged:
 * it would otherwise stop the mailbox for good.
 */
@Component(service = Inbox.class)
public class MailInbox implements Inbox {

    /** Polls in a row that fail on one message before it is skipped. */
    static final int MAX_FAILURES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(MailInbox.class);

    @Reference(target = "(mosaic.data=mail)")
    private org.mosaiccrm.platform.spi.DataContribution schema;

    @Reference
    private Persistence persistence;

    /** One poll of a mailbox at a time on this node (a job's and an administrator's "check now"); across nodes the mark's compare-and-set decides. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> polling = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public PollResult poll(String mailboxKey, ImapAccount account, long maxAttachmentBytes, Handler handler) throws IOException {
        if (mailboxKey == null || mailboxKey.isBlank() || mailboxKey.length() > 200) {
            throw new IllegalArgumentException("A mailbox key has 1 to 200 characters");
        }
        synchronized (polling.computeIfAbsent(mailboxKey, k -> new Object())) {
            return pollAlone(mailboxKey, account, maxAttachmentBytes, handler);
        }
    }

    private PollResult pollAlone(String mailboxKey, ImapAccount account, long maxAttachmentBytes, Handler handler) throws IOException {
        Store store = null;
        Folder folder = null;
        try {
            Session session = Session.getInstance(properties(account));
            Store opened = SmtpConnection.withMailClassLoader(() -> {
                Store s = session.getStore(MailAccount.TLS.equals(account.security()) ? "imaps" : "imap");
                s.connect(account.host(), account.port(), account.username(), account.password());
                return s;
            });
            store = opened;
            Folder f = store.getFolder(account.folder());
            f.open(Folder.READ_ONLY);
            folder = f;
            return read(mailboxKey, (UIDFolder) f, maxAttachmentBytes, handler);
        } catch (MessagingException e) {
            throw new IOException("Reading " + account + " failed: " + e.getMessage(), e);
        } finally {
            close(folder, store);
        }
    }

    private PollResult read(String key, UIDFolder folder, long maxAttachmentBytes, Handler handler) throws MessagingException {
        long validity = folder.getUIDValidity();
        DataRow mark = persistence.read(ctx -> Sql.row(ctx, "SELECT UID_VALIDITY, LAST_UID FROM MAIL_INBOX WHERE MAILBOX_KEY = ?", key));
        // The mark as stored: moving it is a compare-and-set, so two polls of one mailbox never both handle a message.
        long[] stored = mark == null ? null : new long[] {((Number) mark.get("UID_VALIDITY")).longValue(), ((Number) mark.get("LAST_UID")).longValue()};
        long last = stored != null && stored[0] == validity ? stored[1] : 0;
        if (stored != null && stored[0] != validity) {
            LOG.warn("Mailbox {} was renumbered by its server (UIDVALIDITY {}): its messages are read again", key, validity);
        }
        Message[] messages = folder.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        int handled = 0;
        for (Message message : messages) {
            long uid = folder.getUID(message);
            if (uid <= last) {
                continue; // A range past the last UID still answers the last message (RFC 3501).
            }
            if (handled == BATCH) {
                return new PollResult(handled, true);
            }
            InboundMessage inbound = parse(key, uid, (MimeMessage) message, maxAttachmentBytes, (Folder) folder);
            long[] before = stored;
            try {
                persistence.write(ctx -> {
                    if (inbound != null) {
                        handler.handle(ctx, inbound);
                    }
                    move(ctx, key, before, validity, uid);
                    return null;
                });
            } catch (MarkMoved e) {
                throw e;
            } catch (RuntimeException e) {
                skipAfterFailures(key, validity, uid, inbound, e);
            }
            stored = new long[] {validity, uid};
            handled++;
        }
        return new PollResult(handled, false);
    }

    /**
     * The module failed on the message: the poll ends and the next one tries it again, up to
     * {@link #MAX_FAILURES} times in a row; then the message is skipped (the mark moves past it,
     * logged as an error naming it), so that one message the module cannot take does not stop
     * the mailbox for good.
     */
    private void skipAfterFailures(String key, long validity, long uid, InboundMessage inbound, RuntimeException failure) {
        int failures = persistence.write(ctx -> {
            if (Sql.exec(ctx, "UPDATE MAIL_INBOX SET FAILURES = CASE WHEN FAILED_UID = ? THEN FAILURES + 1 ELSE 1 END, FAILED_UID = ?"
                    + " WHERE MAILBOX_KEY = ?", uid, uid, key) == 0) {
                Sql.exec(ctx, "INSERT INTO MAIL_INBOX (MAILBOX_KEY, UID_VALIDITY, LAST_UID, POLLED_AT, FAILED_UID, FAILURES) VALUES (?, ?, 0, ?, ?, 1)",
                        key, validity, Sql.ts(Sql.now()), uid);
            }
            return ((Number) Sql.row(ctx, "SELECT FAILURES FROM MAIL_INBOX WHERE MAILBOX_KEY = ?", key).get("FAILURES")).intValue();
        });
        if (failures < MAX_FAILURES) {
            throw failure;
        }
        LOG.error("Mailbox {}: message UID {} ({}) failed {} times in a row and is skipped", key, uid,
                inbound == null ? "unreadable" : inbound.messageId(), failures, failure);
        persistence.write(ctx -> {
            DataRow mark = Sql.row(ctx, "SELECT UID_VALIDITY, LAST_UID FROM MAIL_INBOX WHERE MAILBOX_KEY = ?", key);
            move(ctx, key, new long[] {((Number) mark.get("UID_VALIDITY")).longValue(), ((Number) mark.get("LAST_UID")).longValue()}, validity, uid);
            return null;
        });
    }

    private static InboundMessage parse(String key, long uid, MimeMessage message, long maxAttachmentBytes, Folder folder)
            throws MessagingException {
        try {
            return SmtpConnection.withMailClassLoader(() -> InboundReader.read(new MimeMessage(message), maxAttachmentBytes));
        } catch (MessagingException e) {
            if (!folder.isOpen() || e instanceof jakarta.mail.FolderClosedException || e instanceof jakarta.mail.StoreClosedException) {
                throw e; // The connection broke: read it again next time.
            }
            LOG.warn("Mailbox {}: message UID {} could not be read and is skipped: {}", key, uid, e.getMessage());
            return null;
        }
    }

    /** Moves the mark from {@code before} (null: none yet); another poll having moved it meanwhile rolls this message's work back. */
    private static void move(ObjectContext ctx, String key, long[] before, long validity, long uid) {
        boolean moved = before == null
                ? Sql.exec(ctx, "INSERT INTO MAIL_INBOX (MAILBOX_KEY, UID_VALIDITY, LAST_UID, POLLED_AT) VALUES (?, ?, ?, ?)", key, validity,
                        uid, Sql.ts(Sql.now())) == 1
                : Sql.exec(ctx, "UPDATE MAIL_INBOX SET UID_VALIDITY = ?, LAST_UID = ?, POLLED_AT = ? WHERE MAILBOX_KEY = ?"
                        + " AND UID_VALIDITY = ? AND LAST_UID = ?", validity, uid, Sql.ts(Sql.now()), key, before[0], before[1]) == 1;
        if (!moved) {
            throw new MarkMoved("Mailbox " + key + " was read by another poll meanwhile");
        }
    }

    /** Another poll (another node) moved the mark meanwhile: this one stops, nothing of its message kept. */
    static final class MarkMoved extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MarkMoved(String message) {
            super(message);
        }
    }

    @Override
    public void forget(ObjectContext ctx, String mailboxKey) {
        Sql.exec(ctx, "DELETE FROM MAIL_INBOX WHERE MAILBOX_KEY = ?", mailboxKey);
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException e) {
            // Closing a folder the server already dropped.
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            // Closing a connection the server already dropped.
        }
    }

    private static Properties properties(ImapAccount account) {
        String protocol = MailAccount.TLS.equals(account.security()) ? "imaps" : "imap";
        Properties props = SmtpConnection.connection(protocol, account.host(), account.port(), account.security());
        // Bodies are fetched whole: a message is parsed once, after the fetch.
        props.put("mail." + protocol + ".partialfetch", "false");
        return props;
    }
}
