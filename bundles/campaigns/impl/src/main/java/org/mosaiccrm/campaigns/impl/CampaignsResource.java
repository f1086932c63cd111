package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.jobs.JobRuns;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.contacts.api.Tasks;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.PageRequest;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/campaigns}: campaigns {@code {"name","segmentId","templateId","scheduledAt","followUp"}},
 * sent as a job ({@code POST …/{id}/send} → {@code {"jobId"}}, progress at {@code /api/v1/jobs/{jobId}}),
 * paused, resumed and cancelled; their statistics and recipients. A campaign, its segment and its
 * template are within the user's reach, and the segment is evaluated within it when sending.
 */
@Component(service = CampaignsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    static final Set<String> CREATABLE = Set.of("name", "segmentId", "templateId", "scheduledAt", "followUp", "ownerId", "teamId");
    static final Set<String> PATCHABLE = Set.of("name", "segmentId", "templateId", "scheduledAt", "followUp", "ownerId", "teamId", "version");
    static final Sorts SORTS = Sorts.of("-updatedAt", SortKey.of("name", Campaign.NAME_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));
    /** Recipient lists by response as well as by status. */
    static final Set<String> RESPONSES = Set.of("opened", "clicked", "unsubscribed", "replied", "bounced", "interested");

    public record CampaignView(String id, long version, String name, String segmentId, String templateId, Instant scheduledAt,
            FollowUp followUp, String state, String jobId, Instant startedAt, Instant finishedAt, String ownerId, String teamId,
            Instant createdAt, Instant updatedAt) {

        static CampaignView of(Campaign c) {
            return new CampaignView(c.getId(), c.getVersion(), c.getName(), c.getSegmentId(), c.getTemplateId(), Sql.instant(c.getScheduledAt()),
                    FollowUp.parse(c.getFollowUpJson()), c.getState(), c.getJobId(), Sql.instant(c.getStartedAt()),
                    Sql.instant(c.getFinishedAt()), c.getOwnerId(), c.getTeamId(), Sql.instant(c.getCreatedAt()), Sql.instant(c.getUpdatedAt()));
        }
    }

    public record CampaignInput(String name, String segmentId, String templateId, Instant scheduledAt, FollowUp followUp, String ownerId,
            String teamId, Long version) {
    }

    public record SendAnswer(String jobId) {
    }

    /** A recipient; an interested one with {@code followUp}, where its calls stand (null when out of the reader's reach). */
    public record RecipientView(String id, String personId, String email, String firstName, String lastName, String status,
            String messageId, int attempts, String lastReply, Instant sentAt, Instant openedAt, Instant clickedAt, Instant unsubscribedAt,
            Instant repliedAt, Instant bouncedAt, String bounceReason, Instant interestedAt, String followUpTaskId, FollowUpView followUp) {

        static RecipientView of(CampaignRecipient r) {
            return new RecipientView(r.getId(), r.getPersonId(), r.getEmail(), r.getFirstName(), r.getLastName(), r.getStatus(),
                    r.getMessageId(), r.getAttempts(), r.getLastReply(), Sql.instant(r.getSentAt()), Sql.instant(r.getOpenedAt()),
                    Sql.instant(r.getClickedAt()), Sql.instant(r.getUnsubscribedAt()), Sql.instant(r.getRepliedAt()),
                    Sql.instant(r.getBouncedAt()), r.getBounceReason(), Sql.instant(r.getInterestedAt()), r.getFollowUpTaskId(), null);
        }

        RecipientView with(FollowUpView state) {
            return new RecipientView(id, personId, email, firstName, lastName, status, messageId, attempts, lastReply, sentAt, openedAt,
                    clickedAt, unsubscribedAt, repliedAt, bouncedAt, bounceReason, interestedAt, followUpTaskId, state);
        }
    }

    /**
     * Where an interested recipient's follow-up stands: its current call task (the last of the
     * chain), whether done, when due, to whom, how many calls were logged and the last outcome.
     */
    public record FollowUpView(String taskId, boolean done, Instant dueAt, String assigneeId, int calls, String outcome) {

        static FollowUpView of(Tasks.TaskState s) {
            return new FollowUpView(s.taskId(), s.done(), s.dueAt(), s.assigneeId(), s.calls(), s.outcome() == null ? null : s.outcome().id());
        }
    }

    @Reference
    private Persistence persistence;

    @Reference
    private Tasks tasks;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private JobRuns runs;

    @Reference
    private CampaignSender sender;

    @GET
    public ListPage<CampaignView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        Expression filter = q == null || q.isBlank() ? null : Campaign.NAME.containsIgnoreCase(q.strip());
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Campaign.class, access.visibleRecordParts(user), filter,
                SORTS.parse(sort), PageRequest.parse(limit, cursor), CampaignView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = CampaignView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        CampaignView view = persistence.read(ctx -> CampaignView.of(find(ctx, user, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(CampaignInput.class)
    @ApiAnswer(status = 201, value = CampaignView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "campaign");
        Campaign created = Records.create(persistence, access, user, Campaign.class, in, (ctx, c) -> {
            c.setState(CampaignState.DRAFT);
            c.setAudienceDone(false);
            c.setTrackingKey(CampaignSender.token());
            apply(ctx, user, in, c, true);
        });
        return Records.created(uri, created.getId(), created.getVersion(), CampaignView.of(created));
    }

    /** Changes a draft; once sending, a campaign stays as it went out. */
    @PATCH
    @Path("{id}")
    @ApiBody(CampaignInput.class)
    @ApiAnswer(value = CampaignView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "campaign");
        Campaign updated = Records.update(persistence, access, user, Campaign.class, id, "campaign", in, ifMatch, (ctx, c) -> {
            requireDraft(c);
            apply(ctx, user, in, c, false);
        });
        return Records.ok(updated.getVersion(), CampaignView.of(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        Records.delete(persistence, access, user, Campaign.class, id, "campaign", ifMatch, (ctx, c) -> requireDraft(c));
        return Response.noContent().build();
    }

    /** Starts sending (at {@code scheduledAt} when that is later) as a job; its id answers. */
    @POST
    @Path("{id}/send")
    @ApiAnswer(status = 202, value = SendAnswer.class)
    public Response send(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        String jobId = persistence.write(ctx -> {
            Campaign c = find(ctx, user, id);
            requireDraft(c);
            if (MailSettingsResource.current(ctx) == null) {
                throw Problems.of(409, "campaign-mail-not-configured", "Campaign mail is not set up",
                        "An administrator saves the campaigns' SMTP server and sender first.");
            }
            String job = sender.create(ctx, user, c.getId());
            c.setState(CampaignState.SENDING);
            c.setJobId(job);
            c.setSentBy(user.id());
            c.setStartedAt(Sql.now());
            return job;
        });
        audit.record("campaigns.send", "campaigns/" + id, Map.of("jobId", jobId));
        sender.start(jobId);
        return Response.accepted(new SendAnswer(jobId)).build();
    }

    @POST
    @Path("{id}/pause")
    @ApiAnswer(CampaignView.class)
    public CampaignView pause(@PathParam("id") String id) {
        return move(id, CampaignState.SENDING, CampaignState.PAUSED);
    }

    @POST
    @Path("{id}/resume")
    @ApiAnswer(CampaignView.class)
    public CampaignView resume(@PathParam("id") String id) {
        CampaignView view = move(id, CampaignState.PAUSED, CampaignState.SENDING);
        sender.start(view.jobId());
        return view;
    }

    /** Stops sending: recipients not yet handed over stay unsent. */
    @POST
    @Path("{id}/cancel")
    @ApiAnswer(CampaignView.class)
    public CampaignView cancel(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        CampaignView view = persistence.write(ctx -> {
            Campaign c = find(ctx, user, id);
            if (!CampaignState.SENDING.equals(c.getState()) && !CampaignState.PAUSED.equals(c.getState())) {
                throw Problems.conflict("The campaign is " + c.getState() + ", not sending or paused.");
            }
            c.setState(CampaignState.CANCELLED);
            c.setFinishedAt(Sql.now());
            return CampaignView.of(c);
        });
        runs.cancel(view.jobId());
        audit.record("campaigns.cancel", "campaigns/" + id, Map.of("jobId", view.jobId()));
        return view;
    }

    private CampaignView move(String id, String from, String to) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        CampaignView view = persistence.write(ctx -> {
            Campaign c = find(ctx, user, id);
            if (!from.equals(c.getState())) {
                throw Problems.conflict("The campaign is " + c.getState() + ", not " + from + ".");
            }
            c.setState(to);
            return CampaignView.of(c);
        });
        audit.record("campaigns." + to, "campaigns/" + id, Map.of());
        return view;
    }

    /** Recipients by status and by response: each of the statuses, and the times responses came. */
    @GET
    @Path("{id}/stats")
    public Map<String, Object> stats(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        return persistence.read(ctx -> {
            Campaign c = find(ctx, user, id);
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("state", c.getState());
            Expression mine = CampaignRecipient.CAMPAIGN_ID.eq(c.getId());
            stats.put("recipients", ObjectSelect.query(CampaignRecipient.class).where(mine).selectCount(ctx));
            for (String status : List.of(RecipientStatus.QUEUED, RecipientStatus.SENDING, RecipientStatus.SENT, RecipientStatus.FAILED,
                    RecipientStatus.UNKNOWN)) {
                stats.put(status, ObjectSelect.query(CampaignRecipient.class).where(mine.andExp(CampaignRecipient.STATUS.eq(status)))
                        .selectCount(ctx));
            }
            for (String response : RESPONSES) {
                stats.put(response, ObjectSelect.query(CampaignRecipient.class).where(mine.andExp(responded(response))).selectCount(ctx));
            }
            // The follow-up calls logged on the campaign's tasks, those in the reader's reach, by outcome.
            Map<String, Long> outcomes = new LinkedHashMap<>();
            tasks.outcomes(FollowUps.source(c.getId())).forEach((o, n) -> outcomes.put(o.id(), n));
            stats.put("calls", outcomes.values().stream().mapToLong(Long::longValue).sum());
            stats.put("callOutcomes", outcomes);
            return stats;
        });
    }

    @GET
    @Path("{id}/recipients")
    public ListPage<RecipientView> recipients(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        if (status != null && !RecipientStatus.ALL.contains(status) && !RESPONSES.contains(status)) {
            throw Problems.invalid("status", "must be one of " + new java.util.TreeSet<>(RecipientStatus.ALL) + " or "
                    + new java.util.TreeSet<>(RESPONSES));
        }
        ListPage<RecipientView> page = persistence.read(ctx -> {
            Campaign c = find(ctx, user, id);
            Expression where = CampaignRecipient.CAMPAIGN_ID.eq(c.getId());
            if (status != null) {
                where = where.andExp(RESPONSES.contains(status) ? responded(status) : CampaignRecipient.STATUS.eq(status));
            }
            return RecordLists.page(persistence, ctx, CampaignRecipient.class, access.visibleRecordParts(user), where,
                    Sorts.of("id", SortKey.of("id", MosaicRecord.ID)).parse(null), PageRequest.parse(limit, cursor), RecipientView::of);
        });
        return withFollowUps(page);
    }

    /** The page's interested recipients with where their calls stand, asked of contacts in one go. */
    private ListPage<RecipientView> withFollowUps(ListPage<RecipientView> page) {
        List<String> firstTasks = page.items().stream().map(RecipientView::followUpTaskId).filter(java.util.Objects::nonNull).toList();
        if (firstTasks.isEmpty()) {
            return page;
        }
        Map<String, Tasks.TaskState> states = tasks.states(firstTasks);
        return new ListPage<>(page.items().stream().map(r -> r.followUpTaskId() == null || !states.containsKey(r.followUpTaskId()) ? r
                : r.with(FollowUpView.of(states.get(r.followUpTaskId())))).toList(), page.next(), page.total(), page.totalExact());
    }

    private static Expression responded(String response) {
        return switch (response) {
            case "opened" -> CampaignRecipient.OPENED_AT.isNotNull();
            case "clicked" -> CampaignRecipient.CLICKED_AT.isNotNull();
            case "unsubscribed" -> CampaignRecipient.UNSUBSCRIBED_AT.isNotNull();
            case "replied" -> CampaignRecipient.REPLIED_AT.isNotNull();
            case "interested" -> CampaignRecipient.INTERESTED_AT.isNotNull();
            default -> CampaignRecipient.BOUNCED_AT.isNotNull();
        };
    }

    private Campaign find(ObjectContext ctx, UserPrincipal user, String id) {
        return Records.find(ctx, access, user, Campaign.class, id, "campaign");
    }

    private static void requireDraft(Campaign c) {
        if (!CampaignState.DRAFT.equals(c.getState())) {
            throw Problems.conflict("The campaign is " + c.getState() + "; only a draft can be changed, sent or deleted.");
        }
    }

    private void apply(ObjectContext ctx, UserPrincipal user, FieldReader in, Campaign c, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        String segmentId = in.text("segmentId", 36);
        if (segmentId == null && (creating || in.has("segmentId"))) {
            in.required("segmentId");
        }
        String templateId = in.text("templateId", 36);
        if (templateId == null && (creating || in.has("templateId"))) {
            in.required("templateId");
        }
        Records.requireReference(ctx, access, user, Segment.class, segmentId, "segmentId", in);
        Records.requireReference(ctx, access, user, Template.class, templateId, "templateId", in);
        LocalDateTime scheduledAt = in.instant("scheduledAt");
        FollowUp followUp = FollowUp.read(in);
        in.requireValid();
        if (name != null) {
            c.setName(name);
            c.setNameKey(name.toLowerCase(Locale.ROOT));
        }
        if (segmentId != null) {
            c.setSegmentId(segmentId);
        }
        if (templateId != null) {
            c.setTemplateId(templateId);
        }
        if (in.has("scheduledAt") || creating) {
            c.setScheduledAt(scheduledAt);
        }
        if (in.has("followUp") || creating) {
            c.setFollowUpJson(followUp == null ? null : followUp.json());
        }
    }
}
