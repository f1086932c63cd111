package org.mosaiccrm.platform.api.security;

import java.time.Duration;
import java.time.Instant;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Secret links a module mails about one of its records (a ticket's rating link): the platform's
 * one-time link store behind the staff password resets and the invitations. A token holds 256
 * random bits of which only the hash is kept; it is bound to its purpose and record, works until
 * it expires, and only while it is the newest of its purpose for its record. Whether using it
 * spends it is the module's choice ({@link #spend}). Everything runs in the caller's transaction.
 *
 * @since 1.7
 */
@ProviderType
public interface LinkTokens {

    /** What a token is now: usable, or why not (UNKNOWN: no token of that purpose, forged or mistyped). */
    enum State {
        VALID, UNKNOWN, USED, REPLACED, REVOKED, EXPIRED
    }

    /** A new token (for the mail only, never stored) and when it stops working. */
    record Issued(String token, Instant expiresAt) {
    }

    /** A token as found: the record it is bound to (null when UNKNOWN), and its state. */
    record Found(String recordId, State state) {
    }

    /**
     * A new token of the purpose for the record; the record's earlier tokens of that purpose end
     * (REPLACED).
     *
     * @param purpose a module's word for the link, 1 to 8 lower-case letters ({@code rating})
     */
    Issued issue(ObjectContext ctx, String purpose, String recordId, Duration lifetime);

    /** The token of that purpose, or UNKNOWN for a token of another purpose, a forged or a malformed one. */
    Found find(ObjectContext ctx, String purpose, String token);

    /** Spends a valid token: it works no more (USED); false when it was not valid. */
    boolean spend(ObjectContext ctx, String purpose, String token);

    /** Ends the record's open tokens of the purpose (REVOKED); how many. */
    int revoke(ObjectContext ctx, String purpose, String recordId);
}
