package org.mosaiccrm.contacts.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.PersonProfiles;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.mosaiccrm.platform.api.persistence.Sql;

/**
 * {@link PersonProfiles}: a person's own master data for the customer portal. Changes go through
 * {@link PersonFields}, the people API's own rules, limited to the fields a person may change
 * of themselves; the platform's record audit sees the change, and the audit log says it was
 * the person's own.
 */
@Component(service = PersonProfiles.class)
public class Profiles implements PersonProfiles {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    @Reference
    private AuditLog audit;

    @Override
    public Optional<Profile> reachable(String personId) {
        UserPrincipal user = access.currentUser();
        return persistence.read(ctx -> {
            Person p = find(ctx, personId);
            return p == null || !access.canAccess(user, p) ? Optional.empty() : Optional.of(profile(ctx, p));
        });
    }

    @Override
    public Optional<Profile> own(String personId) {
        return persistence.read(ctx -> Optional.ofNullable(find(ctx, personId)).map(p -> profile(ctx, p)));
    }

    @Override
    public Profile updateOwn(String personId, Map<String, Object> changes, String ifMatch, String source) {
        Set<String> allowed = new HashSet<>(SELF_WRITABLE);
        allowed.add("version");
        FieldReader in = FieldReader.of(changes, allowed, "profile");
        Long expected = in.expectedVersion(ifMatch);
        Map<String, Object> body = new HashMap<>(changes);
        body.remove("version");
        if (body.containsKey("emailConsent")) {
            Object consent = body.get("emailConsent");
            if (!(consent instanceof Boolean granted)) {
                throw Problems.invalid("emailConsent", "notABoolean", "must be true or false");
            }
            // Given or withdrawn now, by the person, through the portal: the same record the people API keeps.
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("granted", granted);
            record.put("at", granted ? Sql.instant().toString() : null);
            record.put("source", granted ? source : null);
            body.put("emailConsent", granted ? record : null);
        }
        FieldReader fields = new FieldReader(body);
        FieldSchema custom = customFields.schema(ContactsModule.ID, ContactsModule.PERSON);
        persistence.write(ctx -> {
            Person p = find(ctx, personId);
            if (p == null) {
                throw Problems.notFound("person", personId);
            }
            p.requireVersion(expected);
            PersonFields.apply(fields, p, false, custom);
            fields.requireValid();
            audit.record("contacts.person.selfService", "person/" + personId, Map.of("fields", body.keySet().stream().sorted().toList()));
            return p;
        });
        return own(personId).orElseThrow(() -> Problems.notFound("person", personId));
    }

    private static Person find(ObjectContext ctx, String id) {
        return RecordIds.isWellFormed(id) ? ObjectSelect.query(Person.class).where(MosaicRecord.ID.eq(id)).selectOne(ctx) : null;
    }

    private static Profile profile(ObjectContext ctx, Person p) {
        Organization org = p.getOrganizationId() == null ? null
                : ObjectSelect.query(Organization.class).where(MosaicRecord.ID.eq(p.getOrganizationId())).selectOne(ctx);
        List<Map<String, String>> phones = Json.listOfMaps(p.getPhonesJson());
        return new Profile(p.getId(), p.getVersion(), p.getFirstName(), p.getLastName(), p.getPrimaryEmail(), p.getOrganizationId(),
                org == null ? null : org.getName(), phones, Json.listOfMaps(p.getAddressesJson()), Boolean.TRUE.equals(p.isEmailConsent()));
    }
}
