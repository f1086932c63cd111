package org.mosaiccrm.platform.api.mail;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's outgoing mail. A mail is queued in the caller's transaction, so it leaves only
 * if what caused it commits, and is sent by the platform's sender soon after, through the SMTP
 * server the administrator configured (or {@code MOSAIC_MAIL_*}). Sending is at most once: a
 * mail the sender was handing over when the server stopped is marked unknown, never sent again.
 */
@ProviderType
public interface Mailer {

    /**
     * Queues the mail within {@code ctx}'s transaction (the row is written when it commits).
     *
     * @return false when a mail with the same key was queued before: nothing is queued again
     */
    boolean queue(ObjectContext ctx, Mail mail);

    /** Whether an SMTP server is configured: a page can say so rather than promise a mail. */
    boolean configured();

    /**
     * Where users open Mosaic ({@code MOSAIC_PUBLIC_URL}, say {@code https://crm.example.com},
     * without a trailing slash): links in mails point there, never to the Host a request names
     * (which whoever sends the request chooses). Null when it is not set, or not an http(s)
     * address: a mail that needs a link cannot be sent then.
     *
     * @since 1.1
     */
    java.net.URI publicUrl();

    /**
     * Sends a plain-text test mail to {@code to} through {@code account} now, bypassing the
     * outbox, and tells what the server answered: a settings page shows the server's own words
     * when it refuses (a wrong password, a relay refused).
     *
     * @since 1.2
     */
    MailTest test(MailAccount account, String to, String subject, String text);

    /**
     * Connects to the account's server and signs in, for a module that sends messages one by one
     * and keeps what became of each itself (a campaign's recipients).
     *
     * @throws java.io.IOException when connecting or signing in failed, its message the server's own answer
     * @since 1.2
     */
    MailConnection connect(MailAccount account) throws java.io.IOException;

    /**
     * The base of the links a mail carries (an invitation's), when such mail can go out; else a
     * 503 problem naming every missing piece, so that an administrator knows what to set up.
     *
     * @param slug        the problem's type, e.g. {@code invitations-unavailable}
     * @param what        what cannot be sent, e.g. {@code Invitations}
     * @param opensAt     whom the public address is for, e.g. {@code users open Mosaic at}
     * @param alsoMissing what else the caller lacks (the mail's texts, say), already worded
     * @since 1.3
     */
    default java.net.URI requireLinks(String slug, String what, String opensAt, java.util.List<String> alsoMissing) {
        java.net.URI publicUrl = publicUrl();
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!configured()) {
            missing.add("outgoing mail is not set up (Administration → Mail, or MOSAIC_MAIL_HOST and MOSAIC_MAIL_FROM)");
        }
        if (publicUrl == null) {
            missing.add("MOSAIC_PUBLIC_URL is not set (the address " + opensAt + ", for the link in the mail)");
        }
        missing.addAll(alsoMissing);
        if (!missing.isEmpty()) {
            throw org.mosaiccrm.platform.api.rest.Problems.of(503, slug, what + " by mail are not set up",
                    what + " cannot be sent: " + String.join("; ", missing) + ".");
        }
        return publicUrl;
    }
}
