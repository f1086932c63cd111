package org.mosaiccrm.platform.api.monitoring;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the server that {@code GET /api/v1/health} reports under {@link #component()}, as
 * a DS service. The health answer needs no sign-in: details are counts and states only, never
 * a host name, a path, a user or an error message. Checks run at most about once a second.
 */
@ConsumerType
public interface HealthCheck {

    /** The key of the part in the health answer, lower case: {@code search}, {@code jobs}. */
    String component();

    Status check();

    /** Whether the part works, and small facts about it (numbers, states). */
    record Status(boolean up, Map<String, Object> details) {

        public Status {
            details = Map.copyOf(details);
        }

        public static Status up(Map<String, Object> details) {
            return new Status(true, details);
        }

        public static Status down(Map<String, Object> details) {
            return new Status(false, details);
        }
    }
}
