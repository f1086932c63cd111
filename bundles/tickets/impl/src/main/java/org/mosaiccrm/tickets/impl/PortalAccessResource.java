package org.mosaiccrm.tickets.impl;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.mosaiccrm.contacts.api.PersonProfiles;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.PortalAccounts;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/portal/access}: staff with {@code tickets.portal} give a person they can reach
 * access to the customer portal — an invitation mailed to the person's primary address, whose
 * link (one-time, expiring) lets them choose a password — make them their organization's
 * manager (they then see its tickets), or end it (their sessions end at once). The account and
 * sign-in are the platform's ({@link PortalAccounts}); this keeps the desk's side.
 */
@Component(service = PortalAccessResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("portal/access")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalAccessResource {

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    static final Duration MAX_LIFETIME = Duration.ofDays(30);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    /** A person's portal access: {@code enabled} once they chose a password; {@code invitationExpiresAt} of an open invitation. */
    /** For the OpenAPI document; the body is read as a Map. {@code validFor}: an ISO-8601 duration, at most P30D (P7D when absent). */
    public record NewAccess(String personId, Boolean organizationManager, String validFor) {
    }

    /** For the OpenAPI document. */
    public record AccessChange(Boolean organizationManager, Long version) {
    }

    public record AccessView(String personId, String email, boolean organizationManager, boolean enabled, Instant invitationExpiresAt,
            long version) {
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private PortalAccounts accounts;

    @Reference
    private PersonProfiles profiles;

    @Reference
    private Mailer mailer;

    /** The mail's texts are the module's UI messages, held by the web shell. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    /**
     * Grants access, or sends the invitation again (a new link; the earlier one ends):
     * {@code {"personId","organizationManager":false,"validFor":"P7D"}}. 201 when the person had
     * no access yet, 200 when invited again.
     */
    @POST
    @ApiBody(NewAccess.class)
    @ApiAnswer(status = 201, value = AccessView.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response grant(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.PORTAL);
        FieldReader in = FieldReader.of(body, Set.of("personId", "organizationManager", "validFor"), "portal access");
        String personId = in.text("personId", 36);
        if (personId == null) {
            in.required("personId");
        }
        Boolean manager = in.has("organizationManager") ? in.flag("organizationManager") : Boolean.FALSE;
        Duration lifetime = in.duration("validFor", DEFAULT_LIFETIME, MAX_LIFETIME);
        in.requireValid();
        PersonProfiles.Profile person = reachable(personId, "personId");
        if (person.email() == null) {
            throw Problems.invalid("personId", "tickets.portalNeedsEmail", "names a person without a mail address to invite");
        }
        if (Boolean.TRUE.equals(manager) && person.organizationId() == null) {
            throw Problems.invalid("organizationManager", "tickets.portalNeedsOrganization", "needs a person who belongs to an organization");
        }
        URI publicUrl = requireMail();
        Translations texts = translations;
        boolean existed = accounts.account(personId).isPresent();
        accounts.invite(personId, person.email(), lifetime, (ctx, invitation) -> {
            PortalAccessRows.upsert(ctx, personId, Boolean.TRUE.equals(manager), user.id(), user.teamId());
            String language = texts.languageFor(null, null);
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("name", name(person));
            params.put("expires", EXPIRY.format(invitation.expiresAt().atOffset(ZoneOffset.UTC)));
            params.put("link", publicUrl + "/portal#accept=" + invitation.token());
            mailer.queue(ctx, Mail.text("tickets.portal.invitation:" + RecordIds.newId(), person.email(),
                    texts.text(language, "tickets.portal.mail.subject", params), texts.text(language, "tickets.portal.mail.body", params)));
        });
        AccessView view = view(personId);
        return existed ? Records.ok(view.version(), view)
                : Records.created(uri.getAbsolutePathBuilder().path(personId).build(), view.version(), view);
    }

    @GET
    @Path("{personId}")
    @ApiAnswer(value = AccessView.class, headers = ApiAnswer.ETAG)
    public Response get(@PathParam("personId") String personId) {
        access.requirePermission(TicketsModule.READ);
        reachable(personId, null);
        AccessView view = view(personId);
        return Records.ok(view.version(), view);
    }

    /** Makes the person their organization's manager or not: {@code {"organizationManager","version"}}. */
    @PATCH
    @Path("{personId}")
    @ApiBody(AccessChange.class)
    @ApiAnswer(value = AccessView.class, headers = ApiAnswer.ETAG)
    public Response update(@PathParam("personId") String personId, Map<String, Object> body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(TicketsModule.PORTAL);
        FieldReader in = FieldReader.of(body, Set.of("organizationManager", "version"), "portal access");
        Long expected = in.expectedVersion(ifMatch);
        Boolean manager = in.flag("organizationManager");
        if (manager == null) {
            in.required("organizationManager");
        }
        if (expected == null) {
            in.required("version");
        }
        in.requireValid();
        PersonProfiles.Profile person = reachable(personId, null);
        if (manager && person.organizationId() == null) {
            throw Problems.invalid("organizationManager", "tickets.portalNeedsOrganization", "needs a person who belongs to an organization");
        }
        persistence.write(ctx -> {
            PortalAccessRows.Row row = PortalAccessRows.find(ctx, personId);
            if (row == null) {
                throw Problems.notFound("portal access", personId);
            }
            if (!PortalAccessRows.setManager(ctx, personId, manager, expected)) {
                throw Problems.staleVersion(row.version());
            }
            return null;
        });
        AccessView view = view(personId);
        return Records.ok(view.version(), view);
    }

    /** Ends the person's portal access: the account, its open invitation and every session go at once. */
    @DELETE
    @Path("{personId}")
    @ApiAnswer(status = 204)
    public Response revoke(@PathParam("personId") String personId) {
        access.requirePermission(TicketsModule.PORTAL);
        reachable(personId, null);
        if (!accounts.revoke(personId, ctx -> PortalAccessRows.delete(ctx, personId))) {
            throw Problems.notFound("portal access", personId);
        }
        return Response.noContent().build();
    }

    private AccessView view(String personId) {
        PortalAccounts.Account account = accounts.account(personId).orElseThrow(() -> Problems.notFound("portal access", personId));
        PortalAccessRows.Row row = persistence.read(ctx -> PortalAccessRows.find(ctx, personId));
        if (row == null) {
            throw Problems.notFound("portal access", personId);
        }
        return new AccessView(personId, account.email(), row.organizationManager(), account.enabled(), account.invitationExpiresAt(),
                row.version());
    }

    /** The person, when the user may reach them: 400 naming the field, or 404 for a path's person. */
    private PersonProfiles.Profile reachable(String personId, String field) {
        return profiles.reachable(personId).orElseThrow(() -> field == null ? Problems.notFound("person", personId)
                : Problems.invalid(field, "unreachable", "names no person you can reach"));
    }

    static String name(PersonProfiles.Profile p) {
        String name = ((p.firstName() == null ? "" : p.firstName()) + " " + (p.lastName() == null ? "" : p.lastName())).strip();
        return name.isEmpty() ? p.email() : name;
    }

    /** The base of the links, when mail can go out; 503 naming what is missing otherwise. */
    private URI requireMail() {
        return mailer.requireLinks("portal-invitations-unavailable", "Portal invitations", "customers open the portal at", translations != null ? List.of()
                : List.of("the web shell, which holds the mail's texts, is not running"));
    }
}
