package org.mosaiccrm.campaigns.impl;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * marked {@code sending} and checkpointed in one transaction before the hand-over (a window of
 * them at a time, see {@link #send}), its outcome stored after. A recipient found {@code sending} when a run resumes (the server was killed
 * during the hand-over) becomes {@code unknown} and is never sent again: nobody gets a message twice.
 * A refusal for now (4xx) is retried with a growing delay; one for good is recorded with the
 * server's answer. Pausing gives the run back to the queue; cancelling ends it at the next recipient.
 */
@Component(service = CampaignSender.class)
public class CampaignSender {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSender.class);

    static final String KIND = "campaigns.send";
    /** Recipients gathered a transaction: the most a page of the audience holds. */
    static final int PAGE = 1000;
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
            // Cancelled: the next window was not marked (its mark rolled back with the checkpoint); the last one's outcomes were recorded on the way out.
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
            // A page's recipients are inserted as JDBC batches (writeMany): they are new rows only.
            boolean done = persistence.writeMany(ctx -> {
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
     * <p>Recipients are handed over in windows: one transaction records the outcomes of the last
     * window (with their "sent" entries on the people's timelines) and marks the next window's
     * recipients as being handed over, with the run's checkpoint. After a crash the marked ones
     * whose outcome was not recorded are {@code unknown} and never sent again: nobody gets a
     * message twice, and at most one window is left in doubt. The window is a quarter of a
     * second's worth of messages at the rate set, between 1 and {@link #MAX_WINDOW}
     * ({@link #window}): a slow campaign keeps one recipient in doubt, a fast one pays one
     * commit for many messages rather than one each. The campaign, its template and the
     * settings are read again every second, which is how soon a pause, a cancel or a changed rate
     * is seen; a pause or a stop gives the window's untried recipients back to the queue.
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
        Window window = new Window();
        Campaign campaign = null;
        MailSettings settings = null;
        Template template = null;
        long readAt = 0;
        long pace = System.nanoTime();
        boolean waited = false;
        try {
            while (!stopping) {
                long sinceRead = System.nanoTime() - readAt;
                // Read again every second, and before a new window or after a wait of a tenth of a
                // second or more: a slow campaign sees a pause before its next message.
                if (campaign == null || sinceRead > 1_000_000_000L || (sinceRead > 100_000_000L && (!window.hasNext() || waited))) {
                    waited = false;
                    String id = campaignId;
                    campaign = persistence.read(ctx -> byId(ctx, id));
                    if (CampaignState.PAUSED.equals(campaign.getState())) {
                        settle(window);
                        window = new Window();
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
                if (!window.hasNext()) {
                    LocalDateTime now = Sql.now();
                    window = settleAndClaim(window, jobId, campaignId, window(settings.getRatePerMinute()), now);
                    if (!window.hasNext()) {
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
                }
                long interval = 60_000_000_000L / Math.max(1, settings.getRatePerMinute());
                long ahead = pace - System.nanoTime();
                if (ahead >= 1_000_000) {
                    // Only waits of a millisecond or more: a shorter one would take a millisecond
                    // all the same (Object.wait), so being a little early is made up at the next wait.
                    pause(ahead);
                    waited = true;
                    continue;
                }
                // The next may go one interval later; no more than one interval of credit is
                // banked while behind, so that a slow stretch is not followed by a burst.
                pace = Math.max(pace, System.nanoTime() - interval) + interval;
                CampaignRecipient next = window.next();
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
                window.handed(new Handed(next, outcome, template.getName()));
                if (outcome.kind() == MailOutcome.Kind.UNKNOWN) {
                    connection.close();
                    connection = null;
                }
            }
            return null;
        } finally {
            // The window's outcomes are recorded whatever ends the run; only a crash (or the database gone) leaves them unknown.
            try {
                settle(window);
            } catch (RuntimeException e) {
                LOG.warn("The outcomes of the last messages of campaign {} are not recorded; their recipients will be unknown: {}", campaignId,
                        e.getMessage());
            }
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** At most this many recipients are marked as being handed over at once (and so in doubt after a crash). */
    static final int MAX_WINDOW = 100;

    /** The recipients marked at once at this rate: a quarter of a second's worth, 1 to {@link #MAX_WINDOW}. */
    static int window(int ratePerMinute) {
        return Math.max(1, Math.min(MAX_WINDOW, ratePerMinute / 240));
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

    /** The recipients marked as being handed over: those tried (with their outcomes, not yet recorded) and those still to try. */
    private static final class Window {
        private final List<CampaignRecipient> marked;
        private final List<Handed> handed = new ArrayList<>();

        Window() {
            this(List.of());
        }

        Window(List<CampaignRecipient> marked) {
            this.marked = marked;
        }

        boolean hasNext() {
            return handed.size() < marked.size();
        }

        CampaignRecipient next() {
            return marked.get(handed.size());
        }

        void handed(Handed h) {
            handed.add(h);
        }

        List<CampaignRecipient> untried() {
            return marked.subList(handed.size(), marked.size());
        }
    }

    /**
     * One transaction: the window's outcomes recorded, and the next window marked as being handed
     * over with the run's checkpoint (a cancelled run stops here, before sending: the
     * {@link RunStoppedException} rolls all of it back and {@link #settle} records the outcomes on
     * the way out). The next window is empty when no one is queued and due.
     */
    private Window settleAndClaim(Window done, String jobId, String campaignId, int size, LocalDateTime now) {
        List<CampaignRecipient> marked = persistence.write(ctx -> {
            recordIn(ctx, done);
            List<CampaignRecipient> next = ObjectSelect.query(CampaignRecipient.class)
                    .where(CampaignRecipient.CAMPAIGN_ID.eq(campaignId).andExp(CampaignRecipient.STATUS.eq(RecipientStatus.QUEUED))
                            .andExp(CampaignRecipient.NEXT_AT.isNull().orExp(CampaignRecipient.NEXT_AT.lte(now))))
                    .orderBy(MosaicRecord.ID.asc()).limit(size).select(ctx);
            for (CampaignRecipient r : next) {
                r.setStatus(RecipientStatus.SENDING);
                r.setAttempts(r.getAttempts() + 1);
            }
            if (!next.isEmpty()) {
                runs.checkpoint(ctx, jobId, next.size(), 0, new BatchResult());
            }
            return next;
        });
        return new Window(marked);
    }

    /** Records the window's outcomes and gives its untried recipients back to the queue, in a transaction of its own. */
    private void settle(Window window) {
        if (window.handed.isEmpty() && window.untried().isEmpty()) {
            return;
        }
        persistence.write(ctx -> {
            recordIn(ctx, window);
            for (CampaignRecipient r : read(ctx, window.untried())) {
                r.setStatus(RecipientStatus.QUEUED);
                r.setAttempts(Math.max(0, r.getAttempts() - 1));
            }
            return null;
        });
    }

    private void recordIn(ObjectContext ctx, Window window) {
        if (window.handed.isEmpty()) {
            return;
        }
        java.util.Map<String, CampaignRecipient> byId = new java.util.HashMap<>();
        for (CampaignRecipient r : read(ctx, window.handed.stream().map(Handed::recipient).toList())) {
            byId.put(r.getId(), r);
        }
        List<NewActivity> sent = new ArrayList<>();
        for (Handed h : window.handed) {
            CampaignRecipient r = byId.get(h.recipient().getId());
            if (recordIn(r, h)) {
                sent.add(sentActivity(r, h.templateName()));
            }
        }
        // The "sent" entries on the people's timelines, inserted together; one whose person left
        // the sender's reach or was deleted meanwhile is left out: the message went all the same.
        if (!sent.isEmpty()) {
            timeline.appendAll(sent);
        }
    }

    /** These recipients as this transaction reads them: in one query, not one each (empty for none). */
    private static List<CampaignRecipient> read(ObjectContext ctx, List<CampaignRecipient> recipients) {
        return recipients.isEmpty() ? List.of() : ObjectSelect.query(CampaignRecipient.class)
                .where(MosaicRecord.ID.in(recipients.stream().map(CampaignRecipient::getId).toList())).select(ctx);
    }

    /** The outcome on the recipient (as read in the recording transaction); true when the message was sent. */
    private boolean recordIn(CampaignRecipient r, Handed handed) {
        MailOutcome outcome = handed.outcome();
        String reply = outcome.reply() == null ? null : outcome.reply().length() > 1000 ? outcome.reply().substring(0, 1000) : outcome.reply();
        r.setLastReply(reply);
        switch (outcome.kind()) {
            case SENT -> {
                r.setStatus(RecipientStatus.SENT);
                r.setSentAt(Sql.now());
                return true;
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
        return false;
    }

    /** 2 s, 4 s, 8 s… after each refusal for now (a greylisting server asks for minutes; the cap is 10 minutes). */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts, 10)));
    }

    /** The "sent" entry on the person's timeline. */
    private static NewActivity sentActivity(CampaignRecipient r, String templateName) {
        return new NewActivity(ActivityType.EMAIL, Direction.OUTBOUND, "Campaign sent: " + templateName, null,
                Sql.instant(Sql.now()), r.getPersonId(), null, List.of(), CampaignsModule.ID);
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
