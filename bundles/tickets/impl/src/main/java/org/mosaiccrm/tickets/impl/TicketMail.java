package org.mosaiccrm.tickets.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The mail of tickets (table TK_MAIL): every message in or out by Message-ID, so that replies
 * thread and nothing read twice counts twice; and what the desk sends — the acknowledgment of a
 * ticket opened by mail (automatic: {@code Auto-Submitted: auto-generated}, a few per sender an
 * hour at most) and agents' public replies — through the platform's outbox, in the transaction
 * of what caused them, with the ticket's token {@code [#n]} in the subject, its own Message-ID,
 * In-Reply-To and References, and the queue's address as Reply-To.
 */
@Component(service = TicketMail.class)
public class TicketMail {

    static final String IN = "in";
    static final String REPLY = "reply";
    static final String ACK = "ack";
    static final String RATING = "rating";
    /** A ticket's token in a subject: {@code [#1234]}. */
    static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})\\]");
    /** References carried: the first message and the latest ones (a long conversation would outgrow a header). */
    private static final int MAX_REFERENCES = 20;

    @Reference
    private Mailer mailer;

    @Reference
    private Audience audience;

    /** Records a message of a ticket. */
    static void record(ObjectContext ctx, String ticketId, String messageId, String kind, String address) {
        Sql.exec(ctx, "INSERT INTO TK_MAIL (ID, TICKET_ID, MESSAGE_ID, KIND, ADDRESS, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)", RecordIds.newId(),
                ticketId, messageId, kind, address, Sql.ts(Sql.now()));
    }

    /** Whether a message of this Message-ID is known (read before, or one the desk sent). */
    static boolean known(ObjectContext ctx, String messageId) {
        return Sql.count(ctx, "SELECT COUNT(*) FROM TK_MAIL WHERE MESSAGE_ID = ?", messageId) > 0;
    }

    /** The ticket of the first of these Message-IDs that is one of a ticket's, in their order. */
    static String ticketOf(ObjectContext ctx, List<String> messageIds) {
        for (String id : messageIds) {
            DataRow row = Sql.row(ctx, "SELECT TICKET_ID FROM TK_MAIL WHERE MESSAGE_ID = ?", id);
            if (row != null) {
                return Sql.str(row, "TICKET_ID");
            }
        }
        return null;
    }

    /** A report on one of the desk's messages: the recipient address it was sent to, and the ticket. */
    static DataRow sent(ObjectContext ctx, String messageId) {
        return Sql.row(ctx, "SELECT TICKET_ID, ADDRESS FROM TK_MAIL WHERE MESSAGE_ID = ? AND KIND <> ?", messageId, IN);
    }

    static TicketMailbox mailboxOf(ObjectContext ctx, String queueId) {
        return queueId == null ? null : ObjectSelect.query(TicketMailbox.class).where(TicketMailbox.QUEUE_ID.eq(queueId)).selectFirst(ctx);
    }

    /**
     * Acknowledges a ticket opened by mail, unless the sender has had {@code mosaic.tickets.acksPerHour}
     * (3) this hour: a mail program answering our answers would otherwise loop. Never call it for
     * an automatic message.
     */
    boolean acknowledge(ObjectContext ctx, TicketMailbox mailbox, Ticket t, String to, String theirMessageId) {
        long recent = Sql.count(ctx, "SELECT COUNT(*) FROM TK_MAIL WHERE KIND = ? AND ADDRESS = ? AND CREATED_AT > ?", ACK, to,
                Sql.ts(Sql.now().minus(Duration.ofHours(1))));
        if (recent >= Integer.getInteger("mosaic.tickets.acksPerHour", 3) || !Mail.isAddress(to)) {
            return false;
        }
        String text = "We received your message and opened ticket #" + t.getNumber() + ": " + t.getSubject() + "\n\n"
                + "Reply to this mail to add to it, and keep [#" + t.getNumber() + "] in the subject.\n";
        Map<String, String> headers = threading(ctx, t.getId(), theirMessageId);
        headers.put("Auto-Submitted", "auto-generated");
        send(ctx, mailbox, t, "tickets.ack:" + t.getId(), to, text, headers, ACK, List.of());
        return true;
    }

    /**
     * Mails an agent's public reply to the requester, with the reply's files (stored file ids) as
     * attachments, in the reply's transaction; empty when it could not be (the queue has no
     * mailbox, the requester no address the agent may reach), else the address it goes to.
     */
    Optional<String> reply(ObjectContext ctx, Ticket t, TicketComment reply, List<String> files) {
        TicketMailbox mailbox = mailboxOf(ctx, t.getQueueId());
        Recipient requester = mailbox == null ? null : audience.recipient(t.getRequesterId()).orElse(null);
        if (requester == null || requester.email() == null || !Mail.isAddress(requester.email())) {
            return Optional.empty();
        }
        String last = Optional.ofNullable(Sql.row(ctx, "SELECT MESSAGE_ID FROM TK_MAIL WHERE TICKET_ID = ? AND KIND = ? ORDER BY CREATED_AT DESC,"
                + " ID DESC FETCH FIRST 1 ROWS ONLY", t.getId(), IN)).map(r -> Sql.str(r, "MESSAGE_ID")).orElse(null);
        send(ctx, mailbox, t, "tickets.reply:" + reply.getId(), requester.email(), reply.getBody(), threading(ctx, t.getId(), last), REPLY,
                files);
        return Optional.of(requester.email());
    }

    /**
     * Asks the requester of a solved ticket to rate it, with the rating link, in the transaction
     * that solved it: from the queue's address and in the ticket's thread when the queue has a
     * mailbox, else from the platform's sender. Automatic ({@code Auto-Submitted: auto-generated}):
     * a mail program's answer to it is never answered. Empty when the requester has no address.
     */
    Optional<String> askForRating(ObjectContext ctx, Ticket t, String text) {
        Recipient requester = audience.recipient(t.getRequesterId()).orElse(null);
        if (requester == null || !Mail.isAddress(requester.email())) {
            return Optional.empty();
        }
        String key = "tickets.rating:" + RecordIds.newId();
        TicketMailbox mailbox = mailboxOf(ctx, t.getQueueId());
        if (mailbox == null) {
            mailer.queue(ctx, Mail.text(key, requester.email(), subject(t), text).threaded(null, null,
                    Map.of("Auto-Submitted", "auto-generated")));
        } else {
            Map<String, String> headers = threading(ctx, t.getId(), null);
            headers.put("Auto-Submitted", "auto-generated");
            send(ctx, mailbox, t, key, requester.email(), text, headers, RATING, List.of());
        }
        return Optional.of(requester.email());
    }

    private void send(ObjectContext ctx, TicketMailbox mailbox, Ticket t, String key, String to, String text, Map<String, String> headers,
            String kind, List<String> files) {
        String messageId = "<t" + t.getNumber() + "." + RecordIds.newId() + "@" + mailbox.getAddress().substring(mailbox.getAddress().indexOf('@') + 1)
                + ">";
        String subject = subject(t);
        mailer.queue(ctx, Mail.text(key, to, subject, text).threaded(messageId, mailbox.getAddress(), headers).withFiles(files));
        record(ctx, t.getId(), messageId, kind, to.toLowerCase(Locale.ROOT));
    }

    /** {@code [#n] subject}, at most 200 characters: the token survives a mail program's "Re:". */
    static String subject(Ticket t) {
        String subject = "[#" + t.getNumber() + "] " + t.getSubject().replaceAll("[\\r\\n]+", " ");
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }

    /** In-Reply-To the message answered (if any) and References: the ticket's messages, the first and the latest. */
    private static Map<String, String> threading(ObjectContext ctx, String ticketId, String inReplyTo) {
        List<String> all = new ArrayList<>();
        Sql.rows(ctx, "SELECT MESSAGE_ID FROM TK_MAIL WHERE TICKET_ID = ? ORDER BY CREATED_AT, ID", ticketId)
                .forEach(r -> all.add(Sql.str(r, "MESSAGE_ID")));
        if (inReplyTo != null && !all.contains(inReplyTo)) {
            all.add(inReplyTo);
        }
        List<String> references = all.size() <= MAX_REFERENCES ? all : new ArrayList<>(List.of(all.get(0)));
        if (all.size() > MAX_REFERENCES) {
            references.addAll(all.subList(all.size() - MAX_REFERENCES + 1, all.size()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (inReplyTo != null) {
            headers.put("In-Reply-To", inReplyTo);
        }
        if (!references.isEmpty()) {
            headers.put("References", String.join(" ", references));
        }
        return headers;
    }
}
