package org.mosaiccrm.tickets.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.mail.Inbox;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every queue's mailbox through the platform's {@link Inbox} — each message once, its
 * ticket work committed with the mailbox's mark — as the administrator who set the mailbox up.
 * A mailbox whose server fails is logged and tried again next time; the others are read all the same.
 */
@Component(service = {Job.class, TicketMailJob.class})
public class TicketMailJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(TicketMailJob.class);

    @Reference
    private Persistence persistence;

    @Reference
    private Inbox inbox;

    @Reference
    private AccessControl access;

    @Reference
    private TicketInbound inbound;

    /** Mail attachments are read under the limit of uploads; larger ones only by name and size. */
    @Reference
    private TicketAttachments attachments;

    @Override
    public String id() {
        return "tickets.mail";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Long.getLong("mosaic.tickets.mailSeconds", 60));
    }

    @Override
    public void run() {
        List<TicketMailbox> mailboxes = persistence.read(ctx -> ObjectSelect.query(TicketMailbox.class).select(ctx));
        for (TicketMailbox m : mailboxes) {
            try {
                poll(m);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Mailbox {} of a ticket queue could not be read: {}", m.getAddress(), e.getMessage());
            }
        }
    }

    /** Reads the mailbox's new messages now; how many were handled. */
    int poll(TicketMailbox mailbox) throws IOException {
        UserPrincipal owner = access.findUser(mailbox.getOwnerId()).orElse(null);
        if (owner == null || !owner.hasPermission(TicketsModule.WRITE)) {
            LOG.warn("Mailbox {} is not read: the administrator who set it up is gone or may no longer open tickets", mailbox.getAddress());
            return 0;
        }
        try {
            return access.runAs(owner, () -> {
                int handled = 0;
                Inbox.PollResult result;
                do {
                    try {
                        result = inbox.poll(mailbox.inboxKey(), mailbox.account(), attachments.maxBytes(),
                                (ctx, message) -> inbound.handle(ctx, owner, mailbox, message));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    handled += result.handled();
                } while (result.more());
                return handled;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
