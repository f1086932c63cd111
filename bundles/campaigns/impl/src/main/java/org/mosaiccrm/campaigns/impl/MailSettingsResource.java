package org.mosaiccrm.campaigns.impl;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.MailAccount;
import org.mosaiccrm.platform.api.mail.MailTest;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.ApiBody;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.rest.Versions;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/campaigns/settings/mail}, for those with {@code campaigns.admin}: the account
 * campaigns send through (its own, apart from the platform's mail), the reply mailbox, the
 * sending rate and the public address links in messages point to. The passwords are write-only:
 * answers say {@code smtpPasswordSet}/{@code imapPasswordSet}, never the password, nor does the audit log.
 */
@Component(service = MailSettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("campaigns/settings/mail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailSettingsResource {

    public record SettingsView(String smtpHost, Integer smtpPort, String smtpSecurity, String smtpUser, boolean smtpPasswordSet,
            String fromAddress, String fromName, String replyTo, String imapHost, Integer imapPort, String imapSecurity, String imapUser,
            boolean imapPasswordSet, Integer ratePerMinute, String publicBaseUrl, boolean configured, long version) {

        static final SettingsView NONE = new SettingsView(null, null, MailAccount.STARTTLS, null, false, null, null, null, null, null,
                null, null, false, DEFAULT_RATE, null, false, 0);

        static SettingsView of(MailSettings s) {
            return s == null ? NONE
                    : new SettingsView(s.getSmtpHost(), s.getSmtpPort(), s.getSmtpSecurity(), s.getSmtpUser(), s.getSmtpPassword() != null,
                            s.getFromAddress(), s.getFromName(), s.getReplyTo(), s.getImapHost(), s.getImapPort(), s.getImapSecurity(),
                            s.getImapUser(), s.getImapPassword() != null, s.getRatePerMinute(), s.getPublicBaseUrl(), true, s.getVersion());
        }
    }

    public record SettingsInput(String smtpHost, Integer smtpPort, String smtpSecurity, String smtpUser, String smtpPassword,
            String fromAddress, String fromName, String replyTo, String imapHost, Integer imapPort, String imapSecurity, String imapUser,
            String imapPassword, Integer ratePerMinute, String publicBaseUrl, Long version) {
    }

    public record TestInput(String to) {
    }

    public record TestAnswer(boolean sent, String reply) {
    }

    static final int DEFAULT_RATE = 60;
    /** The id of the one settings row. */
    static final String SINGLE_ID = "00000000-0000-7000-8000-000000000001";
    /** 10,000 a second: what a relay on the same host (Postfix, say) takes; a provider's limit is far lower and is what to set. */
    static final int MAX_RATE = 600_000;
    private static final Set<String> FIELDS = Set.of("smtpHost", "smtpPort", "smtpSecurity", "smtpUser", "smtpPassword", "fromAddress",
            "fromName", "replyTo", "imapHost", "imapPort", "imapSecurity", "imapUser", "imapPassword", "ratePerMinute", "publicBaseUrl",
            "version");
    private static final Set<String> SECURITY = Set.of(MailAccount.STARTTLS, MailAccount.TLS, MailAccount.NONE);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+");

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private Mailer mailer;

    @Reference
    private CampaignInbox campaignInbox;

    @Reference
    private org.mosaiccrm.platform.api.mail.Inbox inbox;

    public record PollAnswer(int handled) {
    }

    @GET
    @ApiAnswer(value = SettingsView.class, headers = ApiAnswer.ETAG)
    public Response get() {
        access.requirePermission(CampaignsModule.ADMIN);
        SettingsView view = persistence.read(ctx -> SettingsView.of(current(ctx)));
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    /**
     * Saves the settings as a whole. A password absent keeps the saved one, {@code ""} removes it,
     * anything else replaces it. {@code version} (or If-Match) is the version read; absent while none are saved.
     */
    @PUT
    @ApiBody(SettingsInput.class)
    @ApiAnswer(value = SettingsView.class, headers = ApiAnswer.ETAG)
    public Response save(Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserPrincipal user = access.requirePermission(CampaignsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "set of campaign mail settings");
        String smtpSecurity = security(in, "smtpSecurity");
        String smtpHost = host(in, "smtpHost", true);
        Integer smtpPort = in.integer("smtpPort", 1, 65535);
        String smtpUser = in.text("smtpUser", 255);
        String fromAddress = address(in, "fromAddress", true);
        String fromName = oneLine(in, "fromName", 100);
        String replyTo = address(in, "replyTo", false);
        String imapHost = host(in, "imapHost", false);
        Integer imapPort = in.integer("imapPort", 1, 65535);
        String imapSecurity = in.has("imapSecurity") ? security(in, "imapSecurity") : null;
        String imapUser = in.text("imapUser", 255);
        Integer rate = in.integer("ratePerMinute", 1, MAX_RATE);
        String publicBaseUrl = publicBaseUrl(in);
        Password smtpPassword = Password.read(in, "smtpPassword");
        Password imapPassword = Password.read(in, "imapPassword");
        Long expected = in.expectedVersion(ifMatch);
        in.requireValid();
        MailSettings saved = persistence.write(ctx -> {
            MailSettings s = current(ctx);
            if (s != null && expected == null) {
                throw Problems.invalid("version", "is required: the version of the settings you read");
            }
            if (s == null ? expected != null : s.getVersion() != expected) {
                throw Problems.staleVersion(s == null ? 0 : s.getVersion());
            }
            if (s == null) {
                s = ctx.newObject(MailSettings.class);
                // One row per install: two administrators saving the first settings at once collide on the key.
                s.setId(SINGLE_ID);
                access.assignOwnership(user, s, null, null);
            }
            s.setSmtpHost(smtpHost);
            s.setSmtpSecurity(smtpSecurity);
            s.setSmtpPort(smtpPort != null ? smtpPort : defaultSmtpPort(smtpSecurity));
            s.setSmtpUser(smtpUser);
            s.setSmtpPassword(smtpPassword.apply(s.getSmtpPassword()));
            s.setFromAddress(fromAddress);
            s.setFromName(fromName);
            s.setReplyTo(replyTo);
            Integer newImapPort = imapHost == null ? null : imapPort != null ? imapPort
                    : MailAccount.NONE.equals(imapSecurity == null ? MailAccount.TLS : imapSecurity) ? 143 : 993;
            if (s.getImapHost() != null && !(s.getImapHost().equals(imapHost) && java.util.Objects.equals(s.getImapPort(), newImapPort)
                    && java.util.Objects.equals(s.getImapUser(), imapUser))) {
                // Another mailbox: the mark of the one read so far means nothing there.
                inbox.forget(ctx, CampaignInbox.MAILBOX);
            }
            s.setImapHost(imapHost);
            s.setImapSecurity(imapHost == null ? null : imapSecurity == null ? MailAccount.TLS : imapSecurity);
            s.setImapPort(newImapPort);
            s.setImapUser(imapUser);
            s.setImapPassword(imapPassword.apply(s.getImapPassword()));
            s.setRatePerMinute(rate == null ? DEFAULT_RATE : rate);
            s.setPublicBaseUrl(publicBaseUrl);
            return s;
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("smtpHost", smtpHost);
        detail.put("smtpPort", saved.getSmtpPort());
        detail.put("fromAddress", fromAddress);
        detail.put("ratePerMinute", saved.getRatePerMinute());
        detail.put("smtpPassword", smtpPassword.change());
        detail.put("imapPassword", imapPassword.change());
        audit.record("campaigns.mail.settings", "campaigns/settings/mail", detail);
        SettingsView view = SettingsView.of(saved);
        return Response.ok(view).tag(Versions.etag(view.version())).build();
    }

    /** Sends a test message now through the saved account; a refusal answers 502 with the server's own words. */
    @POST
    @Path("test")
    @ApiBody(TestInput.class)
    @ApiAnswer(TestAnswer.class)
    public TestAnswer test(Map<String, Object> body) {
        access.requirePermission(CampaignsModule.ADMIN);
        FieldReader in = FieldReader.of(body, Set.of("to"), "test message");
        String to = address(in, "to", true);
        in.requireValid();
        MailAccount account = persistence.read(ctx -> account(current(ctx)));
        if (account == null) {
            throw Problems.of(409, "campaign-mail-not-configured", "Campaign mail is not set up",
                    "Save the campaigns' SMTP server and sender first.");
        }
        MailTest result = mailer.test(account, to, "Mosaic campaigns: test message",
                "This is a test message from Mosaic's campaigns, sent through " + account.host() + ":" + account.port() + ".\n");
        audit.record("campaigns.mail.test", "campaigns/settings/mail", Map.of("to", to, "sent", result.sent()));
        if (!result.sent()) {
            throw Problems.of(502, "mail-server", "The mail server did not take the message", "The server answered: " + result.reply());
        }
        return new TestAnswer(true, result.reply());
    }

    /**
     * Reads the reply mailbox now rather than at the next poll (replies, bounces, unsubscribe
     * mails): how many new messages were handled. A server refusing answers 502 with its words.
     */
    @POST
    @Path("poll")
    @ApiAnswer(PollAnswer.class)
    public PollAnswer poll() {
        access.requirePermission(CampaignsModule.ADMIN);
        try {
            return new PollAnswer(campaignInbox.poll());
        } catch (java.io.IOException e) {
            throw Problems.of(502, "mail-server", "The reply mailbox could not be read", e.getMessage());
        }
    }

    /** The one settings row, or null while none are saved. */
    static MailSettings current(ObjectContext ctx) {
        return ObjectSelect.query(MailSettings.class).selectFirst(ctx);
    }

    /** The SMTP account the settings describe, or null while none are saved. */
    static MailAccount account(MailSettings s) {
        return s == null ? null
                : new MailAccount(s.getSmtpHost(), s.getSmtpPort(), s.getSmtpSecurity(), s.getSmtpUser(), s.getSmtpPassword(),
                        s.getFromAddress(), s.getFromName(), s.getReplyTo());
    }

    static int defaultSmtpPort(String security) {
        return switch (security) {
            case MailAccount.TLS -> 465;
            case MailAccount.NONE -> 25;
            default -> 587;
        };
    }

    private static String security(FieldReader in, String field) {
        String s = in.choice(field, SECURITY);
        return s == null ? MailAccount.STARTTLS : s;
    }

    private static String host(FieldReader in, String field, boolean required) {
        String host = in.text(field, 255);
        if (host == null && required) {
            in.required(field);
        } else if (host != null && !HOST.matcher(host).matches()) {
            in.error(field, "is not a host name or address");
        }
        return host;
    }

    private static String address(FieldReader in, String field, boolean required) {
        String address = in.text(field, 254);
        if (address == null && required) {
            in.required(field);
        } else if (address != null && !Mail.isAddress(address)) {
            in.error(field, "is not a mail address");
        }
        return address;
    }

    /** A header's text: a line break would let it add headers of its own. */
    private static String oneLine(FieldReader in, String field, int max) {
        String text = in.text(field, max);
        if (text != null && (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0)) {
            in.error(field, "must be one line");
        }
        return text;
    }

    /** Where recipients' links point: http(s), a host, no query or fragment; kept without a trailing slash. */
    private static String publicBaseUrl(FieldReader in) {
        String value = in.text("publicBaseUrl", 500);
        if (value == null) {
            in.required("publicBaseUrl");
            return null;
        }
        try {
            URI uri = URI.create(value.replaceAll("/+$", ""));
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // Reported below.
        }
        in.error("publicBaseUrl", "must be an http or https address without query or fragment");
        return null;
    }

    /** A write-only password from the body: absent keeps the saved one, empty removes it. */
    private record Password(boolean given, String value) {

        static Password read(FieldReader in, String field) {
            return in.has(field) ? new Password(true, in.verbatim(field, 500)) : new Password(false, null);
        }

        String apply(String saved) {
            return !given ? saved : value == null || value.isEmpty() ? null : value;
        }

        /** What the audit log says of it: never the password. */
        String change() {
            return !given ? "kept" : value == null || value.isEmpty() ? "removed" : "changed";
        }
    }
}
