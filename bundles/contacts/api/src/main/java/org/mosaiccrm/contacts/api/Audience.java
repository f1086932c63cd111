package org.mosaiccrm.contacts.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * People as the recipients of a mail (a campaign, a preview of one), read by contacts for other
 * modules and always within the current user's reach, the access rule inside the query.
 *
 * @since 1.2
 */
@ProviderType
public interface Audience {

    /** The person as a recipient, when they exist and the current user may reach them; empty otherwise. */
    Optional<Recipient> recipient(String personId);
}
