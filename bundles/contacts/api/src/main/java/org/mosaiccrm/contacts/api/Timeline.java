package org.mosaiccrm.contacts.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The activity timeline of people and organizations, for other modules to append to. The
 * entry is owned by the current user (or, for system work, by the person's owner) and
 * visible to whoever may see the person or organization.
 */
@ProviderType
public interface Timeline {

    /**
     * Appends an activity and returns its id. Fails with a 404 problem when the person or
     * organization does not exist or is outside the current user's reach.
     */
    String append(NewActivity activity);

    /**
     * Appends many activities at once, in the caller's transaction when there is one, the new
     * rows inserted as batches (a campaign's "sent" entries, a window of them a commit): the
     * answer holds each one's id in order, or null for one whose person or organization does
     * not exist or is outside the current user's reach (it is left out; the others are kept).
     *
     * @since 1.5
     */
    java.util.List<String> appendAll(java.util.List<NewActivity> activities);
}
