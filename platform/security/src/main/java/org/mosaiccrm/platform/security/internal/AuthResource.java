package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.NewCookie;
import javax.ws.rs.core.Response;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Sign-in and sign-out, the signed-in user, password change, and API tokens.
 * A failed sign-in answers the same whether or not the user exists, after the same work.
 */
@Component(service = AuthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Credentials(String username, String password) {
    }

    /**
     * The signed-in user. {@code csrfToken} is set for browser sessions, so that a page
     * reloaded with the session cookie can go on sending it; it is null for API tokens.
     */
    public record Me(String id, String username, String teamId, List<String> roles, List<String> permissions, String csrfToken) {

        static Me of(UserPrincipal u, String csrfToken) {
            return new Me(u.id(), u.username(), u.teamId(), u.roles().stream().sorted().toList(),
                    u.permissions().stream().sorted().toList(), csrfToken);
        }
    }

    public record SignedIn(String token, String csrfToken, java.time.Instant expiresAt, Me user) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public record TokenRequest(String name) {
    }

    public record IssuedApiToken(String id, String name, String token, java.time.Instant expiresAt) {
    }

    private static final String FAILED = "The user name or the password is wrong.";

    /** Verified against when the user does not exist, so that both cases cost the same. */
    private final String dummyHash = new PasswordHasher().hash("dummy password for timing");

    @Reference
    private SecurityStore store;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @POST
    @Path("login")
    @ApiAnswer(value = SignedIn.class, headers = "Set-Cookie")
    public Response login(Credentials credentials, @Context HttpServletRequest http) {
        if (credentials == null || credentials.username() == null || credentials.username().isBlank()
                || credentials.password() == null) {
            throw Problems.invalid(credentials == null || credentials.username() == null || credentials.username().isBlank()
                    ? "username" : "password", "required", "is required");
        }
        String username = credentials.username().strip();
        String address = http == null ? "unknown" : http.getRemoteAddr();
        LoginThrottle.Attempt attempt = admit(username, address, "auth.login.throttled", "user/" + username);
        DataRow row = store.persistence().read(ctx -> store.credentials(ctx, username));
        boolean ok = store.hasher().verify(credentials.password(), row == null ? dummyHash : Sql.str(row, "PASSWORD_HASH"))
                && row != null && Sql.flag(row, "ENABLED");
        if (!ok) {
            audit.write(store.persistence(), username, "auth.login.failed", "user/" + username, address);
            throw Problems.of(401, "sign-in-failed", "Sign-in failed", FAILED, "badCredentials");
        }
        String userId = Sql.str(row, "ID");
        SecurityStore.IssuedToken issued = store.persistence().write(ctx -> {
            LoginThrottle.succeeded(ctx, attempt);
            audit.write(ctx, username, "auth.login", "user/" + userId, null, address);
            return store.issue(ctx, userId, SessionInfo.BROWSER, null);
        });
        SessionInfo session = store.resolve(issued.token());
        boolean secure = http != null && http.isSecure();
        NewCookie cookie = new NewCookie(AuthenticationFilter.COOKIE, issued.token(), "/", null, NewCookie.DEFAULT_VERSION,
                null, (int) store.sessionMax().toSeconds(), null, secure, true);
        return Response.ok(new SignedIn(issued.token(), issued.csrfToken(), issued.expiresAt().toInstant(java.time.ZoneOffset.UTC),
                        Me.of(session.user(), issued.csrfToken())))
                .header("Set-Cookie", cookie + "; SameSite=Strict")
                .build();
    }

    @POST
    @Path("logout")
    @ApiAnswer(status = 204, headers = "Set-Cookie")
    public Response logout() {
        RequestSecurity.Current current = RequestSecurity.get();
        if (current == null || current.session() == null) {
            throw Problems.unauthorized();
        }
        store.change(ctx -> {
            store.revoke(ctx, current.session().tokenHash());
            audit.write(ctx, current.session().user().username(), "auth.logout", "user/" + current.session().user().id(), null,
                    current.address());
            return null;
        });
        return Response.noContent()
                .header("Set-Cookie", AuthenticationFilter.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
                .build();
    }

    @GET
    @Path("me")
    public Me me() {
        UserPrincipal user = access.currentUser();
        return Me.of(user, RequestSecurity.get().session().csrfToken());
    }

    /** Changing one's password ends every other session and token of the user. */
    @POST
    @Path("password")
    @ApiAnswer(status = 204)
    public Response changePassword(PasswordChange change) {
        UserPrincipal user = access.currentUser();
        if (change == null || change.currentPassword() == null) {
            throw Problems.invalid("currentPassword", "required", "is required");
        }
        store.policy().check(change.newPassword(), user.username()).ifPresent(reason -> {
            throw Problems.invalid(java.util.List.of(reason.at("newPassword")));
        });
        String address = RequestSecurity.get().address();
        String target = "user/" + user.id();
        LoginThrottle.Attempt attempt = admit(user.username(), address, "auth.password.throttled", target);
        DataRow row = store.persistence().read(ctx -> store.credentials(ctx, user.username()));
        if (row == null || !store.hasher().verify(change.currentPassword(), Sql.str(row, "PASSWORD_HASH"))) {
            audit.write(store.persistence(), user.username(), "auth.password.failed", target, address);
            throw Problems.invalid("currentPassword", "passwordWrong", "is wrong");
        }
        String keep = RequestSecurity.get().session().tokenHash();
        store.change(ctx -> {
            LoginThrottle.succeeded(ctx, attempt);
            store.setPassword(ctx, user.id(), change.newPassword());
            int ended = store.revokeAll(ctx, user.id(), keep);
            audit.write(ctx, user.username(), "auth.password.changed", target, Map.of("sessionsEnded", ended), null);
            return null;
        });
        return Response.noContent().build();
    }

    /**
     * Counts a password attempt before its password is checked (see {@link LoginThrottle}); a
     * refused one is audited and answered 429 without checking anything.
     */
    private LoginThrottle.Attempt admit(String username, String address, String refusedAction, String target) {
        LoginThrottle.Attempt attempt = LoginThrottle.begin(store.persistence(), username, address,
                ctx -> audit.write(ctx, username, refusedAction, target, null, address));
        if (attempt.refused()) {
            throw Problems.tooManyRequests(attempt.retryAfter());
        }
        return attempt;
    }

    @GET
    @Path("tokens")
    public ListPage<Map<String, Object>> tokens() {
        UserPrincipal user = access.currentUser();
        List<Map<String, Object>> tokens = store.persistence().read(ctx -> store.apiTokens(ctx, user.id()));
        return new ListPage<>(tokens, null, tokens.size());
    }

    /** One of the user's tokens (never its secret); 404 for another user's. */
    @GET
    @Path("tokens/{id}")
    public Map<String, Object> token(@PathParam("id") String id) {
        UserPrincipal user = access.currentUser();
        return store.persistence().read(ctx -> store.apiTokens(ctx, user.id())).stream().filter(t -> id.equals(t.get("id"))).findFirst()
                .orElseThrow(() -> Problems.notFound("token", id));
    }

    /** A token for an integration; shown in this answer only, stored as a hash. 201 with its address, like every create. */
    @POST
    @Path("tokens")
    @ApiAnswer(status = 201, value = IssuedApiToken.class, headers = ApiAnswer.LOCATION)
    public Response createToken(TokenRequest request, @javax.ws.rs.core.Context javax.ws.rs.core.UriInfo uri) {
        UserPrincipal user = access.currentUser();
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw Problems.invalid("name", "required", "is required");
        }
        if (request.name().length() > 100) {
            throw Problems.invalid("name", "tooLong", "is longer than 100 characters", "max", 100);
        }
        SecurityStore.IssuedToken issued = store.persistence().write(ctx -> {
            SecurityStore.IssuedToken t = store.issue(ctx, user.id(), SessionInfo.API, request.name().strip());
            audit.write(ctx, user.username(), "auth.token.created", "token/" + t.id(), Map.of("name", request.name().strip()), null);
            return t;
        });
        return Response.status(201).header(javax.ws.rs.core.HttpHeaders.LOCATION,
                org.mosaiccrm.platform.api.records.Records.location(uri.getAbsolutePathBuilder().path(issued.id()).build()))
                .entity(new IssuedApiToken(issued.id(),
                request.name().strip(), issued.token(), issued.expiresAt().toInstant(java.time.ZoneOffset.UTC))).build();
    }

    @DELETE
    @Path("tokens/{id}")
    @ApiAnswer(status = 204)
    public Response revokeToken(@PathParam("id") String id) {
        UserPrincipal user = access.currentUser();
        int removed = store.change(ctx -> {
            int n = Sql.exec(ctx, "DELETE FROM SEC_SESSION WHERE ID = ? AND USER_ID = ? AND KIND = ?", id, user.id(), SessionInfo.API);
            if (n > 0) {
                audit.write(ctx, user.username(), "auth.token.revoked", "token/" + id, null, null);
            }
            return n;
        });
        if (removed == 0) {
            throw Problems.notFound("token", id);
        }
        return Response.noContent().build();
    }
}
