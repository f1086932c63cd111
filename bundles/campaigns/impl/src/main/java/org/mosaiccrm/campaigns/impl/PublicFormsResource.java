package org.mosaiccrm.campaigns.impl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ActivityType;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.ContactLinks;
import org.mosaiccrm.contacts.api.Direction;
import org.mosaiccrm.contacts.api.NewActivity;
import org.mosaiccrm.contacts.api.Timeline;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.ProblemException;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@code POST /api/v1/forms/{publicId}}: what a website's visitor sends through a web form, with
 * no sign-in (form-encoded from the snippet, or JSON from a site's own script). Refused: an
 * unknown or inactive form (404), a body over {@value #MAX_BODY} bytes (413), more than the
 * allowed submissions from one address (429), a filled honeypot, a field the form does not ask
 * for or a bad value (400, each field named). Accepted, as the form's owner and in one
 * transaction: the person found by email or created, the form's tags, the consent when the box
 * was ticked, and a "web form" activity holding everything sent — or a lead when the form makes
 * leads and the funnel is on. A browser's form post gets a page (or the form's redirect); a
 * script gets JSON.
 */
@Component(service = PublicFormsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("forms")
public class PublicFormsResource {

    static final int MAX_BODY = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORM_ENCODED = MediaType.APPLICATION_FORM_URLENCODED;

    /** The public address of a form, under the API's base. */
    static String path(String publicId) {
        return MosaicApi.BASE_PATH + "/forms/" + publicId;
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private ContactLinks links;

    @Reference
    private Audience audience;

    @Reference
    private Timeline timeline;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FormLeads leads;

    private final SubmissionThrottle throttle = new SubmissionThrottle(Integer.getInteger("mosaic.campaigns.formSubmissions", 20),
            java.time.Duration.ofMinutes(10));

    @Context
    private HttpServletRequest request;

    @POST
    @Path("{publicId}")
    @Consumes({FORM_ENCODED, MediaType.APPLICATION_JSON})
    @ApiAnswer(status = 201)
    public Response submit(@PathParam("publicId") String publicId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, InputStream body)
            throws IOException {
        boolean browser = type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM_ENCODED);
        long wait = throttle.admit(request == null ? "unknown" : request.getRemoteAddr());
        if (wait > 0) {
            return refusal(browser, Problems.tooManyRequests(wait), "Too many submissions from your address; try again later.");
        }
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return refusal(browser, Problems.payloadTooLarge(MAX_BODY), "The form is too long to send.");
        }
        WebForm form = publicId.matches("[A-Za-z0-9_-]{22}") ? persistence.read(ctx -> ObjectSelect.query(WebForm.class)
                .where(WebForm.PUBLIC_ID.eq(publicId)).selectOne(ctx)) : null;
        if (form == null || !Boolean.TRUE.equals(form.getActive())) {
            return refusal(browser, Problems.notFound("This form does not exist or no longer takes submissions."),
                    "This form does not exist or no longer takes submissions.");
        }
        Map<String, Object> values;
        try {
            values = browser ? formValues(bytes) : jsonValues(bytes);
        } catch (IllegalArgumentException e) {
            return refusal(browser, Problems.badRequest(e.getMessage()), e.getMessage());
        }
        List<FormFields.FormField> fields = FormFields.parse(form.getFieldsJson());
        Object honey = values.remove(FormSnippet.HONEYPOT);
        if (honey != null && !String.valueOf(honey).isBlank()) {
            return refusal(browser, Problems.badRequest("formRefused", "The form was not sent by a person."), "The form was not sent.");
        }
        Set<String> allowed = new LinkedHashSet<>();
        fields.forEach(f -> allowed.add(f.field()));
        if (form.getConsentText() != null) {
            allowed.add(FormSnippet.CONSENT);
        }
        FieldReader in = FieldReader.of(values, allowed, "form");
        Map<String, String> given = new LinkedHashMap<>();
        for (FormFields.FormField f : fields) {
            String value = in.text(f.field(), FormFields.MAX.get(f.field()));
            if (value == null && f.required()) {
                in.required(f.field());
            }
            if (value != null) {
                given.put(f.field(), value);
            }
        }
        if (given.get("email") != null && !FieldReader.EMAIL.matcher(given.get("email")).matches()) {
            in.error("email", "is not an email address");
        }
        boolean consent = form.getConsentText() != null && values.get(FormSnippet.CONSENT) != null
                && List.of("yes", "on", "true").contains(String.valueOf(values.get(FormSnippet.CONSENT)).toLowerCase(Locale.ROOT));
        if (!in.errors().isEmpty()) {
            return invalid(browser, in.errors(), fields);
        }
        try {
            accept(form, given, consent);
        } catch (ProblemException e) {
            return refusal(browser, e, e.getMessage());
        }
        if (!browser) {
            return Response.status(201).type(MediaType.APPLICATION_JSON).entity(Map.of("status", "received")).build();
        }
        if (form.getRedirectUrl() != null) {
            return Response.seeOther(URI.create(form.getRedirectUrl())).build();
        }
        return PublicPages.page(201, "Thank you", "<h1>Thank you</h1><p>We received your message.</p>");
    }

    /** The submission as the form's owner, in one transaction: nothing half-stored on failure. */
    private void accept(WebForm form, Map<String, String> given, boolean consent) {
        UserPrincipal owner = access.findUser(form.getOwnerId()).orElseThrow(() -> Problems.notFound(
                "This form does not exist or no longer takes submissions."));
        String source = "web form: " + form.getName();
        FormLeads funnel = leads;
        access.runAs(owner, () -> persistence.write(ctx -> {
            if ("lead".equals(form.getTarget()) && funnel != null && funnel.capture(given.get("firstName"), given.get("lastName"),
                    given.get("company"), given.get("email"), given.get("phone"), source, given.get("message")) != null) {
                return null;
            }
            // A person otherwise: a lead form while the funnel is off loses nothing.
            ContactLinks.Linked linked = links.link(new ContactLinks.Request(given.get("firstName"), given.get("lastName"), given.get("email"),
                    given.get("phone"), given.get("company"), null, form.getOwnerId(), form.getTeamId()));
            List<String> tags = FormFields.tags(form.getTagsJson());
            if (!tags.isEmpty()) {
                audience.addTags(linked.personId(), tags);
            }
            Instant now = Sql.instant();
            if (consent) {
                audience.grantEmailConsent(linked.personId(), now, source);
            }
            timeline.append(new NewActivity(ActivityType.WEB, Direction.INBOUND, "Web form: " + form.getName(), summary(given, consent,
                    form.getConsentText()), now, linked.personId(), null, List.of(), CampaignsModule.ID));
            return null;
        }));
    }

    /** Everything the visitor sent, as the activity's text: nothing they typed is lost, also what no field of the person holds. */
    private static String summary(Map<String, String> given, boolean consent, String consentText) {
        StringBuilder out = new StringBuilder();
        given.forEach((field, value) -> out.append(field).append(": ").append(value).append('\n'));
        if (consentText != null) {
            out.append("consent: ").append(consent ? "given — " + consentText : "not given").append('\n');
        }
        return out.toString().strip();
    }

    private static Map<String, Object> formValues(byte[] bytes) {
        Map<String, Object> values = new LinkedHashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("The field '" + name + "' was sent twice.");
            }
        }
        return values;
    }

    private static Map<String, Object> jsonValues(byte[] bytes) {
        try {
            Map<String, Object> values = JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() { });
            if (values == null) {
                throw new IllegalArgumentException("The body must be a JSON object of the form's fields.");
            }
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body must be a JSON object of the form's fields.");
        } catch (IOException e) {
            throw new IllegalArgumentException("The body could not be read.");
        }
    }

    private static Response invalid(boolean browser, List<FieldError> errors, List<FormFields.FormField> fields) {
        if (!browser) {
            return Problems.invalid(errors).toResponse();
        }
        StringBuilder list = new StringBuilder("<ul>");
        for (FieldError e : errors) {
            String label = fields.stream().filter(f -> f.field().equals(e.field())).map(FormFields.FormField::label).findFirst()
                    .orElse(e.field());
            list.append("<li>").append(HtmlPolicy.escape(label)).append(": ").append(HtmlPolicy.escape(e.message())).append("</li>");
        }
        return PublicPages.page(400, "The form was not sent", "<h1>The form was not sent</h1>" + list + "</ul><p>Go back, correct these and send"
                + " it again; what you typed is still in the form.</p>");
    }

    /** The problem as JSON for a script; for a browser, a page saying it, with the same status (and Retry-After). */
    private static Response refusal(boolean browser, ProblemException problem, String text) {
        Response answer = problem.toResponse();
        if (!browser) {
            return answer;
        }
        Response page = PublicPages.page(answer.getStatus(), "The form was not sent", "<h1>The form was not sent</h1><p>"
                + HtmlPolicy.escape(text) + "</p>");
        String retry = answer.getHeaderString("Retry-After");
        return retry == null ? page : Response.fromResponse(page).header("Retry-After", retry).build();
    }
}
