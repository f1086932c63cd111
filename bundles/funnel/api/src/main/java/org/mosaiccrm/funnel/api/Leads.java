package org.mosaiccrm.funnel.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Leads as other modules capture them (a campaign's web form, an inbound email): a new lead of
 * the current user and their team, checked like one sent to the REST API, and whether its email
 * already belongs to a person.
 */
@ProviderType
public interface Leads {

    /** What is known of someone who may buy. At least a name or an email; {@code source} says where they came from. */
    record NewLead(String firstName, String lastName, String company, String email, String phone, String source, String notes) {
    }

    /** A record the lead may already be: a person with its email. */
    record Match(String type, String id) {
    }

    /** The new lead's id and what it may already be. */
    record Captured(String id, List<Match> matches) {

        public Captured {
            matches = List.copyOf(matches);
        }
    }

    /**
     * Creates the lead. Fails with a 400 problem naming each bad field, and with 403 when the
     * current user may not write to the funnel.
     */
    Captured capture(NewLead lead);
}
