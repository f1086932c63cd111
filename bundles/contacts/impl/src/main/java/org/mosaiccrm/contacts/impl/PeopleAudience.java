package org.mosaiccrm.contacts.impl;

import java.util.Optional;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.Audience;
import org.mosaiccrm.contacts.api.Recipient;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link Audience}: people as recipients of mail, within the current user's reach (the rule inside each query). */
@Component(service = Audience.class)
public class PeopleAudience implements Audience {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Override
    public Optional<Recipient> recipient(String personId) {
        if (!RecordIds.isWellFormed(personId)) {
            return Optional.empty();
        }
        UserPrincipal user = access.currentUser();
        return persistence.read(ctx -> {
            Person p = ObjectSelect.query(Person.class).where(Records.visible(access, user, MosaicRecord.ID.eq(personId))).selectOne(ctx);
            return Optional.ofNullable(p == null ? null : recipient(ctx, user, p));
        });
    }

    /** The organization's name only when the user may reach the organization too. */
    private Recipient recipient(ObjectContext ctx, UserPrincipal user, Person p) {
        String organization = p.getOrganizationId() == null ? null
                : ObjectSelect.columnQuery(Organization.class, Organization.NAME)
                        .where(Records.visible(access, user, MosaicRecord.ID.eq(p.getOrganizationId()))).selectOne(ctx);
        return new Recipient(p.getId(), p.getPrimaryEmail(), p.getFirstName(), p.getLastName(), p.getJobTitle(), organization,
                p.getOwnerId());
    }
}
