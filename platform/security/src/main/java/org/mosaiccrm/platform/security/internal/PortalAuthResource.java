package org.mosaiccrm.platform.security.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.NewCookie;
import javax.ws.rs.core.Response;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/portal/auth}: a customer accepts their portal invitation (choosing a password
 * under the staff password policy), signs in by mail address and password (throttled like staff
 * sign-in, on keys of their own), changes their password, replaces a forgotten one through a
 * mailed link ({@link PasswordResets}, as staff do) and signs out. The session cookie is the portal's own, sent to
 * {@code /api/v1/portal} only; the staff cookie and sessions are never touched here.
 */
@Component(service = PortalAuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("portal/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PortalAuthResource {

    public record Credentials(String email, String password) {
    }

    public record Acceptance(String token, String password) {
    }

    public record SignedIn(String token, String csrfToken, Instant expiresAt, String personId, String email) {
    }

    /** Whom an invitation link is for; {@code expiresAt} when it stops working. */
    public record Invitee(String email, Instant expiresAt) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public record Forgotten(String email) {
    }

    public record Asked(String detail) {
    }

    private static final String FAILED = "The mail address or the password is wrong.";
    static final java.time.Duration RESET_LIFETIME = java.time.Duration.ofMinutes(30);

    /** Verified against when no account has the address, so that both cases cost the same. */
    private final String dummyHash = new PasswordHasher().hash("dummy password for timing");

    @Reference
    private PortalStore portal;

    @Reference
    private AuditLogImpl audit;

    @Reference
    private org.mosaiccrm.platform.api.mail.Mailer mailer;

    /** Portal accounts, by mail address; the link opens the portal's reset page. */
    private final PasswordResets.Accounts customers = new PasswordResets.Accounts() {

        @Override
        public String kind() {
            return PortalStore.RESET;
        }

        @Override
        public java.time.Duration lifetime() {
            return RESET_LIFETIME;
        }

        @Override
        public String throttleKey(String email) {
            return LoginThrottle.portalKey("reset:" + (email.length() > 150 ? Tokens.hash(email) : email));
        }

        @Override
        public PasswordResets.Account find(org.apache.cayenne.ObjectContext ctx, String email) {
            return enabled(portal.byEmail(ctx, email));
        }

        @Override
        public PasswordResets.Account byId(org.apache.cayenne.ObjectContext ctx, String id) {
            return enabled(portal.byId(ctx, id));
        }

        private PasswordResets.Account enabled(DataRow row) {
            return row == null || !Sql.flag(row, "ENABLED") ? null
                    : new PasswordResets.Account(Sql.str(row, "ID"), Sql.str(row, "EMAIL"), Sql.str(row, "EMAIL"));
        }

        @Override
        public org.mosaiccrm.platform.api.mail.Mail mail(PasswordResets.Account account, java.net.URI link) {
            return org.mosaiccrm.platform.api.mail.Mail.text("security.portal-reset:" + org.mosaiccrm.platform.api.persistence.RecordIds.newId(),
                    account.email(), "Reset your customer portal password",
                    "Someone, hopefully you, asked to reset the password you sign in to our customer portal with as " + account.email()
                            + ".\n\nOpen this link within " + RESET_LIFETIME.toMinutes() + " minutes to choose a new password:\n" + link
                            + "\n\nIf it was not you, ignore this mail: your password stays as it is.\n");
        }

        @Override
        public String actor(String email) {
            return "portal:" + email;
        }

        @Override
        public String auditPrefix() {
            return "portal.reset";
        }

        @Override
        public String targetPrefix() {
            return "portal-account/";
        }

        @Override
        public String unavailable() {
            return "Ask us to reset your password: mail with links cannot be sent now.";
        }

        @Override
        public int setPassword(org.apache.cayenne.ObjectContext ctx, String accountId, String password) {
            return portal.setPassword(ctx, accountId, password, null);
        }
    };

    @POST
    @Path("login")
    @ApiBody(Credentials.class)
    @ApiAnswer(value = SignedIn.class, headers = "Set-Cookie")
    public Response login(java.util.Map<String, Object> body, @Context HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("email", "password"), "sign-in");
        String email = in.text("email", 254);
        if (email == null) {
            in.required("email");
        }
        String password = in.verbatim("password", 1024);
        if (password == null) {
            in.required("password");
        }
        in.requireValid();
        SecurityStore store = portal.security();
        String address = http == null ? "unknown" : http.getRemoteAddr();
        String target = "portal/" + email;
        LoginThrottle.Attempt attempt = LoginThrottle.beginFor(store.persistence(), LoginThrottle.portalKey(email), address,
                ctx -> audit.write(ctx, "portal:" + email, "portal.login.throttled", target, null, address));
        if (attempt.refused()) {
            throw Problems.tooManyRequests(attempt.retryAfter());
        }
        DataRow row = store.persistence().read(ctx -> portal.byEmail(ctx, email));
        boolean ok = store.hasher().verify(password, row == null ? dummyHash : Sql.str(row, "PASSWORD_HASH"))
                && row != null && Sql.flag(row, "ENABLED");
        if (!ok) {
            audit.write(store.persistence(), "portal:" + email, "portal.login.failed", target, address);
            throw Problems.of(401, "sign-in-failed", "Sign-in failed", FAILED, "portalBadCredentials");
        }
        String accountId = Sql.str(row, "ID");
        SecurityStore.IssuedToken issued = store.persistence().write(ctx -> {
            LoginThrottle.succeeded(ctx, attempt);
            audit.write(ctx, "portal:" + email, "portal.login", "person/" + Sql.str(row, "PERSON_ID"), null, address);
            return portal.issue(ctx, accountId);
        });
        boolean secure = http != null && http.isSecure();
        NewCookie cookie = new NewCookie(AuthenticationFilter.PORTAL_COOKIE, issued.token(), AuthenticationFilter.PORTAL_COOKIE_PATH, null,
                NewCookie.DEFAULT_VERSION, null, (int) store.sessionMax().toSeconds(), null, secure, true);
        return Response.ok(new SignedIn(issued.token(), issued.csrfToken(), issued.expiresAt().toInstant(ZoneOffset.UTC),
                        Sql.str(row, "PERSON_ID"), Sql.str(row, "EMAIL")))
                .header("Set-Cookie", cookie + "; SameSite=Strict").build();
    }

    @POST
    @Path("logout")
    @ApiAnswer(status = 204, headers = "Set-Cookie")
    public Response logout() {
        RequestSecurity.Current current = RequestSecurity.get();
        if (current == null || current.portal() == null) {
            throw Problems.unauthorized();
        }
        portal.security().persistence().write(ctx -> {
            portal.endSession(ctx, current.portal().tokenHash());
            audit.write(ctx, current.portal().actor(), "portal.logout", "person/" + current.portal().personId(), null, current.address());
            return null;
        });
        return Response.noContent().header("Set-Cookie", AuthenticationFilter.PORTAL_COOKIE + "=; Path="
                + AuthenticationFilter.PORTAL_COOKIE_PATH + "; Max-Age=0; HttpOnly; SameSite=Strict").build();
    }

    /** Whom the link of an invitation is for, so that its page can greet them; 400 saying why when it no longer works. */
    @POST
    @Path("lookup")
    @ApiBody(Acceptance.class)
    @ApiAnswer(Invitee.class)
    public Invitee lookup(java.util.Map<String, Object> body) {
        String token = InvitationsResource.token(FieldReader.of(body, Set.of("token"), "invitation link"));
        return portal.security().persistence().read(ctx -> {
            OneTimeTokens.Found link = OneTimeTokens.find(ctx, PortalStore.INVITATION, token);
            PortalLinks.requireUsable(link.state());
            java.time.LocalDateTime until = OneTimeTokens.openUntil(ctx, PortalStore.INVITATION, link.userId());
            return new Invitee(Sql.str(portal.byId(ctx, link.userId()), "EMAIL"), until == null ? null : until.toInstant(ZoneOffset.UTC));
        });
    }

    /**
     * Accepts a portal invitation: the password chosen (the staff password policy applies, and a
     * refused one leaves the link working), the account enabled, the link spent in the same
     * transaction (it works once). The customer signs in next.
     */
    @POST
    @Path("accept")
    @ApiBody(Acceptance.class)
    @ApiAnswer(Invitee.class)
    public Invitee accept(java.util.Map<String, Object> body, @Context HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("token", "password"), "invitation acceptance");
        String password = in.verbatim("password", 1024);
        if (password == null) {
            in.required("password");
        }
        String token = InvitationsResource.token(in);
        String address = http == null ? "unknown" : http.getRemoteAddr();
        SecurityStore store = portal.security();
        OneTimeTokens.Found refused = store.persistence().read(ctx -> OneTimeTokens.find(ctx, PortalStore.INVITATION, token));
        if (refused.state() != OneTimeTokens.State.VALID && refused.userId() != null) {
            audit.write(store.persistence(), null, "portal.invitation.refused", "portal-account/" + refused.userId(), address);
        }
        return store.change(ctx -> {
            OneTimeTokens.Found link = OneTimeTokens.find(ctx, PortalStore.INVITATION, token);
            PortalLinks.requireUsable(link.state());
            DataRow account = portal.byId(ctx, link.userId());
            String email = Sql.str(account, "EMAIL");
            store.policy().check(password, email).ifPresent(reason -> {
                throw Problems.invalid(List.of(reason.at("password")));
            });
            if (!OneTimeTokens.use(ctx, link.id())) {
                PortalLinks.requireUsable(OneTimeTokens.State.USED);
            }
            portal.activate(ctx, link.userId(), password);
            audit.write(ctx, "portal:" + email, "portal.invitation.accepted", "person/" + Sql.str(account, "PERSON_ID"), null, address);
            return new Invitee(email, null);
        });
    }

    /**
     * The signed-in customer changes their password ({@code {"currentPassword","newPassword"}}):
     * throttled like sign-in (a wrong current password counts as a failed one), the password
     * policy applies, and every other session of theirs ends.
     */
    @POST
    @Path("password")
    @ApiBody(PasswordChange.class)
    @ApiAnswer(status = 204)
    public Response changePassword(java.util.Map<String, Object> body) {
        RequestSecurity.Current current = RequestSecurity.get();
        if (current == null || current.portal() == null) {
            throw Problems.unauthorized();
        }
        PortalSession session = current.portal();
        FieldReader in = FieldReader.of(body, Set.of("currentPassword", "newPassword"), "password change");
        String currentPassword = in.verbatim("currentPassword", 1024);
        if (currentPassword == null) {
            in.required("currentPassword");
        }
        String newPassword = in.verbatim("newPassword", 1024);
        if (newPassword == null) {
            in.required("newPassword");
        }
        in.requireValid();
        SecurityStore store = portal.security();
        store.policy().check(newPassword, session.email()).ifPresent(reason -> {
            throw Problems.invalid(List.of(reason.at("newPassword")));
        });
        String actor = "portal:" + session.email();
        String target = "person/" + session.personId();
        LoginThrottle.Attempt attempt = LoginThrottle.beginFor(store.persistence(), LoginThrottle.portalKey(session.email()), current.address(),
                ctx -> audit.write(ctx, actor, "portal.password.throttled", target, null, current.address()));
        if (attempt.refused()) {
            throw Problems.tooManyRequests(attempt.retryAfter());
        }
        DataRow row = store.persistence().read(ctx -> portal.byId(ctx, session.accountId()));
        if (row == null || !store.hasher().verify(currentPassword, Sql.str(row, "PASSWORD_HASH"))) {
            audit.write(store.persistence(), actor, "portal.password.failed", target, current.address());
            throw Problems.invalid("currentPassword", "passwordWrong", "is wrong");
        }
        store.change(ctx -> {
            LoginThrottle.succeeded(ctx, attempt);
            int ended = portal.setPassword(ctx, session.accountId(), newPassword, session.tokenHash());
            audit.write(ctx, actor, "portal.password.changed", target, java.util.Map.of("sessionsEnded", ended), null);
            return null;
        });
        return Response.noContent().build();
    }

    /**
     * A forgotten password ({@code {"email"}}): a one-time link is mailed if an account signs in
     * with that address; the answer is the same 202 either way.
     */
    @POST
    @Path("forgot")
    @ApiBody(Forgotten.class)
    @ApiAnswer(value = Asked.class, status = 202)
    public Response forgot(java.util.Map<String, Object> body, @Context HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("email"), "password reset request");
        String email = in.text("email", 254);
        if (email == null) {
            in.required("email");
        }
        in.requireValid();
        new PasswordResets(portal.security(), audit, mailer, customers).ask(email, http == null ? "unknown" : http.getRemoteAddr(),
                "/portal#reset=");
        return Response.accepted(new Asked("If a portal account signs in with that address, a mail with a link is on its way.")).build();
    }

    /** A new password with the token of a forgotten-password link ({@code {"token","password"}}); every session of the account ends. */
    @POST
    @Path("reset")
    @ApiBody(Acceptance.class)
    @ApiAnswer(status = 204)
    public Response reset(java.util.Map<String, Object> body, @Context HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("token", "password"), "new password");
        String password = in.verbatim("password", 1024);
        if (password == null) {
            in.required("password");
        }
        String token = InvitationsResource.token(in);
        new PasswordResets(portal.security(), audit, mailer, customers).confirm(token, password, "password",
                http == null ? "unknown" : http.getRemoteAddr());
        return Response.noContent().build();
    }
}
