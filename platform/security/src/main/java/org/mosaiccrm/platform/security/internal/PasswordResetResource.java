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
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
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

    public record Asked(String detail) {
    }

    @Reference
    private SecurityStore store;

    @Reference
    private AuditLogImpl audit;

    @Reference
    private Mailer mailer;

    /** Staff users, by user name or mail address; the link opens the staff reset page. */
    private final PasswordResets.Accounts users = new PasswordResets.Accounts() {

        @Override
        public String kind() {
            return OneTimeTokens.RESET;
        }

        @Override
        public Duration lifetime() {
            return LIFETIME;
        }

        @Override
        public String throttleKey(String login) {
            return LoginThrottle.accountKey("reset:" + (login.length() > 150 ? Tokens.hash(login) : login));
        }

        @Override
        public PasswordResets.Account find(ObjectContext ctx, String login) {
            return account(Sql.row(ctx, "SELECT ID, USERNAME, EMAIL FROM SEC_USER WHERE ENABLED = 1 AND EMAIL IS NOT NULL"
                    + " AND (USERNAME_KEY = ? OR EMAIL_KEY = ?)", SecurityStore.key(login), SecurityStore.key(login)));
        }

        @Override
        public PasswordResets.Account byId(ObjectContext ctx, String id) {
            return account(Sql.row(ctx, "SELECT ID, USERNAME, EMAIL FROM SEC_USER WHERE ENABLED = 1 AND ID = ?", id));
        }

        private PasswordResets.Account account(DataRow row) {
            return row == null ? null : new PasswordResets.Account(Sql.str(row, "ID"), Sql.str(row, "USERNAME"), Sql.str(row, "EMAIL"));
        }

        @Override
        public Mail mail(PasswordResets.Account user, URI link) {
            return Mail.text("security.password-reset:" + RecordIds.newId(), user.email(), "Reset your Mosaic password",
                    "Someone, hopefully you, asked to reset the password of the Mosaic account " + user.name() + ".\n\n"
                            + "Open this link within " + LIFETIME.toMinutes() + " minutes to choose a new password:\n" + link + "\n\n"
                            + "If it was not you, ignore this mail: your password stays as it is.\n");
        }

        @Override
        public String actor(String name) {
            return name;
        }

        @Override
        public String auditPrefix() {
            return "auth.reset";
        }

        @Override
        public String targetPrefix() {
            return "user/";
        }

        @Override
        public String unavailable() {
            return "Ask an administrator to reset your password (and to set up outgoing mail and MOSAIC_PUBLIC_URL).";
        }

        @Override
        public int setPassword(ObjectContext ctx, String userId, String password) {
            store.setPassword(ctx, userId, password);
            return store.revokeAll(ctx, userId, null);
        }
    };

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
        new PasswordResets(store, audit, mailer, users).ask(login, http == null ? "unknown" : http.getRemoteAddr(), "/reset-password#token=");
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
        new PasswordResets(store, audit, mailer, users).confirm(token, password, "password", http == null ? "unknown" : http.getRemoteAddr());
        return Response.noContent().build();
    }
}
