package org.mosaiccrm.funnel.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

import org.apache.cayenne.exp.Expression;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.ContactLinks;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.funnel.api.Leads;
import org.mosaiccrm.platform.api.csv.CsvExport;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordLists;
import org.mosaiccrm.platform.api.persistence.SortKey;
import org.mosaiccrm.platform.api.persistence.Sorts;
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
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code /api/v1/funnel/leads}, and the {@link Leads} service other modules capture leads
 * through. A new lead whose email already belongs to a person the user may reach says so
 * ({@code matches}) instead of duplicating them silently. {@code POST …/convert} turns a lead
 * into a person and organization of contacts (found or created) and optionally a deal, in one
 * transaction: a failure half-way leaves nothing behind. A converted lead is read-only.
 */
@Component(service = {LeadsResource.class, Leads.class})
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("funnel/leads")
@Produces(MediaType.APPLICATION_JSON)
public class LeadsResource implements Leads {

    static final Sorts SORTS = Sorts.of("-createdAt", SortKey.of("createdAt", MosaicRecord.ID), SortKey.of("name", Lead.NAME_KEY),
            SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));
    static final Set<String> CONVERT_FIELDS = Set.of("createDeal", "dealTitle", "pipelineId", "stageId", "amount", "currency", "version");
    /** Mail providers whose domain says nothing about the company a lead works for. */
    static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.es", "yahoo.fr", "outlook.com",
            "hotmail.com", "hotmail.es", "live.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "t-online.de",
            "mail.ru", "yandex.ru", "rambler.ru", "orange.fr", "free.fr", "laposte.net", "siol.net", "t-2.net", "amis.net", "proton.me",
            "protonmail.com");

    public record LeadView(String id, long version, String firstName, String lastName, String company, String email, String phone,
            String source, String status, String reason, String notes, Map<String, Object> customFields, String personId,
            String organizationId, String dealId, Instant convertedAt, String ownerId, String teamId, Instant createdAt,
            Instant updatedAt, List<Match> matches) {

        static LeadView of(Lead l, FieldSchema custom, List<Match> matches) {
            return new LeadView(l.getId(), l.getVersion(), l.getFirstName(), l.getLastName(), l.getCompany(), l.getEmail(), l.getPhone(),
                    l.getSource(), l.getStatus(), l.getReason(), l.getNotes(), custom.view(l.getCustomJson()), l.getPersonId(),
                    l.getOrganizationId(), l.getDealId(), DealsResource.utc(l.getConvertedAt()), l.getOwnerId(), l.getTeamId(),
                    DealsResource.utc(l.getCreatedAt()), DealsResource.utc(l.getUpdatedAt()), matches);
        }
    }

    public record LeadInput(String firstName, String lastName, String company, String email, String phone, String source, String status,
            String reason, String notes, Map<String, Object> customFields, String ownerId, String teamId, Long version) {
    }

    public record ConvertInput(Boolean createDeal, String dealTitle, String pipelineId, String stageId, String amount, String currency,
            Long version) {
    }

    public record Converted(String personId, String organizationId, String dealId, boolean personCreated, boolean organizationCreated) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    @Reference
    private ContactLinks links;

    @Reference
    private Timeline timeline;

    @Reference
    private AuditLog audit;

    @Reference
    private org.mosaiccrm.contacts.api.ContactDirectory contacts;

    /** A page of the leads the user may see, filtered by status, source, owner, text and custom fields ({@code cf.<key>}). */
    @GET
    public ListPage<LeadView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("source") String source, @QueryParam("ownerId") String ownerId, @Context UriInfo uri) {
        // The filters are read from the query in one place (filter), for the list and its export alike.
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri);
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Lead.class, access.visibleRecordParts(user), where,
                SORTS.parse(sort), PageRequest.parse(limit, cursor), l -> LeadView.of(l, custom, null)));
    }

    /** The list as CSV: the same filters, sort and reach, every matching lead, streamed, formula-safe and audited. */
    @GET
    @Path("export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiAnswer(value = String.class, type = "text/csv")
    public Response export(@QueryParam("format") String format, @QueryParam("sort") String sort, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        access.requirePermission(FunnelModule.EXPORT);
        CsvExport.requireCsv(format);
        FieldSchema custom = schema();
        Expression where = filter(custom, uri);
        return CsvExport.of(persistence, audit, FunnelModule.ID, "leads", uri.getQueryParameters(), LeadFields.CSV.columns(custom),
                RecordLists.select(Lead.class, Records.visible(access, user, where), SORTS.parse(sort)), ctx -> l -> LeadFields.row(l, custom));
    }

    /** The list's conditions from the query: status, source, owner, text in the name, company or email, and custom fields. */
    private static Expression filter(FieldSchema custom, UriInfo uri) {
        var query = uri.getQueryParameters();
        String status = query.getFirst("status");
        String source = query.getFirst("source");
        String ownerId = query.getFirst("ownerId");
        String q = query.getFirst("q");
        Expression filter = null;
        if (status != null) {
            if (!Lead.STATUSES.contains(status) && !Lead.CONVERTED.equals(status)) {
                throw Problems.invalid("status", "must be one of new, working, qualified, disqualified, converted");
            }
            filter = Lead.STATUS.eq(status);
        }
        if (source != null) {
            filter = Records.and(filter, Lead.SOURCE.eq(source));
        }
        if (ownerId != null) {
            filter = Records.and(filter, MosaicRecord.OWNER_ID.eq(DealFields.id(ownerId, "ownerId")));
        }
        if (q != null && !q.isBlank()) {
            String text = q.strip();
            filter = Records.and(filter, Lead.NAME_KEY.containsIgnoreCase(text).orExp(Lead.COMPANY.containsIgnoreCase(text))
                    .orExp(Lead.EMAIL_KEY.startsWith(text.toLowerCase(Locale.ROOT))));
        }
        return Records.and(filter, custom.filter(Lead.CUSTOM_JSON, query));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = LeadView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(FunnelModule.READ);
        FieldSchema custom = schema();
        LeadView lead = persistence.read(ctx -> LeadView.of(Records.find(ctx, access, user, Lead.class, id, "lead"), custom, null));
        return Records.ok(lead.version(), lead);
    }

    /** Creates a lead; the answer's {@code matches} name the people who already have its email. */
    @POST
    @ApiBody(LeadInput.class)
    @ApiAnswer(status = 201, value = LeadView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(body, LeadFields.CREATABLE, "lead");
        LeadView created = create(user, in);
        return Records.created(uri, created.id(), created.version(), created);
    }

    @Override
    public Captured capture(NewLead lead) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        Map<String, Object> fields = new HashMap<>();
        put(fields, "firstName", lead.firstName());
        put(fields, "lastName", lead.lastName());
        put(fields, "company", lead.company());
        put(fields, "email", lead.email());
        put(fields, "phone", lead.phone());
        put(fields, "source", lead.source());
        put(fields, "notes", lead.notes());
        LeadView created = create(user, new FieldReader(fields));
        return new Captured(created.id(), created.matches());
    }

    /** A new lead: owned as the body says, or else by the assignment rules, or else by its creator. */
    private LeadView create(UserPrincipal user, FieldReader in) {
        FieldSchema custom = schema();
        Lead lead = persistence.write(ctx -> {
            Lead l = ctx.newObject(Lead.class);
            LeadFields.apply(in, l, true, custom);
            Records.finish(access, user, l, in, true);
            if (!in.has("ownerId") && !in.has("teamId")) {
                LeadAssignment.assign(ctx, access, l);
            }
            return l;
        });
        return LeadView.of(lead, custom, matches(lead.getEmail()));
    }

    /** The people the user may reach who have this email already. */
    private List<Match> matches(String email) {
        if (email == null) {
            return List.of();
        }
        String person = links.peopleByEmail(List.of(email)).get(email.toLowerCase(Locale.ROOT));
        return person == null ? List.of() : List.of(new Match("person", person));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(LeadInput.class)
    @ApiAnswer(value = LeadView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(changes, LeadFields.PATCHABLE, "lead");
        FieldSchema custom = schema();
        Lead updated = Records.update(persistence, access, user, Lead.class, id, "lead", in, ifMatch, (ctx, lead) -> {
            requireOpen(lead);
            LeadFields.apply(in, lead, false, custom);
        });
        return Records.ok(updated.getVersion(), LeadView.of(updated, custom, null));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.DELETE);
        Records.delete(persistence, access, user, Lead.class, id, "lead", ifMatch, (ctx, lead) -> { });
        return Response.noContent().build();
    }

    /**
     * Converts the lead: the person with its email (or a new one), the organization of its
     * company (by the email's domain, then by name; or a new one), optionally a deal for both,
     * the lead's notes onto the person's timeline, and the lead marked converted with links to
     * what it became — all in one transaction.
     */
    @POST
    @Path("{id}/convert")
    @ApiBody(ConvertInput.class)
    @ApiAnswer(value = Converted.class)
    public Converted convert(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(FunnelModule.WRITE);
        FieldReader in = FieldReader.of(body == null || body.isEmpty() ? Map.of("createDeal", false) : body, CONVERT_FIELDS, "conversion");
        Long expected = in.expectedVersion(ifMatch);
        Boolean createDeal = in.flag("createDeal");
        in.requireValid();
        FieldSchema dealFields = customFields.schema(FunnelModule.ID, FunnelModule.DEAL);
        return persistence.write(ctx -> {
            Lead lead = Records.find(ctx, access, user, Lead.class, id, "lead");
            // The version is optional here: converting twice is refused anyway (requireOpen).
            if (expected != null) {
                lead.requireVersion(expected);
            }
            requireOpen(lead);
            String domain = lead.getEmailKey() == null ? null : lead.getEmailKey().substring(lead.getEmailKey().indexOf('@') + 1);
            if (domain != null && FREE_MAIL.contains(domain)) {
                domain = null;
            }
            ContactLinks.Linked linked = links.link(new ContactLinks.Request(lead.getFirstName(), lead.getLastName(), lead.getEmail(),
                    lead.getPhone(), lead.getCompany(), lead.getCompany() == null ? null : domain, lead.getOwnerId(), lead.getTeamId()));
            String dealId = null;
            if (Boolean.TRUE.equals(createDeal)) {
                Map<String, Object> fields = new HashMap<>();
                String title = in.text("dealTitle", Deal.TITLE_MAX);
                fields.put("title", title != null ? title : lead.getCompany() != null ? lead.getCompany() : name(lead));
                copy(in, fields, "pipelineId", "stageId", "amount", "currency");
                FieldReader dealIn = new FieldReader(fields);
                Deal deal = ctx.newObject(Deal.class);
                DealFields.apply(ctx, dealIn, deal, true, dealFields, contacts, user);
                dealIn.errors().forEach(e -> in.error(e.field(), e.message()));
                in.requireValid();
                // The person and organization were just made or found in this transaction: linked directly.
                deal.setOrganizationId(linked.organizationId());
                deal.setPersonIdsJson(DealFields.writeIds(List.of(linked.personId())));
                access.assignOwnership(user, deal, lead.getOwnerId(), lead.getTeamId());
                DealsResource.ownParts(ctx, deal);
                DealsResource.afterMove(ctx, deal);
                DealsResource.onTimeline(timeline, ctx, deal, true);
                dealId = deal.getId();
            }
            if (lead.getNotes() != null) {
                timeline.append(new NewActivity(ActivityType.NOTE, null, "Lead: " + name(lead), lead.getNotes(),
                        Sql.instant(), linked.personId(), null, List.of(), FunnelModule.ID));
            }
            lead.setStatus(Lead.CONVERTED);
            lead.setPersonId(linked.personId());
            lead.setOrganizationId(linked.organizationId());
            lead.setDealId(dealId);
            lead.setConvertedAt(DealsResource.now());
            return new Converted(linked.personId(), linked.organizationId(), dealId, linked.personCreated(), linked.organizationCreated());
        });
    }

    private static void requireOpen(Lead lead) {
        if (Lead.CONVERTED.equals(lead.getStatus())) {
            throw Problems.conflict("The lead was converted; change the person, organization or deal it became instead.");
        }
    }

    private static String name(Lead lead) {
        String name = ((lead.getFirstName() == null ? "" : lead.getFirstName()) + " " + (lead.getLastName() == null ? "" : lead.getLastName()))
                .strip();
        return name.isEmpty() ? lead.getEmail() : name;
    }

    private static void copy(FieldReader in, Map<String, Object> to, String... keys) {
        for (String k : keys) {
            if (in.has(k)) {
                to.put(k, in.raw(k));
            }
        }
    }

    private static void put(Map<String, Object> fields, String key, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(key, value);
        }
    }

    private FieldSchema schema() {
        return customFields.schema(FunnelModule.ID, FunnelModule.LEAD);
    }

}
