package org.mosaiccrm.campaigns.impl;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.mail.DeliveryReport;
import org.mosaiccrm.platform.api.mail.ImapAccount;
import org.mosaiccrm.platform.api.mail.InboundMessage;
import org.mosaiccrm.platform.api.mail.Inbox;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the campaigns' reply mailbox (the IMAP account of the mail settings) through the
 * platform's {@link Inbox}, each message once: a delivery report (RFC 3464) on a campaign message
 * marks its recipient bounced with the reason, and a hard bounce (5.x.x) marks the address
 * undeliverable in contacts so no later campaign mails it; a message answering a campaign message
 * (In-Reply-To, then References) marks its recipient replied, with the reply on the person's
 * timeline; a mail to the List-Unsubscribe mailto address unsubscribes. Out-of-office and other
 * automatic messages are no replies.
 */
@Component(service = {Job.class, CampaignInbox.class})
public class CampaignInbox implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignInbox.class);
    static final String MAILBOX = "campaigns";
    /** The subject of the List-Unsubscribe mailto address: {@code unsubscribe <token>}. */
    private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)\\bunsubscribe\\s+([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])");
    private static final int MAX_REPLY_TEXT = 5000;

    @Reference
    private Persistence persistence;

    @Reference
    private Inbox inbox;

    @Reference
    private Responses responses;

    @Reference
    private FollowUps followUps;

    @Override
    public String id() {
        return "campaigns.inbox";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Long.getLong("mosaic.campaigns.inboxSeconds", 60));
    }

    @Override
    public void run() throws IOException {
        poll();
    }

    /** Reads every new message now; how many were handled (0 while no mailbox is set up). */
    int poll() throws IOException {
        ImapAccount account = persistence.read(ctx -> account(MailSettingsResource.current(ctx)));
        if (account == null) {
            return 0;
        }
        int handled = 0;
        Inbox.PollResult result;
        do {
            // Campaigns keep no attachments: none is read.
            result = inbox.poll(MAILBOX, account, 0, this::handle);
            handled += result.handled();
        } while (result.more());
        return handled;
    }

    /** The reply mailbox of the settings, or null when none is set. */
    static ImapAccount account(MailSettings s) {
        return s == null || s.getImapHost() == null || s.getImapUser() == null ? null
                : new ImapAccount(s.getImapHost(), s.getImapPort(), s.getImapSecurity(), s.getImapUser(), s.getImapPassword(), null);
    }

    private void handle(ObjectContext ctx, InboundMessage m) {
        if (m.report() != null) {
            bounced(m);
            return;
        }
        Matcher unsubscribe = UNSUBSCRIBE.matcher(m.subject());
        if (unsubscribe.find()) {
            Responses.Found found = responses.respond(CampaignRecipient.TOKEN.eq(unsubscribe.group(1)), CampaignRecipient::getUnsubscribedAt,
                    CampaignRecipient::setUnsubscribedAt);
            if (found != null) {
                responses.unsubscribed(found, "unsubscribe mail");
                return;
            }
        }
        if (m.isAutomatic()) {
            LOG.debug("Campaign mailbox: {} is automatic ({}), not a reply", m.messageId(), m.automatic());
            return;
        }
        List<String> answered = m.threadIds();
        if (answered.isEmpty()) {
            return;
        }
        Responses.Found found = responses.respond(CampaignRecipient.MESSAGE_ID.in(answered), CampaignRecipient::getRepliedAt,
                CampaignRecipient::setRepliedAt);
        if (found != null) {
            String text = m.text().length() > MAX_REPLY_TEXT ? m.text().substring(0, MAX_REPLY_TEXT) + "…" : m.text();
            responses.activity(found, "Campaign replied: " + found.campaignName(), m.subject() + "\n\n" + text);
            // A reply may be what the campaign's follow-up counts as interest: the owner gets a call task.
            try {
                followUps.responded(found.recipientId(), "reply", null);
            } catch (RuntimeException e) {
                LOG.warn("No follow-up for a campaign reply: {}", e.getMessage());
            }
        }
    }

    /** A report on a campaign message: the recipient bounced (a delay is no bounce); for good, the address is undeliverable. */
    private void bounced(InboundMessage m) {
        DeliveryReport report = m.report();
        DeliveryReport.Recipient failed = report.recipients().stream().filter(DeliveryReport.Recipient::hard).findFirst()
                .orElse(report.recipients().stream().filter(r -> "failed".equals(r.action())).findFirst().orElse(null));
        List<String> original = report.originalMessageId() != null ? List.of(report.originalMessageId()) : m.threadIds();
        if (failed == null || original.isEmpty()) {
            return;
        }
        boolean hard = failed.hard();
        String reason = (hard ? "hard: " : "soft: ") + failed.reason();
        // A soft bounce followed by a hard one: the hard one counts (its reason replaces the first, the address is marked).
        Responses.Found found = responses.respond(CampaignRecipient.MESSAGE_ID.in(original),
                r -> hard && r.getBounceReason() != null && r.getBounceReason().startsWith("soft") ? null : r.getBouncedAt(), (r, now) -> {
                    if (r.getBouncedAt() == null) {
                        r.setBouncedAt(now);
                    }
                    r.setBounceReason(reason.length() > 500 ? reason.substring(0, 500) : reason);
                });
        if (found == null) {
            LOG.debug("Campaign mailbox: a delivery report on {}, which is no campaign message", original);
        } else if (hard) {
            responses.undeliverable(found, found.email(), failed.reason());
        } else {
            responses.activity(found, "Campaign delayed or refused for now: " + found.campaignName(), failed.reason());
        }
    }
}
