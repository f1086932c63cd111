package org.mosaiccrm.platform.api.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Customer portal accounts, kept by the platform's security beside staff users but apart from
 * them: a customer signs in with their own session (its own cookie and CSRF token) under the
 * same password rules, hashing and sign-in throttling as staff. A customer session is never a
 * staff user ({@link AccessControl#currentUser()} refuses it with 401, so every staff endpoint
 * does), and a staff session is never a customer ({@link #currentCustomer()} refuses it).
 * The module that owns the portal's data (tickets) decides who gets access and what a customer
 * sees; sign-in, invitation acceptance and sign-out are the platform's
 * ({@code /api/v1/portal/auth/...}).
 *
 * @since 1.6
 */
@ProviderType
public interface PortalAccounts {

    /** A new invitation link: its secret token (for the mail only, never stored) and when it stops working. */
    record Invitation(String token, Instant expiresAt) {
    }

    /**
     * A person's portal account as staff see it: enabled once the customer chose a password;
     * {@code invitationExpiresAt} of the open invitation, if one is open.
     */
    record Account(String accountId, String personId, String email, boolean enabled, Instant invitationExpiresAt) {
    }

    /** The customer of the current request, if it came with a portal session or token. */
    Optional<PortalCustomer> findCurrentCustomer();

    /** The customer of the current request; 401 for anyone else (anonymous or staff). */
    PortalCustomer currentCustomer();

    /**
     * Gives a person portal access, or invites them again: the account (for the mail address,
     * unique among portal accounts: 409 otherwise) exists from now on but cannot sign in until
     * its owner opens the link and chooses a password; only the newest link works, once, until
     * {@code validFor} has passed. {@code inTransaction} runs in the same transaction (queue the
     * invitation mail there, so that it leaves only if the account was made). Audited as the
     * current staff user.
     */
    Invitation invite(String personId, String email, Duration validFor, BiConsumer<ObjectContext, Invitation> inTransaction);

    /**
     * Ends a person's portal access: the account, its open links and every session of it go,
     * at once. {@code inTransaction} runs in the same transaction. False when the person had none.
     */
    boolean revoke(String personId, Consumer<ObjectContext> inTransaction);

    /** The person's portal account, if they have one. */
    Optional<Account> account(String personId);
}
