package org.mosaiccrm.platform.security.internal;

import java.time.Instant;
import java.util.List;

/**
 * A user as the API shows it; never with the password hash. {@code invitation} is set while the
 * user was invited and has not accepted yet (they cannot sign in until they do), null otherwise.
 */
public record UserRecord(String id, String username, String email, String teamId, boolean enabled, List<String> roles,
        Invitation invitation, long version, Instant createdAt, Instant updatedAt) {

    /** An invitation not accepted yet: when it was (last) sent, until when its link works (null: none open), and whether that passed. */
    public record Invitation(Instant sentAt, Instant expiresAt, boolean expired) {
    }
}
