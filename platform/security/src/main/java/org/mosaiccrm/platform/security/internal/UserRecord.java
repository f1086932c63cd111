package org.mosaiccrm.platform.security.internal;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it; never with the password hash. */
public record UserRecord(String id, String username, String email, String teamId, boolean enabled, List<String> roles, long version,
        Instant createdAt, Instant updatedAt) {
}
