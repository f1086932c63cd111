package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recipient's responses, wherever they come from (the tracking endpoints, the reply mailbox):
 * the first of each kind is timed on the recipient and becomes an activity on the person's
 * timeline, written as the person's owner, who reaches them whatever team sent the campaign.
 * Called inside a transaction, the writes join it.
 */
@Component(service = Responses.class)
public class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Timeline timeline;

    @Reference
    private Audience audience;

    /** What a response found: the recipient, their person and owner, the campaign, and whether it is the first of its kind. */
    record Found(String recipientId, String personId, String ownerId, String email, String campaignName, boolean first, Instant at) {
    }

    /** Records the response's time on the recipient {@code which} finds, if it is the first; null when none is found. */
    Found respond(Expression which, Function<CampaignRecipient, LocalDateTime> get, BiConsumer<CampaignRecipient, LocalDateTime> set) {
        return persistence.write(ctx -> {
            CampaignRecipient r = ObjectSelect.query(CampaignRecipient.class).where(which).selectFirst(ctx);
            if (r == null) {
                return null;
            }
            Campaign c = CampaignSender.byId(ctx, r.getCampaignId());
            LocalDateTime now = Sql.now();
            boolean first = get.apply(r) == null;
            if (first) {
                set.accept(r, now);
            }
            return new Found(r.getId(), r.getPersonId(), r.getPersonOwnerId(), r.getEmail(), c == null ? "" : c.getName(), first,
                    Sql.instant(now));
        });
    }

    /** An activity on the person's timeline for a first response. */
    void activity(Found found, String subject, String body) {
        if (found.first()) {
            asOwner(found, () -> appendActivity(found, subject, body));
        }
    }

    /** The person withdrew consent (an unsubscribe link or mail): recorded on them with the source, and on their timeline. */
    void unsubscribed(Found found, String source) {
        if (!found.first()) {
            return;
        }
        asOwner(found, () -> {
            if (!audience.withdrawEmailConsent(found.personId(), found.at(), source + " of the campaign " + found.campaignName())) {
                LOG.warn("Recipient {} unsubscribed, but their person is gone or out of their owner's reach", found.recipientId());
            }
            appendActivity(found, "Unsubscribed: " + found.campaignName(), null);
        });
    }

    /** The address bounced for good: contacts marks it undeliverable, so no later campaign mails it. */
    void undeliverable(Found found, String address, String reason) {
        asOwner(found, () -> {
            if (audience.markUndeliverable(address, found.at(), reason) == 0) {
                LOG.info("Recipient {} bounced for good, but no person within their owner's reach has that address any more", found.recipientId());
            }
            if (found.first()) {
                appendActivity(found, "Campaign bounced: " + found.campaignName(), reason);
            }
        });
    }

    private void appendActivity(Found found, String subject, String body) {
        try {
            timeline.append(new NewActivity(ActivityType.EMAIL, Direction.INBOUND, subject, body, found.at(), found.personId(), null, List.of(),
                    CampaignsModule.ID));
        } catch (RuntimeException e) {
            LOG.debug("No timeline entry for a campaign response: {}", e.getMessage());
        }
    }

    private void asOwner(Found found, Runnable work) {
        UserPrincipal owner = found.ownerId() == null ? null : access.findUser(found.ownerId()).orElse(null);
        if (owner == null) {
            LOG.warn("A campaign response of a person whose owner is gone is kept on the recipient only");
            return;
        }
        access.runAs(owner, () -> {
            work.run();
            return null;
        });
    }
}
