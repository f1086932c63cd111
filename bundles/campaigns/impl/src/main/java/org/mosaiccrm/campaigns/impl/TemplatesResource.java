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
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.SandboxedDocument;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/campaigns/templates}: messages with merge fields. The HTML is sanitised when
 * saved (what was removed is gone for good, the answer shows what is kept); an unknown merge
 * field is a 422 naming it. Templates belong to a team like any record: a user reads and changes
 * those within reach, and previews one for any person within reach.
 */
@Component(service = TemplatesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplatesResource {

    static final Set<String> CREATABLE = Set.of("name", "subject", "html", "text", "ownerId", "teamId");
    static final Set<String> PATCHABLE = Set.of("name", "subject", "html", "text", "ownerId", "teamId", "version");
    static final Sorts SORTS = Sorts.of("name", SortKey.of("name", Template.NAME_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));

    public record TemplateView(String id, long version, String name, String subject, String html, String text, String ownerId,
            String teamId, Instant createdAt, Instant updatedAt) {

        static TemplateView of(Template t) {
            return new TemplateView(t.getId(), t.getVersion(), t.getName(), t.getSubject(), t.getHtmlBody(), t.getTextBody(), t.getOwnerId(),
                    t.getTeamId(), Sql.instant(t.getCreatedAt()), Sql.instant(t.getUpdatedAt()));
        }
    }

    public record TemplateInput(String name, String subject, String html, String text, String ownerId, String teamId, Long version) {
    }

    public record Preview(String personId, String subject, String html, String text) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private Audience audience;

    @GET
    public ListPage<TemplateView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("sort") String sort, @QueryParam("q") String q) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        var filter = q == null || q.isBlank() ? null : Template.NAME.containsIgnoreCase(q.strip());
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, Template.class, access.visibleRecordParts(user), filter,
                SORTS.parse(sort), PageRequest.parse(limit, cursor), TemplateView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = TemplateView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        TemplateView view = persistence.read(ctx -> TemplateView.of(Records.find(ctx, access, user, Template.class, id, "template")));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(TemplateInput.class)
    @ApiAnswer(status = 201, value = TemplateView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(body, CREATABLE, "template");
        Template created = Records.create(persistence, access, user, Template.class, in, (ctx, t) -> apply(in, t, true));
        return Records.created(uri, created.getId(), created.getVersion(), TemplateView.of(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(TemplateInput.class)
    @ApiAnswer(value = TemplateView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "template");
        Template updated = Records.update(persistence, access, user, Template.class, id, "template", in, ifMatch,
                (ctx, t) -> apply(in, t, false));
        return Records.ok(updated.getVersion(), TemplateView.of(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.WRITE);
        Records.delete(persistence, access, user, Template.class, id, "template", ifMatch, (ctx, t) -> {
        });
        return Response.noContent().build();
    }

    /** The template merged for a person within the user's reach (404 for anyone else), as that person would get it. */
    @GET
    @Path("{id}/preview")
    @ApiAnswer(Preview.class)
    public Preview preview(@PathParam("id") String id, @QueryParam("personId") String personId) {
        Templates.Rendered r = rendered(id, personId);
        return new Preview(personId, r.subject(), r.html(), r.text());
    }

    /**
     * The preview's HTML part as a document, for the template page's sandboxed frame: the shell's
     * Trusted Types refuse {@code srcdoc}, and a page of its own is what a mail reader shows anyway.
     * A template without an HTML part shows its text part.
     */
    @GET
    @Path("{id}/preview/document")
    @Produces(MediaType.TEXT_HTML)
    @ApiAnswer(value = String.class, type = MediaType.TEXT_HTML)
    public Response previewDocument(@PathParam("id") String id, @QueryParam("personId") String personId) {
        Templates.Rendered r = rendered(id, personId);
        String body = r.html() != null ? r.html()
                : "<pre style=\"white-space:pre-wrap\">" + HtmlPolicy.escape(r.text() == null ? "" : r.text()) + "</pre>";
        return SandboxedDocument.of(r.subject(), body);
    }

    private Templates.Rendered rendered(String id, String personId) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        if (personId == null || personId.isBlank()) {
            throw Problems.invalid("personId", "is required: the person to preview the template for");
        }
        Template template = persistence.read(ctx -> Records.find(ctx, access, user, Template.class, id, "template"));
        Recipient recipient = audience.recipient(personId).orElseThrow(() -> Problems.notFound("person", personId));
        return Templates.render(template, recipient);
    }

    /** Sets the fields the body names (all required ones when creating); the HTML is stored sanitised. */
    private static void apply(FieldReader in, Template t, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        String subject = in.text("subject", 200);
        if (subject == null && (creating || in.has("subject"))) {
            in.required("subject");
        } else if (subject != null && (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0)) {
            in.error("subject", "must be one line");
        }
        String text = in.verbatim("text", Templates.MAX_BODY);
        if ((text == null || text.isBlank()) && (creating || in.has("text"))) {
            in.required("text");
        }
        String html = in.verbatim("html", Templates.MAX_BODY);
        String clean = html == null || html.isBlank() ? null : HtmlPolicy.sanitizeTemplate(html);
        if (clean != null && clean.length() > Templates.MAX_BODY) {
            in.error("html", "is longer than " + Templates.MAX_BODY + " characters once sanitised");
        }
        in.requireValid();
        Templates.requireKnownFields(subject, html, text);
        if (name != null) {
            t.setName(name);
            t.setNameKey(name.toLowerCase(Locale.ROOT));
        }
        if (subject != null) {
            t.setSubject(subject);
        }
        if (text != null) {
            t.setTextBody(text);
        }
        if (in.has("html")) {
            t.setHtmlBody(clean);
        }
    }
}
