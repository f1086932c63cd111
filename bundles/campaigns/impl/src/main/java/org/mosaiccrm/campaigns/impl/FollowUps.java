package org.mosaiccrm.campaigns.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.NewTask;
import org.mosaiccrm.contacts.api.TaskKind;
import org.mosaiccrm.contacts.api.Tasks;
import org.mosaiccrm.platform.api.notifications.Notifications;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow-up, the heart of a campaign: a response its follow-up counts as interest (a reply,
 * a click on one of the chosen links) marks the recipient interested and gives the person's
 * owner a call task due after {@code taskDueDays} and a notification; logging the call "not reached" or "call back
 * later" on the task (contacts) schedules the next one after {@code reminderDays}.
 *
 * <p>Once per recipient, whatever the number of responses or nodes: the recipient is claimed by
 * a conditional update and the task created in the same transaction, so a crash leaves either
 * both or neither.
 */
@Component(service = FollowUps.class)
public class FollowUps {

    /** What a campaign's tasks are counted by in contacts ({@code Tasks.outcomes}). */
    static String source(String campaignId) {
        return CampaignsModule.ID + ":" + campaignId;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FollowUps.class);

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Tasks tasks;

    @Reference
    private Notifications notifications;

    /**
     * A recipient responded ({@code reply} or {@code click}, with the link clicked); true when it
     * made them interested now. Works as the person's owner, who reaches them whatever team sent.
     */
    public boolean responded(String recipientId, String response, String url) {
        // One read for both: a response that is not the first costs nothing more.
        Responder found = persistence.read(ctx -> {
            CampaignRecipient recipient = ObjectSelect.query(CampaignRecipient.class).where(MosaicRecord.ID.eq(recipientId)).selectOne(ctx);
            return recipient == null || recipient.getInterestedAt() != null ? null
                    : new Responder(recipient, CampaignSender.byId(ctx, recipient.getCampaignId()));
        });
        if (found == null) {
            return false;
        }
        CampaignRecipient r = found.recipient();
        Campaign c = found.campaign();
        FollowUp followUp = c == null ? null : FollowUp.parse(c.getFollowUpJson());
        if (followUp == null || !followUp.counts(response, url)) {
            return false;
        }
        UserPrincipal owner = r.getPersonOwnerId() == null ? null : access.findUser(r.getPersonOwnerId()).orElse(null);
        if (owner == null) {
            LOG.warn("An interested recipient whose person has no owner any more gets no call task (campaign {})", c.getId());
            return false;
        }
        return access.runAs(owner, () -> persistence.write(ctx -> {
            LocalNow now = new LocalNow(Sql.now());
            int claimed = Sql.exec(ctx, "UPDATE CA_RECIPIENT SET INTERESTED_AT = ? WHERE ID = ? AND INTERESTED_AT IS NULL",
                    Sql.ts(now.at()), recipientId);
            if (claimed == 0) {
                return false;
            }
            String name = String.join(" ", Stream.of(r.getFirstName(), r.getLastName()).filter(s -> s != null && !s.isBlank()).toList());
            String task = tasks.create(new NewTask(TaskKind.CALL, "Call " + (name.isEmpty() ? r.getEmail() : name) + " about " + c.getName(),
                    r.getPersonId(), null, null, now.instant().plus(Duration.ofDays(followUp.taskDueDays())), followUp.reminderDays(),
                    source(c.getId())));
            Sql.exec(ctx, "UPDATE CA_RECIPIENT SET FOLLOW_UP_TASK_ID = ? WHERE ID = ?", task, recipientId);
            // The owner hears of it now, in their language, and again when the call falls due (contacts' reminders).
            notifications.notifyInLanguage(ctx, owner.id(), "campaigns.notify.interested",
                    "reply".equals(response) ? "campaigns.notify.replied" : "campaigns.notify.clicked",
                    Map.of("name", name.isEmpty() ? r.getEmail() : name, "campaign", c.getName(), "days", followUp.taskDueDays()),
                    "/contacts/people/" + r.getPersonId());
            return true;
        }));
    }

    /** A recipient not yet interested, with their campaign. */
    private record Responder(CampaignRecipient recipient, Campaign campaign) {
    }

    /** The database's now, as the recipient's times are kept, and as an instant. */
    private record LocalNow(java.time.LocalDateTime at) {
        Instant instant() {
            return Sql.instant(at);
        }
    }
}
