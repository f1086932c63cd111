package org.mosaiccrm.contacts.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A person's master data as the person themselves sees and changes it (the customer portal):
 * name, phones, addresses and mail consent — never owner, team, stage, tags or custom fields.
 * The methods for the person themselves answer without a staff user: the caller has made sure
 * that the person asks (a portal session is theirs). Changes are checked by the same rules as
 * the people API, need the version read (optimistic locking), and are audited.
 *
 * @since 1.3
 */
@ProviderType
public interface PersonProfiles {

    /** The fields a person may change of themselves. */
    java.util.Set<String> SELF_WRITABLE = java.util.Set.of("firstName", "lastName", "phones", "addresses", "emailConsent");

    /**
     * The profile; {@code email} is the primary address (what the person signs in to the portal
     * with), {@code emailConsent} whether they agreed to mail.
     */
    record Profile(String id, long version, String firstName, String lastName, String email, String organizationId,
            String organizationName, List<Map<String, String>> phones, List<Map<String, String>> addresses, boolean emailConsent) {
    }

    /** The profile of a person the current staff user may reach; empty otherwise. */
    Optional<Profile> reachable(String personId);

    /** The person's own profile, for the person themselves; empty when there is no such person. */
    Optional<Profile> own(String personId);

    /**
     * Changes the person's own profile: only {@link #SELF_WRITABLE} fields ({@code phones} and
     * {@code addresses} as in the people API, {@code emailConsent} true or false, given now
     * through {@code source}); {@code version} in the body or {@code ifMatch}. 400 naming each
     * bad field, 409 for a stale version, 404 for no such person.
     */
    Profile updateOwn(String personId, Map<String, Object> changes, String ifMatch, String source);
}
