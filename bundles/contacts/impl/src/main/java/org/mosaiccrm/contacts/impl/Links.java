package org.mosaiccrm.contacts.impl;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.contacts.api.ContactLinks;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link ContactLinks}: people found by email and organizations by domain, then name, within
 * the current user's reach; what is missing created through the same field rules as the REST
 * API. Its writes join the caller's transaction when there is one (a nested
 * {@link Persistence#write} does), so a conversion is all or nothing.
 */
@Component(service = ContactLinks.class)
public class Links implements ContactLinks {

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @Reference
    private CustomFields customFields;

    @Override
    public Linked link(Request r) {
        UserPrincipal user = access.currentUser();
        return persistence.write(ctx -> {
            String organizationId = null;
            boolean organizationCreated = false;
            String domain = blank(r.domain()) ? null : OrganizationFields.domain(r.domain());
            if (!blank(r.company()) || domain != null) {
                Organization o = domain == null ? null : first(ctx, user, Organization.class, Organization.DOMAIN.eq(domain));
                if (o == null && !blank(r.company())) {
                    o = first(ctx, user, Organization.class, Organization.NAME_KEY.eq(r.company().strip().toLowerCase(Locale.ROOT)));
                }
                if (o == null) {
                    Map<String, Object> fields = new HashMap<>();
                    fields.put("name", blank(r.company()) ? domain : r.company().strip());
                    if (domain != null) {
                        fields.put("domain", domain);
                    }
                    o = ctx.newObject(Organization.class);
                    FieldReader in = new FieldReader(fields);
                    OrganizationFields.apply(in, o, true, customFields.schema(ContactsModule.ID, ContactsModule.ORGANIZATION));
                    own(user, o, in, r);
                    organizationCreated = true;
                }
                organizationId = o.getId();
            }
            Person p = blank(r.email()) ? null
                    : first(ctx, user, Person.class, Person.PRIMARY_EMAIL.eq(r.email().strip().toLowerCase(Locale.ROOT)));
            boolean personCreated = false;
            if (p == null) {
                Map<String, Object> fields = new HashMap<>();
                put(fields, "firstName", r.firstName());
                put(fields, "lastName", r.lastName());
                if (!blank(r.email())) {
                    fields.put("emails", List.of(r.email().strip()));
                }
                if (!blank(r.phone())) {
                    fields.put("phones", List.of(r.phone().strip()));
                }
                put(fields, "organizationId", organizationId);
                p = ctx.newObject(Person.class);
                FieldReader in = new FieldReader(fields);
                PersonFields.apply(in, p, true, customFields.schema(ContactsModule.ID, ContactsModule.PERSON));
                own(user, p, in, r);
                personCreated = true;
            }
            return new Linked(p.getId(), personCreated, organizationId, organizationCreated);
        });
    }

    /** Emails per look-up: one statement text for every call (see Records.fixedChunks). */
    private static final int EMAIL_CHUNK = 100;

    @Override
    public Map<String, String> peopleByEmail(Collection<String> emails) {
        List<String> keys = emails.stream().filter(e -> !blank(e)).map(e -> e.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (keys.isEmpty()) {
            return new HashMap<>();
        }
        if (keys.size() > Directory.MAX_IDS) {
            throw new IllegalArgumentException("At most " + Directory.MAX_IDS + " emails at a time");
        }
        UserPrincipal user = access.currentUser();
        Map<String, String> found = new HashMap<>();
        // Oldest first within each chunk; across chunks an email is in one chunk only.
        for (List<String> chunk : Records.fixedChunks(keys, EMAIL_CHUNK)) {
            persistence.read(ctx -> ObjectSelect.columnQuery(Person.class, Person.PRIMARY_EMAIL, MosaicRecord.ID)
                    .where(Records.visible(access, user, Person.PRIMARY_EMAIL.in(chunk))).orderBy(MosaicRecord.ID.asc()).select(ctx))
                    .forEach(row -> found.putIfAbsent((String) row[0], (String) row[1]));
        }
        return found;
    }

    /** Owner and team as asked (the rules of assigning apply), then every field error as one 400. */
    private void own(UserPrincipal user, MosaicRecord record, FieldReader in, Request r) {
        in.requireValid();
        access.assignOwnership(user, record, r.ownerId(), r.teamId());
    }

    /** The oldest record within the user's reach that matches. */
    private <R extends MosaicRecord> R first(ObjectContext ctx, UserPrincipal user, Class<R> type,
            org.apache.cayenne.exp.Expression where) {
        List<R> found = ObjectSelect.query(type).where(Records.visible(access, user, where)).orderBy(MosaicRecord.ID.asc()).limit(1)
                .select(ctx);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void put(Map<String, Object> fields, String key, String value) {
        if (!blank(value)) {
            fields.put(key, value.strip());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
