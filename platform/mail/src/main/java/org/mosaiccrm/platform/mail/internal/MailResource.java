package org.mosaiccrm.platform.mail.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import jakarta.mail.MessagingException;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/mail}, for administrators: the SMTP settings (the password can be set, never
 * read), a test mail sent at once with the server's own answer, and the outbox with what became
 * of each mail.
 */
@Component(service = MailResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("mail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailResource {

    /**
     * The settings as shown: {@code passwordSet} instead of the password; {@code source} database,
     * environment or none; {@code environment} whether {@code MOSAIC_MAIL_HOST} gives settings to
     * fall back on; {@code publicUrl} where links in mails point ({@code MOSAIC_PUBLIC_URL}, null when unset).
     */
    public record Settings(String host, Integer port, String security, String username, boolean passwordSet, String fromAddress,
            String fromName, String source, boolean environment, String publicUrl, long version) {
    }

    public record OutboxEntry(String id, String key, List<String> to, String subject, String state, int attempts, String lastError,
            String serverReply, Instant createdAt, Instant sentAt) {
    }

    public record TestAnswer(boolean sent, String reply) {
    }

    private static final Set<String> FIELDS = Set.of("host", "port", "security", "username", "password", "fromAddress", "fromName",
            "version");
    private static final Set<String> STATES = Set.of(MailStore.QUEUED, MailStore.SENDING, MailStore.SENT, MailStore.FAILED,
            MailStore.UNKNOWN);

    @Reference
    private MailStore store;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @GET
    @Path("settings")
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response settings() {
        access.requireAdmin();
        long version = store.settingsVersion();
        return Response.ok(view(version)).tag(Versions.etag(version)).build();
    }

    /**
     * Saves the settings as a whole. {@code password}: absent keeps the saved one, {@code ""}
     * removes it, anything else replaces it. {@code version} (or If-Match) is the version read.
     */
    @PUT
    @Path("settings")
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response save(Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdmin();
        FieldReader in = FieldReader.of(body, FIELDS, "set of mail settings");
        String host = in.text("host", 255);
        if (host == null) {
            in.required("host");
        } else if (!host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            in.error("host", "is not a host name or address");
        }
        String security = in.choice("security", Set.of(SmtpSettings.STARTTLS, SmtpSettings.TLS, SmtpSettings.NONE));
        security = security == null ? SmtpSettings.STARTTLS : security;
        Integer port = in.integer("port", 1, 65535);
        String username = in.text("username", 255);
        boolean keepPassword = !in.has("password");
        String password = keepPassword ? null : in.verbatim("password", 500);
        String from = in.text("fromAddress", 254);
        if (from == null) {
            in.required("fromAddress");
        } else if (!Mail.isAddress(from)) {
            in.error("fromAddress", "is not a mail address");
        }
        String fromName = in.text("fromName", 100);
        if (fromName != null && (fromName.indexOf('\r') >= 0 || fromName.indexOf('\n') >= 0)) {
            in.error("fromName", "must be one line");
        }
        Long expected = in.expectedVersion(ifMatch);
        in.requireValid();
        if (expected == null) {
            throw Problems.invalid("version", "is required: the version of the settings you read");
        }
        SmtpSettings settings = new SmtpSettings(host, port == null ? SmtpSettings.defaultPort(security) : port, security, username,
                password == null || password.isEmpty() ? null : password, from, fromName);
        long version = store.save(settings, keepPassword, expected);
        if (version < 0) {
            throw Problems.staleVersion(store.settingsVersion());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("host", host);
        detail.put("port", settings.port());
        detail.put("security", security);
        detail.put("fromAddress", from);
        detail.put("password", keepPassword ? "kept" : password == null || password.isEmpty() ? "removed" : "changed");
        audit.record("admin.mail.settings", "mail/settings", detail);
        return Response.ok(view(version)).tag(Versions.etag(version)).build();
    }

    /**
     * Forgets the saved settings: the environment's ({@code MOSAIC_MAIL_*}) apply again, or none.
     * If-Match (or {@code ?version=}) is the version read.
     */
    @DELETE
    @Path("settings")
    @ApiAnswer(value = Settings.class, headers = ApiAnswer.ETAG)
    public Response clear(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @QueryParam("version") Long version) {
        access.requireAdmin();
        Long expected = Versions.expected(ifMatch, version);
        if (expected == null) {
            throw Problems.invalid("version", "is required: the version of the settings you read");
        }
        long next = store.clear(expected);
        if (next < 0) {
            throw Problems.staleVersion(store.settingsVersion());
        }
        audit.record("admin.mail.settings", "mail/settings", Map.of("cleared", true));
        return Response.ok(view(next)).tag(Versions.etag(next)).build();
    }

    /** Sends a test mail now, through the saved settings, and answers with what the server said. */
    @POST
    @Path("test")
    @ApiAnswer(TestAnswer.class)
    public TestAnswer test(Map<String, Object> body) {
        access.requireAdmin();
        FieldReader in = FieldReader.of(body, Set.of("to"), "test mail");
        String to = in.text("to", 254);
        if (to == null) {
            in.required("to");
        } else if (!Mail.isAddress(to)) {
            in.error("to", "is not a mail address");
        }
        in.requireValid();
        SmtpSettings settings = store.settings();
        if (settings == null || !settings.complete()) {
            throw Problems.of(409, "mail-not-configured", "Mail is not set up",
                    "Save the SMTP server and the sender's address first (or set MOSAIC_MAIL_HOST and MOSAIC_MAIL_FROM).");
        }
        Mail mail = Mail.text("mail.test:" + java.util.UUID.randomUUID(), to, "Mosaic: test mail",
                "This is a test mail from Mosaic, sent through " + settings.host() + ":" + settings.port() + ".\n");
        SmtpConnection.Result result;
        try (SmtpConnection connection = SmtpConnection.open(settings)) {
            result = connection.send(mail, "<" + java.util.UUID.randomUUID() + "@mosaiccrm>");
        } catch (MessagingException e) {
            audit.record("admin.mail.test", "mail/settings", Map.of("to", to, "sent", false));
            throw Problems.of(502, "mail-server", "The mail server did not take the mail",
                    "Connecting to " + settings.host() + ":" + settings.port() + " failed: " + e.getMessage());
        }
        boolean sent = result.outcome() == SmtpConnection.Outcome.SENT;
        audit.record("admin.mail.test", "mail/settings", Map.of("to", to, "sent", sent));
        if (!sent) {
            throw Problems.of(502, "mail-server", "The mail server did not take the mail", "The server answered: " + result.reply());
        }
        return new TestAnswer(true, result.reply());
    }

    /** The outbox, newest first; {@code state} filters. */
    @GET
    @Path("outbox")
    public Map<String, Object> outbox(@QueryParam("state") String state, @QueryParam("limit") Integer limit) {
        access.requireAdmin();
        if (state != null && !STATES.contains(state)) {
            throw Problems.invalid("state", "must be one of " + String.join(", ", new java.util.TreeSet<>(STATES)));
        }
        int max = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        List<DataRow> rows = store.outbox(state, max);
        List<OutboxEntry> items = new ArrayList<>();
        for (DataRow r : rows) {
            items.add(new OutboxEntry(Sql.str(r, "ID"), Sql.str(r, "MAIL_KEY"), List.of(Sql.str(r, "RECIPIENTS").split(",")),
                    Sql.str(r, "SUBJECT"), Sql.str(r, "STATE"), ((Number) r.get("ATTEMPTS")).intValue(), Sql.str(r, "LAST_ERROR"),
                    Sql.str(r, "SERVER_REPLY"), Sql.instant(r.get("CREATED_AT")), Sql.instant(r.get("SENT_AT"))));
        }
        return Map.of("items", items, "configured", store.configured());
    }

    /** Sends a failed mail, or one whose fate is unknown, again: the administrator accepts it may arrive twice. */
    @POST
    @Path("outbox/{id}/retry")
    @ApiAnswer(status = 204)
    public Response retry(@PathParam("id") String id) {
        access.requireAdmin();
        if (!store.requeue(id)) {
            throw Problems.of(409, "mail-not-retryable", "Only failed or unknown mails can be sent again",
                    "There is no failed or unknown mail " + id + ".");
        }
        audit.record("admin.mail.retry", "mail/" + id, Map.of());
        return Response.noContent().build();
    }

    private Settings view(long version) {
        MailStore.Current current = store.current();
        SmtpSettings s = current.settings();
        String publicUrl = store.publicUrl() == null ? null : store.publicUrl().toString();
        return s == null
                ? new Settings(null, null, SmtpSettings.STARTTLS, null, false, null, null, current.source(), store.hasEnvironment(),
                        publicUrl, version)
                : new Settings(s.host(), s.port(), s.security(), s.username(), s.password() != null, s.fromAddress(), s.fromName(),
                        current.source(), store.hasEnvironment(), publicUrl, version);
    }
}
