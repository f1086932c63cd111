package org.mosaiccrm.platform.security.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/auth/password-reset}: a forgotten password replaced through a one-time link
 * sent to the user's mail address. Asking answers the same whether or not an account matches
 * (nobody learns who has an account) and is throttled like sign-in; the link is a
 * {@link OneTimeTokens} one: it works once, within {@link #LIFETIME}, and only for the latest
 * link asked for; using it ends every session of the user. The link points to
 * {@code MOSAIC_PUBLIC_URL}, never to the Host a request names (which an attacker chooses).
 */
@Component(service = PasswordResetResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("auth/password-reset")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final String INVALID = "This link is no longer valid: it was used already, a newer one was sent, or it expired."
            + " Ask for a new one.";

    public record Asked(String detail) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AuditLogImpl audit;

    @Reference
    private Mailer mailer;

    /**
     * Sends a reset link to the account named by {@code login} (its user name or mail address),
     * if there is one with an address; 202 either way.
     */
    @POST
    @ApiAnswer(value = Asked.class, status = 202)
    public Response ask(Map<String, Object> body, @javax.ws.rs.core.Context javax.servlet.http.HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("login"), "password reset request");
        String login = in.text("login", 254);
        if (login == null) {
            in.required("login");
        }
        in.requireValid();
        URI publicUrl = mailer.publicUrl();
        if (publicUrl == null || !mailer.configured()) {
            throw Problems.of(503, "password-reset-unavailable", "Password reset by mail is not set up",
                    "Ask an administrator to reset your password (and to set up outgoing mail and MOSAIC_PUBLIC_URL).");
        }
        String address = http == null ? "unknown" : http.getRemoteAddr();
        // Each request counts like a failed sign-in for that name from that address: a flood is refused.
        LoginThrottle.Attempt attempt = LoginThrottle.begin(store.persistence(), "reset:" + (login.length() > 150 ? Tokens.hash(login) : login),
                address,
                ctx -> audit.write(ctx, login, "auth.reset.throttled", "user/" + login, null, address));
        if (attempt.refused()) {
            throw Problems.tooManyRequests(attempt.retryAfter());
        }
        store.persistence().write(ctx -> {
            DataRow user = Sql.row(ctx, "SELECT ID, USERNAME, EMAIL FROM SEC_USER WHERE ENABLED = 1 AND EMAIL IS NOT NULL"
                    + " AND (USERNAME_KEY = ? OR EMAIL_KEY = ?)", SecurityStore.key(login), SecurityStore.key(login));
            if (user == null) {
                audit.write(ctx, login, "auth.reset.unknown", "user/" + login, null, address);
                return null;
            }
            String userId = Sql.str(user, "ID");
            OneTimeTokens.Issued link = OneTimeTokens.issue(ctx, OneTimeTokens.RESET, userId, LIFETIME);
            mailer.queue(ctx, Mail.text("security.password-reset:" + link.id(), Sql.str(user, "EMAIL"), "Reset your Mosaic password",
                    "Someone, hopefully you, asked to reset the password of the Mosaic account " + Sql.str(user, "USERNAME") + ".\n\n"
                            + "Open this link within " + LIFETIME.toMinutes() + " minutes to choose a new password:\n" + publicUrl
                            + "/reset-password#token=" + link.token() + "\n\n"
                            + "If it was not you, ignore this mail: your password stays as it is.\n"));
            audit.write(ctx, Sql.str(user, "USERNAME"), "auth.reset.sent", "user/" + userId, null, address);
            return null;
        });
        return Response.accepted(new Asked("If an account with that name or address exists, a mail with a link is on its way.")).build();
    }

    /** Sets a new password with the token of a reset link; ends every session of the user. */
    @POST
    @Path("confirm")
    @ApiAnswer(status = 204)
    public Response confirm(Map<String, Object> body, @javax.ws.rs.core.Context javax.servlet.http.HttpServletRequest http) {
        FieldReader in = FieldReader.of(body, Set.of("token", "password"), "new password");
        String token = in.text("token", 100);
        if (token == null) {
            in.required("token");
        }
        String password = in.verbatim("password", 1024);
        if (password == null) {
            in.required("password");
        }
        in.requireValid();
        String address = http == null ? "unknown" : http.getRemoteAddr();
        store.change(ctx -> {
            OneTimeTokens.Found reset = OneTimeTokens.find(ctx, OneTimeTokens.RESET, token);
            DataRow user = reset.state() != OneTimeTokens.State.VALID ? null
                    : Sql.row(ctx, "SELECT USERNAME, ENABLED FROM SEC_USER WHERE ID = ?", reset.userId());
            // Why a link does not work is not said here: the answer is the same for every reason.
            if (user == null || !Sql.flag(user, "ENABLED")) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            String username = Sql.str(user, "USERNAME");
            store.policy().check(password, username).ifPresent(reason -> {
                throw Problems.invalid(java.util.List.of(reason.at("password")));
            });
            // Marked used in the same transaction as the new password: a second use finds it used.
            if (!OneTimeTokens.use(ctx, reset.id())) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            String userId = reset.userId();
            store.setPassword(ctx, userId, password);
            int ended = store.revokeAll(ctx, userId, null);
            audit.write(ctx, username, "auth.reset.used", "user/" + userId, Map.of("sessionsEnded", ended), address);
            return null;
        });
        return Response.noContent().build();
    }
}
