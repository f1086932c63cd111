package org.mosaiccrm.platform.security.internal;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldError;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/invitations}: an administrator invites someone by mail address, with the user
 * name, roles and team they will have. The account exists at once but cannot sign in (it is
 * not enabled) until its owner opens the link of the mail and chooses a password; the link is a
 * {@link OneTimeTokens} one (only the newest works, once, until it expires). An invitation can
 * be sent again (a new link; the old one ends) or revoked (the account goes). Inviting needs
 * outgoing mail and {@code MOSAIC_PUBLIC_URL}; without them, 503 saying what is missing.
 */
@Component(service = InvitationsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationsResource {

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    static final Duration MAX_LIFETIME = Duration.ofDays(30);
    private static final Set<String> FIELDS = Set.of("username", "email", "roles", "teamId", "validFor");
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    /** For the OpenAPI document; the body is read as a Map. {@code validFor}: an ISO-8601 duration, at most P30D (P7D when absent). */
    public record NewInvitation(String username, String email, List<String> roles, String teamId, String validFor) {
    }

    public record Token(String token) {
    }

    public record Acceptance(String token, String password) {
    }

    /** Who an invitation is for, as its page greets them; {@code expiresAt} when its link stops working. */
    public record Invitee(String username, String email, java.time.Instant expiresAt) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @Reference
    private Mailer mailer;

    /** The mail's texts, from the web shell's messages (in another feature: optional, as for the audit log's labels). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    /** Creates the invited account (not able to sign in yet) and mails its link; 201 with the user. */
    @POST
    @ApiBody(NewInvitation.class)
    @ApiAnswer(status = 201, value = UserRecord.class, headers = {ApiAnswer.LOCATION, ApiAnswer.ETAG})
    public Response invite(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal admin = access.requireAdmin();
        URI publicUrl = requireMail();
        FieldReader in = FieldReader.of(body, FIELDS, "invitation");
        String username = in.text("username", 100);
        if (username == null) {
            in.required("username");
        } else if (!UsersResource.USERNAME.matcher(username).matches()) {
            in.error("username", "must be 2 to 100 letters, digits or . _ @ -");
        }
        String email = in.text("email", 254);
        if (email == null) {
            in.required("email");
        } else if (!Mail.isAddress(email)) {
            in.error(FieldError.of("email", "notAnEmail", "is not a valid email address"));
        }
        String teamId = in.text("teamId", 36);
        if (teamId == null) {
            in.required("teamId");
        }
        List<String> roles = in.texts("roles");
        if (roles == null || roles.isEmpty()) {
            in.error("roles", "must name at least one role");
        }
        Duration lifetime = in.duration("validFor", DEFAULT_LIFETIME, MAX_LIFETIME);
        in.requireValid();
        UserRecord invited = store.change(ctx -> {
            if (store.team(ctx, teamId) == null) {
                throw Problems.invalid("teamId", "notATeam", "is not a team id");
            }
            List<String> roleIds = store.roleIds(ctx, roles);
            // A password nobody knows: the account is not enabled anyway until its owner chooses one.
            String id = store.insertUser(ctx, username, email, Tokens.newToken(), teamId, roleIds);
            Sql.exec(ctx, "UPDATE SEC_USER SET ENABLED = 0, INVITED_AT = ? WHERE ID = ?", Sql.ts(Sql.now()), id);
            send(ctx, publicUrl, id, username, email, admin.username(), lifetime);
            UserRecord user = store.user(ctx, id);
            audit.write(ctx, admin.username(), "admin.user.invited", "user/" + id,
                    Map.of("username", username, "email", email, "roles", user.roles(), "teamId", teamId), null);
            return user;
        });
        return Records.created(uri.getBaseUriBuilder().path("users").path(invited.id()).build(), invited.version(), invited);
    }

    /** Mails a new link to an invited user who has not accepted yet; the earlier link ends. */
    @POST
    @Path("{id}/resend")
    @ApiBody(NewInvitation.class)
    @ApiAnswer(UserRecord.class)
    public UserRecord resend(@PathParam("id") String id, Map<String, Object> body) {
        UserPrincipal admin = access.requireAdmin();
        URI publicUrl = requireMail();
        // The body is optional: {} or none sends a link that works for the usual time.
        Duration lifetime = DEFAULT_LIFETIME;
        if (body != null && !body.isEmpty()) {
            FieldReader in = FieldReader.of(body, Set.of("validFor"), "invitation");
            lifetime = in.duration("validFor", DEFAULT_LIFETIME, MAX_LIFETIME);
            in.requireValid();
        }
        Duration linkLifetime = lifetime;
        return store.change(ctx -> {
            UserRecord user = pending(ctx, id);
            if (user.email() == null) {
                throw Problems.invalid("email", "required", "is required: the user has no mail address to send the invitation to");
            }
            Sql.exec(ctx, "UPDATE SEC_USER SET INVITED_AT = ?, VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?", Sql.ts(Sql.now()),
                    Sql.ts(Sql.now()), id);
            send(ctx, publicUrl, id, user.username(), user.email(), admin.username(), linkLifetime);
            audit.write(ctx, admin.username(), "admin.user.invitation.resent", "user/" + id,
                    Map.of("username", user.username(), "email", user.email()), null);
            return store.user(ctx, id);
        });
    }

    /** Withdraws an invitation not accepted yet: its link stops working and the account goes. */
    @DELETE
    @Path("{id}")
    @ApiAnswer(status = 204)
    public Response revoke(@PathParam("id") String id) {
        UserPrincipal admin = access.requireAdmin();
        store.change(ctx -> {
            UserRecord user = pending(ctx, id);
            OneTimeTokens.revoke(ctx, OneTimeTokens.INVITATION, id);
            store.deleteUser(ctx, id);
            audit.write(ctx, admin.username(), "admin.user.invitation.revoked", "user/" + id,
                    Map.of("username", user.username(), "email", String.valueOf(user.email())), null);
            return null;
        });
        return Response.noContent().build();
    }

    /** Who the link of an invitation is for, so that its page can greet them; 400 saying why when it no longer works. */
    @POST
    @Path("lookup")
    @ApiAnswer(Invitee.class)
    public Invitee lookup(Map<String, Object> body) {
        String token = token(FieldReader.of(body, Set.of("token"), "invitation link"));
        return store.persistence().read(ctx -> {
            OneTimeTokens.Found link = OneTimeTokens.find(ctx, OneTimeTokens.INVITATION, token);
            requireUsable(link.state());
            UserRecord user = store.user(ctx, link.userId());
            return new Invitee(user.username(), user.email(), user.invitation() == null ? null : user.invitation().expiresAt());
        });
    }

    /**
     * Accepts an invitation: the password chosen (the password policy applies, and a refused one
     * leaves the link working), the account enabled, the link spent. The user signs in next.
     */
    @POST
    @Path("accept")
    @ApiBody(Acceptance.class)
    @ApiAnswer(Invitee.class)
    public Invitee accept(Map<String, Object> body, @Context HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("token", "password"), "invitation acceptance");
        String password = in.verbatim("password", 1024);
        if (password == null) {
            in.required("password");
        }
        String token = token(in);
        String address = http == null ? "unknown" : http.getRemoteAddr();
        // A refusal is audited in a transaction of its own: the acceptance's rolls back with the refusal.
        OneTimeTokens.Found refused = store.persistence().read(ctx -> OneTimeTokens.find(ctx, OneTimeTokens.INVITATION, token));
        if (refused.state() != OneTimeTokens.State.VALID && refused.userId() != null) {
            audit.write(store.persistence(), null, "auth.invitation.refused", "user/" + refused.userId(), address);
        }
        return store.change(ctx -> {
            OneTimeTokens.Found link = OneTimeTokens.find(ctx, OneTimeTokens.INVITATION, token);
            requireUsable(link.state());
            UserRecord user = store.user(ctx, link.userId());
            store.policy().check(password, user.username()).ifPresent(reason -> {
                throw Problems.invalid(List.of(reason.at("password")));
            });
            // Spent in the same transaction as the password is set: a second use finds it used.
            if (!OneTimeTokens.use(ctx, link.id())) {
                requireUsable(OneTimeTokens.State.USED);
            }
            store.setPassword(ctx, user.id(), password);
            Sql.exec(ctx, "UPDATE SEC_USER SET ENABLED = 1, INVITED_AT = NULL WHERE ID = ?", user.id());
            audit.write(ctx, user.username(), "auth.invitation.accepted", "user/" + user.id(), null, address);
            return new Invitee(user.username(), user.email(), null);
        });
    }

    /** The base of the links, when mail can go out; 503 naming what is missing otherwise. */
    private URI requireMail() {
        return mailer.requireLinks("invitations-unavailable", "Invitations", "users open Mosaic at", translations != null ? List.of()
                : List.of("the web shell, which holds the mail's texts, is not running"));
    }


    /** The link's token from a body, required; 400 naming the field otherwise (the portal's invitations read it alike). */
    static String token(FieldReader in) {
        String token = in.text("token", 100);
        if (token == null) {
            in.required("token");
        }
        in.requireValid();
        return token;
    }

    /** An invited user who has not accepted yet; 404 for no such user, 409 for one who accepted (or was never invited). */
    private UserRecord pending(ObjectContext ctx, String id) {
        UserRecord user = store.user(ctx, id);
        if (user == null) {
            throw Problems.notFound("user", id);
        }
        if (user.invitation() == null) {
            throw Problems.conflict("The user " + user.username() + " has no open invitation: they accepted it, or were never invited.");
        }
        return user;
    }

    /** 400 saying why a link does not work, each reason with a type of its own for the page to say in the reader's language. */
    private static void requireUsable(OneTimeTokens.State state) {
        switch (state) {
            case VALID -> {
            }
            case USED -> throw Problems.of(400, "invitation-used", "Invitation accepted already",
                    "This invitation was accepted already: sign in with the user name and the password chosen then.");
            case EXPIRED -> throw Problems.of(400, "invitation-expired", "Invitation expired",
                    "This invitation expired. Ask your administrator to send it again.");
            case REVOKED -> throw Problems.of(400, "invitation-revoked", "Invitation withdrawn",
                    "This invitation was withdrawn by an administrator.");
            case REPLACED -> throw Problems.of(400, "invitation-replaced", "Newer invitation sent",
                    "A newer invitation was sent to you since: open the link of the latest mail.");
            default -> throw Problems.of(400, "invitation-unknown", "Invalid invitation link",
                    "This is not the link of an invitation: copy the whole link from the mail.");
        }
    }

    /** Issues the link and queues its mail, in the company's language. */
    private void send(ObjectContext ctx, URI publicUrl, String userId, String username, String email, String inviter, Duration lifetime) {
        OneTimeTokens.Issued link = OneTimeTokens.issue(ctx, OneTimeTokens.INVITATION, userId, lifetime);
        Translations texts = translations;
        if (texts == null) {
            requireMail();
        }
        String language = texts.languageFor(null, null);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("inviter", inviter);
        params.put("username", username);
        params.put("expires", EXPIRY.format(link.expiresAt()));
        params.put("link", publicUrl + "/accept-invitation#token=" + link.token());
        mailer.queue(ctx, Mail.text("security.invitation:" + link.id(), email, texts.text(language, "mail.invitation.subject", params),
                texts.text(language, "mail.invitation.body", params)));
    }
}
