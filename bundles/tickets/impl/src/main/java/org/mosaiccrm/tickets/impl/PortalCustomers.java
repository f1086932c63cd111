package org.mosaiccrm.tickets.impl;

import java.util.function.Supplier;

import org.mosaiccrm.contacts.api.PersonProfiles;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.PortalAccounts;
import org.mosaiccrm.platform.api.security.PortalCustomer;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who asks through the portal: the signed-in customer (401 for anyone else, staff included),
 * their access on the desk's side, and their organization. Every portal endpoint starts here,
 * and every portal query is bounded by what this says (the customer's own person, or their
 * organization for its manager).
 */
@Component(service = PortalCustomers.class)
public class PortalCustomers {

    /** The customer of the request, as the portal's queries use it. */
    record Asking(PortalCustomer customer, PersonProfiles.Profile person, PortalAccessRows.Row access) {

        String personId() {
            return customer.personId();
        }

        /** The organization whose tickets they see, when they are its manager; null otherwise. */
        String managedOrganization() {
            return access.organizationManager() ? person.organizationId() : null;
        }
    }

    @Reference
    private PortalAccounts accounts;

    @Reference
    private PersonProfiles profiles;

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    Asking current() {
        PortalCustomer customer = accounts.currentCustomer();
        PortalAccessRows.Row row = persistence.read(ctx -> PortalAccessRows.find(ctx, customer.personId()));
        PersonProfiles.Profile person = profiles.own(customer.personId()).orElse(null);
        if (row == null || person == null) {
            // The person was deleted, or the desk's side of the access is gone: no portal for them.
            throw Problems.unauthorized();
        }
        return new Asking(customer, person, row);
    }

    PersonProfiles profiles() {
        return profiles;
    }

    /**
     * Runs a change the customer makes on the desk's records as the staff user who granted their
     * access (the owner of their tickets), so that ownership, timeline and record audit work as
     * for staff; 503 when that user can no longer work (then staff must grant the access again).
     */
    <T> T asSponsor(Asking asking, Supplier<T> work) {
        UserPrincipal sponsor = access.findUser(asking.access().sponsorId()).orElseThrow(() -> Problems.of(503, "portal-sponsor-gone",
                "Portal access needs renewing", "The desk cannot take this request now: ask us to renew your portal access."));
        return access.runAs(sponsor, work);
    }
}
