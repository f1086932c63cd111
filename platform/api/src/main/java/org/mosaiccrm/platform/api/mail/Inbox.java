package org.mosaiccrm.platform.api.mail;

import java.io.IOException;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads IMAP mailboxes for modules, through Jakarta Mail (Eclipse Angus). Each mailbox has a
 * high-water mark in the database (its UIDVALIDITY and the last UID handled); a poll reads the
 * messages after it, oldest first, and hands each to the module inside a transaction that also
 * moves the mark: the work done for a message and the mark commit together, so after a crash
 * nothing is handled twice and nothing is skipped. Messages stay on the server untouched.
 * Should the server renumber the folder (a new UIDVALIDITY), its messages are read again: a
 * module keeps what it records unique by Message-ID for that case.
 *
 * @since 1.3
 */
@ProviderType
public interface Inbox {

    /** At most this many messages a poll (the next poll reads on). */
    int BATCH = 100;

    /**
     * Reads the new messages of {@code account}'s folder and hands each to {@code handler}.
     * A message the handler fails on rolls back with the mark and ends the poll (the failure is
     * thrown): the next poll tries it again; after three polls in a row failed on it, it is
     * skipped, logged as an error, so that one message cannot stop the mailbox for good. A
     * message that cannot be parsed at all is skipped at once, logged.
     *
     * @param mailboxKey         what names this mailbox's mark, unique across modules
     *                           ({@code campaigns}, {@code tickets.queue:<id>}); at most 200 characters
     * @param maxAttachmentBytes attachments larger than this are described without their bytes
     * @throws IOException when connecting, signing in or reading failed (its message the server's own answer)
     */
    PollResult poll(String mailboxKey, ImapAccount account, long maxAttachmentBytes, Handler handler) throws IOException;

    /** Forgets a mailbox's mark (its account changed): the next poll reads the folder from its start. */
    void forget(ObjectContext ctx, String mailboxKey);

    /** What a module does with one message, within the transaction that moves the mark. */
    @ConsumerType
    interface Handler {
        void handle(ObjectContext ctx, InboundMessage message);
    }

    /**
     * @param handled messages handed to the handler and committed
     * @param more    whether more new messages wait (the batch was full)
     */
    record PollResult(int handled, boolean more) {
    }
}
