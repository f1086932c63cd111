package org.mosaiccrm.platform.security.internal;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.PortalAccounts;
import org.mosaiccrm.platform.api.security.PortalCustomer;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link PortalAccounts}: portal accounts and their invitations, changed by staff through the module that owns the portal. */
@Component(service = PortalAccounts.class)
public class PortalAccountsImpl implements PortalAccounts {

    @Reference
    private PortalStore portal;

    @Reference
    private AccessControlImpl access;

    @Reference
    private AuditLogImpl audit;

    @Override
    public Optional<PortalCustomer> findCurrentCustomer() {
        RequestSecurity.Current current = RequestSecurity.get();
        return current == null || current.portal() == null ? Optional.empty() : Optional.of(current.portal().customer());
    }

    @Override
    public PortalCustomer currentCustomer() {
        return findCurrentCustomer().orElseThrow(Problems::unauthorized);
    }

    @Override
    public Invitation invite(String personId, String email, Duration validFor, BiConsumer<org.apache.cayenne.ObjectContext, Invitation> inTransaction) {
        UserPrincipal staff = access.currentUser();
        if (!RecordIds.isWellFormed(personId)) {
            throw Problems.invalid("personId", "notAnId", "is not a person id");
        }
        return portal.security().change(ctx -> {
            DataRow other = portal.byEmail(ctx, email);
            if (other != null && !personId.equals(Sql.str(other, "PERSON_ID"))) {
                throw Problems.conflict("portalEmailTaken", "Another person's portal account signs in with '" + email + "'.");
            }
            DataRow row = portal.byPerson(ctx, personId);
            String id;
            if (row == null) {
                id = portal.insert(ctx, personId, email);
            } else {
                id = Sql.str(row, "ID");
                if (!email.equalsIgnoreCase(Sql.str(row, "EMAIL"))) {
                    portal.setEmail(ctx, id, email);
                }
            }
            OneTimeTokens.Issued issued = OneTimeTokens.issue(ctx, PortalStore.INVITATION, id, validFor);
            Invitation invitation = new Invitation(issued.token(), issued.expiresAt().toInstant(ZoneOffset.UTC));
            inTransaction.accept(ctx, invitation);
            audit.write(ctx, staff.username(), "portal.access.invited", "person/" + personId, Map.of("email", email), null);
            return invitation;
        });
    }

    @Override
    public boolean revoke(String personId, Consumer<org.apache.cayenne.ObjectContext> inTransaction) {
        UserPrincipal staff = access.currentUser();
        if (!RecordIds.isWellFormed(personId)) {
            return false;
        }
        return portal.security().change(ctx -> {
            DataRow row = portal.byPerson(ctx, personId);
            if (row == null) {
                return false;
            }
            portal.delete(ctx, Sql.str(row, "ID"));
            inTransaction.accept(ctx);
            audit.write(ctx, staff.username(), "portal.access.revoked", "person/" + personId, Map.of("email", Sql.str(row, "EMAIL")), null);
            return true;
        });
    }

    @Override
    public Optional<Account> account(String personId) {
        if (!RecordIds.isWellFormed(personId)) {
            return Optional.empty();
        }
        return portal.security().persistence().read(ctx -> {
            DataRow row = portal.byPerson(ctx, personId);
            if (row == null) {
                return Optional.empty();
            }
            String id = Sql.str(row, "ID");
            LocalDateTime until = OneTimeTokens.openUntil(ctx, PortalStore.INVITATION, id);
            return Optional.of(new Account(id, personId, Sql.str(row, "EMAIL"), Sql.flag(row, "ENABLED"),
                    until == null ? null : until.toInstant(ZoneOffset.UTC)));
        });
    }
}
