package org.mosaiccrm.contacts.api;

import java.time.Instant;
import java.util.List;

/**
 * An entry for the timeline. At least one of {@code personId} and {@code organizationId}
 * is set; {@code sourceModule} names the module that recorded it (e.g. {@code campaigns}).
 */
public record NewActivity(ActivityType type, Direction direction, String subject, String body, Instant occurredAt,
        String personId, String organizationId, List<String> participants, String sourceModule) {

    public NewActivity {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
