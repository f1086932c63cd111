package org.mosaiccrm.platform.api.security;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only audit log. The platform records sign-ins, administration and every record
 * change on its own; modules record their own notable actions (an import, a merge) here.
 * The actor is the user of the current request, or "system".
 */
@ProviderType
public interface AuditLog {

    /**
     * @param action what happened, dotted and lower case, e.g. {@code contacts.merge}
     * @param target what it happened to, e.g. {@code person/0190…}
     * @param detail further facts (before/after values, counts); values are stored as text
     */
    void record(String action, String target, Map<String, ?> detail);
}
