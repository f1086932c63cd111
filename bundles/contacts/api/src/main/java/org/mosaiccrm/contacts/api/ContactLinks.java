package org.mosaiccrm.contacts.api;

import java.util.Collection;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How other modules turn what they know of someone (a lead, a web form's sender, a ticket's
 * requester) into contacts: find the person and organization it is, or create them. Works for
 * the current user, within their reach, and inside the caller's transaction when called from
 * within one: a conversion that fails half-way leaves no person or organization behind.
 */
@ProviderType
public interface ContactLinks {

    /** Who to find or create. Blank values are absent; {@code email} and {@code company}/{@code domain} are what is matched. */
    record Request(String firstName, String lastName, String email, String phone, String company, String domain, String ownerId,
            String teamId) {
    }

    /** The person and organization (null when the request named none) found or created, and which were created. */
    record Linked(String personId, boolean personCreated, String organizationId, boolean organizationCreated) {
    }

    /**
     * Finds the person by email (ignoring case) among those the user may reach, the organization
     * by domain and then by name; creates what is missing, owned by {@code ownerId}/{@code teamId}
     * (the current user's when null), and puts a new person in the organization. Fails with a 400
     * problem naming the field when a value cannot be stored (an invalid email, say).
     */
    Linked link(Request request);

    /** The ids of the people with these emails (ignoring case) that the current user may reach, by lower-cased email. */
    Map<String, String> peopleByEmail(Collection<String> emails);
}
