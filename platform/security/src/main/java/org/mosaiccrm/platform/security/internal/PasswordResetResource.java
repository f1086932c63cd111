package org.mosaiccrm.platform.security.internal;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
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
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/auth/password-reset}: a forgotten password replaced through a one-time link
 * sent to the user's mail address. Asking answers the same whether or not an account matches
 * (nobody learns who has an account) and is throttled like sign-in; the link holds 256 random
 * bits of which only the hash is stored, works once, within {@link #LIFETIME}, and only for the
 * latest link asked for; using it ends every session of the user. The link points to
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
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResetResource.class);
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

    private URI publicUrl;

    @Activate
    void activate() {
        publicUrl = publicUrl(System.getenv("MOSAIC_PUBLIC_URL"));
    }

    /** {@code MOSAIC_PUBLIC_URL}: where users open Mosaic (https://crm.example.com); null when unset or not an http(s) address. */
    static URI publicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip().replaceAll("/+$", ""));
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            LOG.error("MOSAIC_PUBLIC_URL must be an http or https address without query or fragment, not '{}'; password reset by"
                    + " mail stays off", value);
            return null;
        }
    }

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
            String id = RecordIds.newId();
            String token = Tokens.newToken();
            LocalDateTime now = Sql.now();
            // Only the newest link works: the ones before it end here.
            Sql.exec(ctx, "UPDATE SEC_PASSWORD_RESET SET USED_AT = ? WHERE USER_ID = ? AND USED_AT IS NULL", Sql.ts(now), userId);
            Sql.exec(ctx, "INSERT INTO SEC_PASSWORD_RESET (ID, TOKEN_HASH, USER_ID, CREATED_AT, EXPIRES_AT) VALUES (?, ?, ?, ?, ?)", id,
                    Tokens.hash(token), userId, Sql.ts(now), Sql.ts(now.plus(LIFETIME)));
            String link = publicUrl + "/reset-password#token=" + token;
            mailer.queue(ctx, Mail.text("security.password-reset:" + id, Sql.str(user, "EMAIL"), "Reset your Mosaic password",
                    "Someone, hopefully you, asked to reset the password of the Mosaic account " + Sql.str(user, "USERNAME") + ".\n\n"
                            + "Open this link within " + LIFETIME.toMinutes() + " minutes to choose a new password:\n" + link + "\n\n"
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
            DataRow reset = Sql.row(ctx, "SELECT r.ID, r.USER_ID, r.EXPIRES_AT, r.USED_AT, u.USERNAME, u.ENABLED FROM SEC_PASSWORD_RESET r"
                    + " JOIN SEC_USER u ON u.ID = r.USER_ID WHERE r.TOKEN_HASH = ?", Tokens.hash(token));
            LocalDateTime now = Sql.now();
            if (reset == null || reset.get("USED_AT") != null || !Sql.flag(reset, "ENABLED")
                    || Sql.time(reset.get("EXPIRES_AT")).isBefore(now)) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            String username = Sql.str(reset, "USERNAME");
            store.policy().check(password, username).ifPresent(reason -> {
                throw Problems.invalid(java.util.List.of(reason.at("password")));
            });
            // Marked used in the same transaction as the new password: a second use finds it used.
            if (Sql.exec(ctx, "UPDATE SEC_PASSWORD_RESET SET USED_AT = ? WHERE ID = ? AND USED_AT IS NULL", Sql.ts(now),
                    Sql.str(reset, "ID")) != 1) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            String userId = Sql.str(reset, "USER_ID");
            store.setPassword(ctx, userId, password);
            int ended = store.revokeAll(ctx, userId, null);
            audit.write(ctx, username, "auth.reset.used", "user/" + userId, Map.of("sessionsEnded", ended), address);
            return null;
        });
        return Response.noContent().build();
    }
}
