package org.mosaiccrm.platform.security.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.rest.Problems;

/**
 * A forgotten password replaced through a one-time link by mail, for staff users and portal
 * customers alike, each with their own accounts, link kind, throttle keys and mail. Asking tells
 * nothing about who has an account (the same answer either way) and is throttled like sign-in;
 * the link ({@link OneTimeTokens}) works once, within its lifetime, and only if it is the latest
 * one asked for; using it sets the password under the password policy and ends every session of
 * the account. Links point to {@code MOSAIC_PUBLIC_URL}, never to the Host a request names.
 */
final class PasswordResets {

    static final String INVALID = "This link is no longer valid: it was used already, a newer one was sent, or it expired."
            + " Ask for a new one.";

    /** An account a link can be mailed for: {@code name} is what the audit and the mail call it, {@code email} where it goes. */
    record Account(String id, String name, String email) {
    }

    /**
     * Whose passwords: the link kind, the throttle key of a name asked for, how to find an enabled
     * account with an address, the mail (given the account and the link), the audit's actor of an
     * account and its action prefix, and setting a password (which ends the account's sessions).
     */
    interface Accounts {

        String kind();

        Duration lifetime();

        String throttleKey(String login);

        /** An enabled account with a mail address, by what was asked for; null when none. */
        Account find(ObjectContext ctx, String login);

        /** An enabled account by id, for a link; null when it is gone or disabled. */
        Account byId(ObjectContext ctx, String id);

        Mail mail(Account account, URI link);

        String actor(String name);

        /** {@code auth.reset} or {@code portal.reset}. */
        String auditPrefix();

        /** What the audit names an account by, before its id or the name asked for: {@code user/}. */
        String targetPrefix();

        /** What a request is told when links cannot be mailed (503). */
        String unavailable();

        /** Sets the password and ends every session of the account; how many ended. */
        int setPassword(ObjectContext ctx, String accountId, String password);
    }

    private final SecurityStore store;
    private final AuditLogImpl audit;
    private final Mailer mailer;
    private final Accounts accounts;

    PasswordResets(SecurityStore store, AuditLogImpl audit, Mailer mailer, Accounts accounts) {
        this.store = store;
        this.audit = audit;
        this.mailer = mailer;
        this.accounts = accounts;
    }

    /**
     * Mails a link to the account {@code login} names, if there is one; nothing tells whether
     * there was. 503 when mail or the public address is not set up; 429 when asked too often.
     *
     * @param page the link's page below the public address, the token appended: {@code /reset-password#token=}
     */
    void ask(String login, String address, String page) {
        URI publicUrl = mailer.publicUrl();
        if (publicUrl == null || !mailer.configured()) {
            throw Problems.of(503, "password-reset-unavailable", "Password reset by mail is not set up", accounts.unavailable());
        }
        String actor = accounts.actor(login);
        // Each request counts like a failed sign-in for that name from that address: a flood is refused.
        LoginThrottle.Attempt attempt = LoginThrottle.beginFor(store.persistence(), accounts.throttleKey(login), address,
                ctx -> audit.write(ctx, actor, accounts.auditPrefix() + ".throttled", accounts.targetPrefix() + login, null, address));
        if (attempt.refused()) {
            throw Problems.tooManyRequests(attempt.retryAfter());
        }
        store.persistence().write(ctx -> {
            Account account = accounts.find(ctx, login);
            if (account == null) {
                audit.write(ctx, actor, accounts.auditPrefix() + ".unknown", accounts.targetPrefix() + login, null, address);
                return null;
            }
            OneTimeTokens.Issued link = OneTimeTokens.issue(ctx, accounts.kind(), account.id(), accounts.lifetime());
            mailer.queue(ctx, accounts.mail(account, URI.create(publicUrl + page + link.token())));
            audit.write(ctx, accounts.actor(account.name()), accounts.auditPrefix() + ".sent", accounts.targetPrefix() + account.id(), null, address);
            return null;
        });
    }

    /** Sets a new password with a link's token: 400 alike for every reason a link does not work, 400 naming {@code field} for a weak password. */
    void confirm(String token, String password, String field, String address) {
        store.change(ctx -> {
            OneTimeTokens.Found reset = OneTimeTokens.find(ctx, accounts.kind(), token);
            Account account = reset.state() != OneTimeTokens.State.VALID ? null : accounts.byId(ctx, reset.userId());
            // Why a link does not work is not said here: the answer is the same for every reason.
            if (account == null) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            store.policy().check(password, account.name()).ifPresent(reason -> {
                throw Problems.invalid(List.of(reason.at(field)));
            });
            // Marked used in the same transaction as the new password: a second use finds it used.
            if (!OneTimeTokens.use(ctx, reset.id())) {
                throw Problems.of(400, "reset-link-invalid", "Invalid link", INVALID);
            }
            int ended = accounts.setPassword(ctx, account.id(), password);
            audit.write(ctx, accounts.actor(account.name()), accounts.auditPrefix() + ".used", accounts.targetPrefix() + account.id(),
                    Map.of("sessionsEnded", ended), address);
            return null;
        });
    }
}
