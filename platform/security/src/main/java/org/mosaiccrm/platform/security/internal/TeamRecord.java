package org.mosaiccrm.platform.security.internal;

import java.time.Instant;

public record TeamRecord(String id, String name, long members, long version, Instant createdAt, Instant updatedAt) {
}
