package org.mosaiccrm.campaigns.impl;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
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
 * {@code /api/v1/campaigns/forms}: web forms, built by administrators of campaigns
 * {@code {"name","active","fields":[{"field","label","required"}],"consentText","tags","target","redirectUrl"}};
 * {@code GET …/{id}/snippet} is the HTML to embed on a website. Submissions go to the public
 * {@code POST /api/v1/forms/{publicId}} ({@link PublicFormsResource}).
 */
@Component(service = FormsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns/forms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FormsResource {

    static final Set<String> CREATABLE = Set.of("name", "active", "fields", "consentText", "tags", "target", "redirectUrl", "ownerId",
            "teamId");
    static final Set<String> PATCHABLE = Set.of("name", "active", "fields", "consentText", "tags", "target", "redirectUrl", "ownerId",
            "teamId", "version");
    /** A person in contacts, or a lead in the funnel (a person when the funnel is off). */
    static final Set<String> TARGETS = Set.of("person", "lead");
    static final Sorts SORTS = Sorts.of("name", SortKey.of("name", WebForm.NAME_KEY), SortKey.of("updatedAt", MosaicRecord.UPDATED_AT));
    private static final SecureRandom RANDOM = new SecureRandom();

    public record FormView(String id, long version, String name, String publicId, String submitPath, boolean active,
            List<FormFields.FormField> fields, String consentText, List<String> tags, String target, String redirectUrl, String ownerId,
            String teamId, Instant createdAt, Instant updatedAt) {

        static FormView of(WebForm f) {
            return new FormView(f.getId(), f.getVersion(), f.getName(), f.getPublicId(), PublicFormsResource.path(f.getPublicId()),
                    Boolean.TRUE.equals(f.getActive()), FormFields.parse(f.getFieldsJson()), f.getConsentText(),
                    FormFields.tags(f.getTagsJson()), f.getTarget(), f.getRedirectUrl(), f.getOwnerId(), f.getTeamId(),
                    Sql.instant(f.getCreatedAt()), Sql.instant(f.getUpdatedAt()));
        }
    }

    /** Where the form posts, and the HTML to paste into a website. */
    public record Snippet(String action, String html) {
    }

    public record FormInput(String name, Boolean active, List<FormFields.FormField> fields, String consentText, List<String> tags,
            String target, String redirectUrl, String ownerId, String teamId, Long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public ListPage<FormView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor, @QueryParam("sort") String sort) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        return persistence.read(ctx -> RecordLists.page(persistence, ctx, WebForm.class, access.visibleRecordParts(user), null,
                SORTS.parse(sort), PageRequest.parse(limit, cursor), FormView::of));
    }

    @GET
    @Path("{id}")
    @ApiAnswer(value = FormView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        FormView view = persistence.read(ctx -> FormView.of(Records.find(ctx, access, user, WebForm.class, id, "form")));
        return Records.ok(view.version(), view);
    }

    @POST
    @ApiBody(FormInput.class)
    @ApiAnswer(status = 201, value = FormView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(CampaignsModule.ADMIN);
        FieldReader in = FieldReader.of(body, CREATABLE, "form");
        WebForm created = Records.create(persistence, access, user, WebForm.class, in, (ctx, f) -> {
            f.setPublicId(newPublicId());
            apply(in, f, true);
        });
        return Records.created(uri, created.getId(), created.getVersion(), FormView.of(created));
    }

    @PATCH
    @Path("{id}")
    @ApiBody(FormInput.class)
    @ApiAnswer(value = FormView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("id") String id, Map<String, Object> changes, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.ADMIN);
        FieldReader in = FieldReader.of(changes, PATCHABLE, "form");
        WebForm updated = Records.update(persistence, access, user, WebForm.class, id, "form", in, ifMatch, (ctx, f) -> apply(in, f, false));
        return Records.ok(updated.getVersion(), FormView.of(updated));
    }

    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.ADMIN);
        Records.delete(persistence, access, user, WebForm.class, id, "form", ifMatch, (ctx, f) -> { });
        return Response.noContent().build();
    }

    /**
     * The HTML to paste into a website: a plain form posting to the public address (absolute
     * with the campaigns' public base URL when set), its labels escaped, and a hidden honeypot
     * field that people leave empty and form-filling robots do not.
     */
    @GET
    @Path("{id}/snippet")
    @ApiAnswer(Snippet.class)
    public Snippet snippet(@PathParam("id") String id) {
        UserPrincipal user = access.requirePermission(CampaignsModule.READ);
        return persistence.read(ctx -> {
            WebForm f = Records.find(ctx, access, user, WebForm.class, id, "form");
            MailSettings settings = MailSettingsResource.current(ctx);
            String base = settings == null || settings.getPublicBaseUrl() == null ? "" : settings.getPublicBaseUrl().replaceAll("/+$", "");
            String action = base + PublicFormsResource.path(f.getPublicId());
            return new Snippet(action, FormSnippet.html(f, action));
        });
    }

    private static void apply(FieldReader in, WebForm f, boolean creating) {
        String name = in.text("name", 200);
        if (name == null && (creating || in.has("name"))) {
            in.required("name");
        }
        List<FormFields.FormField> fields = creating || in.has("fields") ? FormFields.read(in) : null;
        String consent = in.text("consentText", 2000);
        List<String> tags = in.tags("tags");
        String target = in.choice("target", TARGETS);
        String redirect = in.text("redirectUrl", 2000);
        if (redirect != null && !redirect.matches("(?i)https?://[^\\s\"<>]+")) {
            in.error("redirectUrl", "must be an http(s) address: where the visitor goes after sending the form");
        }
        Boolean active = in.flag("active");
        in.requireValid();
        if (name != null) {
            f.setName(name);
            f.setNameKey(name.toLowerCase(Locale.ROOT));
        }
        if (fields != null) {
            f.setFieldsJson(FormFields.write(fields));
        }
        if (creating || in.has("consentText")) {
            f.setConsentText(consent);
        }
        if (creating || in.has("tags")) {
            f.setTagsJson(FormFields.tagsJson(tags));
        }
        if (creating || in.has("target")) {
            f.setTarget(target == null ? "person" : target);
        }
        if (creating || in.has("redirectUrl")) {
            f.setRedirectUrl(redirect);
        }
        if (creating || in.has("active")) {
            f.setActive(active == null || active);
        }
    }

    private static String newPublicId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
