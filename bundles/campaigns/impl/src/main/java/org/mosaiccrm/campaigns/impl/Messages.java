package org.mosaiccrm.campaigns.impl;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.mail.MailMessage;

/**
 * One campaign message for one recipient: the template merged for them, with the headers every
 * campaign message carries — its own Message-ID (stored, for matching replies and bounces) and
 * the RFC 8058 one-click unsubscribe, over HTTPS and by mail.
 */
final class Messages {

    /** Where the public tracking endpoints answer, under the public base address. */
    static final String TRACKING_PATH = "/api/v1/campaigns/t/";

    private Messages() {
    }

    static Recipient recipient(CampaignRecipient r) {
        return new Recipient(r.getPersonId(), r.getEmail(), r.getFirstName(), r.getLastName(), r.getJobTitle(), r.getOrganizationName(),
                r.getPersonOwnerId());
    }

    /** A Message-ID unique to the recipient row, in the domain of the public address. */
    static String messageId(String recipientId, String publicBaseUrl) {
        String host = URI.create(publicBaseUrl).getHost();
        return "<" + recipientId + ".campaign@" + (host == null ? "mosaiccrm" : host) + ">";
    }

    static String unsubscribeUrl(String publicBaseUrl, String token) {
        return publicBaseUrl + TRACKING_PATH + "u/" + token;
    }

    static MailMessage compose(Template template, CampaignRecipient r, MailSettings settings, String trackingKey) {
        Templates.Rendered rendered = Templates.render(template, recipient(r));
        String unsubscribe = unsubscribeUrl(settings.getPublicBaseUrl(), r.getToken());
        String mailbox = settings.getReplyTo() != null ? settings.getReplyTo() : settings.getFromAddress();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">, <mailto:" + mailbox + "?subject="
                + URLEncoder.encode("unsubscribe " + r.getToken(), StandardCharsets.UTF_8).replace("+", "%20") + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String text = rendered.text() + "\n\n--\nUnsubscribe: " + unsubscribe + "\n";
        String html = rendered.html() == null ? null
                : TrackedLinks.rewrite(rendered.html(), settings.getPublicBaseUrl(), r.getToken(), trackingKey) + "<p style=\"font-size:small\"><a href=\"" + HtmlPolicy.escape(unsubscribe) + "\">Unsubscribe</a></p>";
        String subject = rendered.subject().isBlank() ? template.getName() : rendered.subject();
        return new MailMessage(r.getMessageId(), r.getEmail(), subject, text, html, headers);
    }
}
