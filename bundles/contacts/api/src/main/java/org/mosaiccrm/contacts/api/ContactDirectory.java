package org.mosaiccrm.contacts.api;

import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * People and organizations as other modules refer to them: a deal names its organization and
 * people, a ticket its requester. Answers for the current user and within their reach only, so
 * that a module checks a reference ("names no record you can reach") and shows its name with
 * the same rule contacts applies everywhere.
 */
@ProviderType
public interface ContactDirectory {

    /** Display names ("Ana Novak") of the people of these ids the current user may reach; others are absent. */
    Map<String, String> people(Collection<String> ids);

    /** Names of the organizations of these ids the current user may reach; others are absent. */
    Map<String, String> organizations(Collection<String> ids);
}
