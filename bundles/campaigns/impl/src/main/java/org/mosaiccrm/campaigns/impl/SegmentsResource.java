package org.mosaiccrm.campaigns.impl;

import java.time.Instant;
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

import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.AudienceFilter;
import org.mosaiccrm.contacts.api.AudienceRule;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
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
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/campaigns/segments}: saved dynamic filters over people,
 * {@code {"name","match":"all|any","rules":[{"field","op","value"}]}}. Contacts evaluates the
 * rules (campaigns never reads its tables), always within the current user's reach: a preview
 * counts and samples only people that user may see, and a campaign evaluates its segment again
 * when it is sent. A rule contacts does not understand is a 422 naming it.
 */
@Component(service = SegmentsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns/segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SegmentsResource {

    static final Set<String> CREATABLE = Set.of("name", "match", "rules", "ownerId", "teamId");
    static final Set<String> PATCHABLE = Set.of("name", "match", "rules", "ownerId", "teamId", "version");
    static final Set<String> MATCH = Set.of("all", "any");
    static final Sorts SORTS = Sorts.of("name", SortKey.of("name", Segment.NAME_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));
    static final int SAMPLE = 10;

    public record SegmentView(String id, long version, String name, String match, List<AudienceRule> rules, String ownerId, String teamId,
            Instant createdAt, Instant updatedAt) {

        static SegmentView of(Segment s) {
            return new SegmentView(s.getId(), s.getVersion(), s.getName(), Boolean.TRUE.equals(s.getMatchAll()) ? "all" : "any",
                    SegmentRules.parse(s.getRulesJson()), s.getOwnerId(), s.getTeamId(), Sql.instant(s.getCreatedAt()),
                    Sql.instant(s.getUpdatedAt()));
        }
    }

    public record SegmentInput(String name, String match, List<AudienceRule> rules, String ownerId, String teamId, Long version) {
    }

    public record SamplePerson(String id, String firstName, String lastName, String email, String organizationName) {

        static SamplePerson of(Recipient r) {
            return new SamplePerson(r.personId(), r.firstName(), r.lastName(), r.email(), r.organizationName());
        }
    }

    /** How many people within the user's reach match, and the first of them. */
    public record Preview(long count, List<SamplePerson> sample) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Audience audience;

    @GET
    public ListPage<SegmentView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        var filter = q == null || q.isBlank() ? null : Segment.NAME.containsIgnoreCase(q.strip());
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Segment.class, access.visibleRecordParts(user), filter,
                SORTS.parse(sort), PageRequest.parse(limit, cursor), SegmentView::of));
    }

    /** The fields rules may test now, each operator with whether it takes a value: contacts' own and those of the modules on (funnel's orders and open deals). */
    public record Fields(Map<String, Map<String, Boolean>> fields) {
    }

    @GET
    @Path("fields")
    @ApiAnswer(Fields.class)
    public Fields fields() {
        access.requirePermission(CampaignsModule.READ);
        return new Fields(audience.fields());
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = SegmentView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        SegmentView view = persistence.read(ctx -> SegmentView.of(Records.find(ctx, access, user, Segment.class, id, "segment")));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(SegmentInput.class)
    @ApiAnswer(status = 201, value = SegmentView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "segment");
        Segment created = Records.create(persistence, access, user, Segment.class, in, (ctx, s) -> apply(in, s, true));
        return Records.created(uri, created.getId(), created.getVersion(), SegmentView.of(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(SegmentInput.class)
    @ApiAnswer(value = SegmentView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "segment");
        Segment updated = Records.update(persistence, access, user, Segment.class, id, "segment", in, ifMatch, (ctx, s) -> apply(in, s, false));
        return Records.ok(updated.getVersion(), SegmentView.of(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        Records.delete(persistence, access, user, Segment.class, id, "segment", ifMatch, (ctx, s) -> {
        });
        return Response.noContent().build();
    }

    /** The saved segment's count and sample for the current user. */
    @GET
    @Path("{id}/preview")
    @ApiAnswer(Preview.class)
    public Preview preview(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        Segment segment = persistence.read(ctx -> Records.find(ctx, access, user, Segment.class, id, "segment"));
        AudienceFilter filter = SegmentRules.filter(segment, false);
        // A rule of a module switched off since (funnel's orders): 422 naming it, not an error of ours.
        SegmentRules.requireValid(audience, filter);
        return preview(filter);
    }

    /** A live count and sample while editing: the rules as in a segment's body, not saved. */
    @POST
    @Path("preview")
    @ApiBody(SegmentInput.class)
    @ApiAnswer(Preview.class)
    public Preview previewUnsaved(Map<String, Object> body) {
        access.requirePermission(CampaignsModule.READ);
        FieldReader in = FieldReader.of(body, CREATABLE, "segment");
        String match = in.choice("match", MATCH);
        List<AudienceRule> rules = SegmentRules.read(in);
        in.requireValid();
        AudienceFilter filter = new AudienceFilter(!"any".equals(match), rules, false);
        SegmentRules.requireValid(audience, filter);
        return preview(filter);
    }

    private Preview preview(AudienceFilter filter) {
        return new Preview(audience.count(filter), audience.page(filter, null, SAMPLE).stream().map(SamplePerson::of).toList());
    }

    private void apply(FieldReader in, Segment s, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        String match = in.choice("match", MATCH);
        List<AudienceRule> rules = SegmentRules.read(in);
        String json = SegmentRules.write(rules);
        if (json.length() > 8000) {
            in.error("rules", "are longer than a segment keeps (8000 characters as JSON)");
        }
        in.requireValid();
        boolean all = match != null ? "all".equals(match) : creating || Boolean.TRUE.equals(s.getMatchAll());
        if (creating || in.has("rules") || in.has("match")) {
            SegmentRules.requireValid(audience, new AudienceFilter(all, in.has("rules") || creating ? rules
                    : SegmentRules.parse(s.getRulesJson()), false));
        }
        if (name != null) {
            s.setName(name);
            s.setNameKey(name.toLowerCase(Locale.ROOT));
        }
        s.setMatchAll(all);
        if (creating || in.has("rules")) {
            s.setRulesJson(json);
        }
    }
}
