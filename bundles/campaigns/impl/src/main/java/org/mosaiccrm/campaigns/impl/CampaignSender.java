package org.mosaiccrm.campaigns.impl;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.jobs.JobProgress;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.jobs.RunStoppedException;
import org.mosaiccrm.platform.api.mail.MailAccount;
import org.mosaiccrm.platform.api.mail.MailConnection;
import org.mosaiccrm.platform.api.mail.MailOutcome;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends campaigns as jobs of the platform (kind {@value #KIND}), one at a time, as the user who
 * started them. First the segment is evaluated within that user's reach, page by page, each
 * page's recipients stored with the position in one transaction. Then each recipient is sent
 * through the campaigns' SMTP account (the platform's connection, {@link Mailer#connect}):
 * marked {@code sending} and checkpointed in one transaction before the hand-over, its outcome
 * stored after. A recipient found {@code sending} when a run resumes (the server was killed
 * during the hand-over) becomes {@code unknown} and is never sent again: nobody gets a message twice.
 * A refusal for now (4xx) is retried with a growing delay; one for good is recorded with the
 * server's answer. Pausing gives the run back to the queue; cancelling ends it at the next recipient.
 */
@Component(service = CampaignSender.class)
public class CampaignSender {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSender.class);

    static final String KIND = "campaigns.send";
    static final int PAGE = 200;
    static final int MAX_ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private JobRuns runs;

    @Reference
    private Audience audience;

    @Reference
    private Timeline timeline;

    @Reference
    private Mailer mailer;

    private volatile boolean stopping;
    /** Wakes a run waiting between messages when the module stops (never an interrupt: see {@link #deactivate}). */
    private final Object wake = new Object();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "mosaic-campaigns");
        t.setDaemon(true);
        return t;
    });

    {
        // A scheduled campaign's start waiting when the module stops is dropped: the next activation finds the run again.
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** This node started, or the module was switched on: unfinished sends continue where they stopped. */
    @Activate
    void activate() {
        worker.submit(() -> runs.unfinished(KIND).forEach(this::run));
    }

    /**
     * Stops the run under way at its next step. Its thread is woken, not interrupted: Derby closes
     * the connection of a thread interrupted inside a database call, and that connection would go
     * back to the pool broken.
     */
    @Deactivate
    void deactivate() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        worker.shutdown();
    }

    /** Registers the run inside the caller's transaction (with the campaign's move to sending); it starts once that commits. */
    String create(ObjectContext ctx, UserPrincipal user, String campaignId) {
        return runs.create(ctx, KIND, user.id(), campaignId);
    }

    void start(String jobId) {
        worker.submit(() -> run(jobId));
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void run(String jobId) {
        if (stopping || runs.claim(jobId).isEmpty()) {
            return;
        }
        try {
            Campaign campaign = persistence.read(ctx -> byJob(ctx, jobId));
            if (campaign == null) {
                runs.finish(jobId, JobProgress.FAILED, "The campaign of this run is gone.");
                return;
            }
            LocalDateTime now = Sql.now();
            if (campaign.getScheduledAt() != null && campaign.getScheduledAt().isAfter(now)) {
                runs.release(jobId, "Scheduled for " + campaign.getScheduledAt() + " UTC");
                worker.schedule(() -> run(jobId), Duration.between(now, campaign.getScheduledAt()).toMillis() + 50, TimeUnit.MILLISECONDS);
                return;
            }
            UserPrincipal user = access.findUser(runs.owner(jobId)).orElse(null);
            if (user == null || !user.hasPermission(CampaignsModule.WRITE)) {
                end(jobId, campaign.getId(), JobProgress.FAILED, "The user who started the campaign is gone or may no longer send campaigns.");
                return;
            }
            String ended = access.runAs(user, () -> {
                gather(jobId, campaign.getId());
                return send(jobId, campaign.getId());
            });
            if (ended != null) {
                end(jobId, campaign.getId(), ended, null);
            } else if (stopping) {
                waitForModule(jobId);
            }
        } catch (RunStoppedException e) {
            // Cancelled: the recipient under way was not handed over (its mark rolled back with the checkpoint).
        } catch (Throwable e) {
            if (stopping) {
                waitForModule(jobId);
                return;
            }
            LOG.error("Campaign run {} failed", jobId, e);
            runs.finish(jobId, JobProgress.FAILED, "The campaign stopped: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (e instanceof VirtualMachineError vm) {
                throw vm;
            }
        }
    }

    /**
     * The module was switched off (or this node is stopping) during the run: it goes back to the
     * queue saying why, and the next activation resumes it from its last checkpoint. After a
     * kill nothing runs this; the run is still this node's and is taken again at the next start.
     */
    private void waitForModule(String jobId) {
        try {
            runs.release(jobId, "Waiting for the campaigns module, switched off during sending; it resumes when the module is on again.");
        } catch (RuntimeException e) {
            LOG.debug("Campaign run {} stays running until the next start: {}", jobId, e.getMessage());
        }
    }

    /** Evaluates the segment within the sending user's reach and stores its recipients, a page per transaction. */
    private void gather(String jobId, String campaignId) {
        while (!stopping) {
            boolean done = persistence.write(ctx -> {
                Campaign c = byId(ctx, campaignId);
                if (Boolean.TRUE.equals(c.getAudienceDone())) {
                    return true;
                }
                Segment segment = ObjectSelect.query(Segment.class).where(MosaicRecord.ID.eq(c.getSegmentId())).selectOne(ctx);
                MailSettings settings = MailSettingsResource.current(ctx);
                if (segment == null || settings == null) {
                    throw new IllegalStateException(segment == null ? "The campaign's segment is gone." : "Campaign mail is not set up.");
                }
                List<Recipient> page = audience.page(SegmentRules.filter(segment, true), c.getAudienceAfter(), PAGE);
                BatchResult batch = new BatchResult();
                for (Recipient p : page) {
                    CampaignRecipient r = ctx.newObject(CampaignRecipient.class);
                    r.setOwnerId(c.getOwnerId());
                    r.setTeamId(c.getTeamId());
                    r.setCampaignId(campaignId);
                    r.setPersonId(p.personId());
                    r.setEmail(p.email());
                    r.setFirstName(p.firstName());
                    r.setLastName(p.lastName());
                    r.setJobTitle(p.jobTitle());
                    r.setOrganizationName(p.organizationName());
                    r.setPersonOwnerId(p.ownerId());
                    r.setStatus(RecipientStatus.QUEUED);
                    r.setMessageId(Messages.messageId(r.getId(), settings.getPublicBaseUrl()));
                    r.setToken(token());
                    r.setAttempts(0);
                    batch.created();
                }
                if (page.isEmpty()) {
                    c.setAudienceDone(true);
                } else {
                    c.setAudienceAfter(page.get(page.size() - 1).personId());
                }
                runs.checkpoint(ctx, jobId, 0, 0, batch);
                return page.isEmpty();
            });
            if (done) {
                return;
            }
        }
    }

    /**
     * Sends to every queued recipient, throttled to the rate set; returns the state the run ends
     * in, or null when it stopped without ending (paused, this node stopping).
     *
     * <p>One transaction per message: the previous recipient's outcome (and its "sent" entry on
     * the person's timeline) and the next one marked as being handed over commit together, so
     * that at most one recipient is ever between "handed over" and "recorded" — after a crash
     * that one is {@code unknown}, never sent again — while a message costs one commit, not three.
     * The campaign, its template and the settings are read again every second, which is how soon
     * a pause, a cancel or a changed rate is seen.
     */
    private String send(String jobId, String campaignId) {
        persistence.write(ctx -> {
            // Handed over when the server stopped: it may have arrived, so it is never sent again.
            for (CampaignRecipient r : ObjectSelect.query(CampaignRecipient.class).where(CampaignRecipient.CAMPAIGN_ID.eq(campaignId)
                    .andExp(CampaignRecipient.STATUS.eq(RecipientStatus.SENDING))).select(ctx)) {
                r.setStatus(RecipientStatus.UNKNOWN);
                r.setLastReply("The server stopped while the message was being handed over; it is not sent again.");
            }
            return null;
        });
        MailConnection connection = null;
        Handed pending = null;
        Campaign campaign = null;
        MailSettings settings = null;
        Template template = null;
        long readAt = 0;
        try {
            while (!stopping) {
                if (campaign == null || System.nanoTime() - readAt > 1_000_000_000L) {
                    String id = campaignId;
                    campaign = persistence.read(ctx -> byId(ctx, id));
                    if (CampaignState.PAUSED.equals(campaign.getState())) {
                        record(pending);
                        pending = null;
                        runs.release(jobId, "Paused");
                        return null;
                    }
                    settings = persistence.read(MailSettingsResource::current);
                    String templateId = campaign.getTemplateId();
                    template = persistence.read(ctx -> ObjectSelect.query(Template.class).where(MosaicRecord.ID.eq(templateId)).selectOne(ctx));
                    if (settings == null || template == null) {
                        throw new IllegalStateException(template == null ? "The campaign's template is gone." : "Campaign mail is not set up.");
                    }
                    readAt = System.nanoTime();
                }
                LocalDateTime now = Sql.now();
                CampaignRecipient next = persistence.read(ctx -> ObjectSelect.query(CampaignRecipient.class)
                        .where(CampaignRecipient.CAMPAIGN_ID.eq(campaignId).andExp(CampaignRecipient.STATUS.eq(RecipientStatus.QUEUED))
                                .andExp(CampaignRecipient.NEXT_AT.isNull().orExp(CampaignRecipient.NEXT_AT.lte(now))))
                        .orderBy(MosaicRecord.ID.asc()).selectFirst(ctx));
                if (next == null) {
                    record(pending);
                    pending = null;
                    LocalDateTime later = persistence.read(ctx -> ObjectSelect.columnQuery(CampaignRecipient.class, CampaignRecipient.NEXT_AT)
                            .where(CampaignRecipient.CAMPAIGN_ID.eq(campaignId).andExp(CampaignRecipient.STATUS.eq(RecipientStatus.QUEUED)))
                            .orderBy(CampaignRecipient.NEXT_AT.asc()).selectFirst(ctx));
                    if (later == null) {
                        return JobProgress.DONE;
                    }
                    pause(Math.max(50, Math.min(5_000, Duration.between(now, later).toMillis())) * 1_000_000L);
                    readAt = 0;
                    continue;
                }
                long started = System.nanoTime();
                Handed previous = pending;
                pending = null;
                if (!recordAndMark(previous, jobId, next.getId())) {
                    continue;
                }
                MailOutcome outcome;
                try {
                    if (connection == null || !connection.connected()) {
                        if (connection != null) {
                            connection.close();
                        }
                        connection = mailer.connect(account(settings));
                    }
                    outcome = connection.send(Messages.compose(template, next, settings, campaign.getTrackingKey()));
                } catch (IOException unreachable) {
                    // Nothing was handed over: the recipient waits like one the server refused for now.
                    connection = null;
                    outcome = new MailOutcome(MailOutcome.Kind.RETRY, unreachable.getMessage());
                } catch (IllegalArgumentException unwritable) {
                    outcome = new MailOutcome(MailOutcome.Kind.REFUSED, "The message could not be written: " + unwritable.getMessage());
                }
                pending = new Handed(next, outcome, template.getName());
                if (outcome.kind() == MailOutcome.Kind.UNKNOWN) {
                    connection.close();
                    connection = null;
                }
                long interval = 60_000_000_000L / Math.max(1, settings.getRatePerMinute());
                long left = interval - (System.nanoTime() - started);
                if (left > 0) {
                    pause(left);
                }
            }
            return null;
        } finally {
            // The last outcome is recorded whatever ends the run; only a crash (or the database gone) leaves it unknown.
            try {
                record(pending);
            } catch (RuntimeException e) {
                LOG.warn("The outcome of the last message of campaign {} is not recorded; its recipient will be unknown: {}", campaignId,
                        e.getMessage());
            }
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** Waits; the module stopping ends the wait (the run resumes when it is on again). */
    private void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        synchronized (wake) {
            long left;
            while (!stopping && (left = until - System.nanoTime()) > 0) {
                try {
                    wake.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
        }
    }

    /** A message handed over (or not) whose outcome is not recorded yet: the recipient, the server's answer, the template's name. */
    private record Handed(CampaignRecipient recipient, MailOutcome outcome, String templateName) {
    }

    /**
     * One transaction: the previous outcome recorded, and the next recipient marked as being
     * handed over with the run's checkpoint (a cancelled run stops here, before sending); false
     * when the next is no longer queued.
     */
    private boolean recordAndMark(Handed previous, String jobId, String recipientId) {
        return persistence.write(ctx -> {
            recordIn(ctx, previous);
            CampaignRecipient r = ObjectSelect.query(CampaignRecipient.class).where(MosaicRecord.ID.eq(recipientId)).selectOne(ctx);
            if (r == null || !RecipientStatus.QUEUED.equals(r.getStatus())) {
                return false;
            }
            r.setStatus(RecipientStatus.SENDING);
            r.setAttempts(r.getAttempts() + 1);
            runs.checkpoint(ctx, jobId, 1, 0, new BatchResult());
            return true;
        });
    }

    /** Records an outcome in a transaction of its own (the run's last, or before it pauses); nothing for none. */
    private void record(Handed handed) {
        if (handed != null) {
            persistence.write(ctx -> {
                recordIn(ctx, handed);
                return null;
            });
        }
    }

    private void recordIn(ObjectContext ctx, Handed handed) {
        if (handed == null) {
            return;
        }
        MailOutcome outcome = handed.outcome();
        CampaignRecipient r = ObjectSelect.query(CampaignRecipient.class).where(MosaicRecord.ID.eq(handed.recipient().getId())).selectOne(ctx);
        String reply = outcome.reply() == null ? null : outcome.reply().length() > 1000 ? outcome.reply().substring(0, 1000) : outcome.reply();
        r.setLastReply(reply);
        switch (outcome.kind()) {
            case SENT -> {
                r.setStatus(RecipientStatus.SENT);
                r.setSentAt(Sql.now());
                onTimeline(r, handed.templateName());
            }
            case RETRY -> {
                if (r.getAttempts() >= MAX_ATTEMPTS) {
                    r.setStatus(RecipientStatus.FAILED);
                } else {
                    r.setStatus(RecipientStatus.QUEUED);
                    r.setNextAt(Sql.now().plus(backoff(r.getAttempts())));
                }
            }
            case REFUSED -> r.setStatus(RecipientStatus.FAILED);
            default -> r.setStatus(RecipientStatus.UNKNOWN);
        }
    }

    /** 2 s, 4 s, 8 s… after each refusal for now (a greylisting server asks for minutes; the cap is 10 minutes). */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts, 10)));
    }

    /** The "sent" entry on the person's timeline, in the transaction that records the outcome. */
    private void onTimeline(CampaignRecipient r, String templateName) {
        try {
            timeline.append(new NewActivity(ActivityType.EMAIL, Direction.OUTBOUND, "Campaign sent: " + templateName, null,
                    Sql.instant(Sql.now()), r.getPersonId(), null, List.of(), CampaignsModule.ID));
        } catch (ProblemException e) {
            // The person left the sender's reach or was deleted meanwhile (found out before anything was written): the message went all the same.
            LOG.debug("No timeline entry for recipient {}: {}", r.getId(), e.getMessage());
        }
    }

    private void end(String jobId, String campaignId, String state, String message) {
        persistence.write(ctx -> {
            Campaign c = byId(ctx, campaignId);
            if (c != null && CampaignState.SENDING.equals(c.getState())) {
                c.setState(JobProgress.DONE.equals(state) ? CampaignState.SENT : CampaignState.FAILED);
                c.setFinishedAt(Sql.now());
            }
            return null;
        });
        runs.finish(jobId, state, message);
    }

    static MailAccount account(MailSettings s) {
        return MailSettingsResource.account(s);
    }

    private static Campaign byJob(ObjectContext ctx, String jobId) {
        return ObjectSelect.query(Campaign.class).where(Campaign.JOB_ID.eq(jobId)).selectOne(ctx);
    }

    static Campaign byId(ObjectContext ctx, String id) {
        return ObjectSelect.query(Campaign.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx);
    }
}
