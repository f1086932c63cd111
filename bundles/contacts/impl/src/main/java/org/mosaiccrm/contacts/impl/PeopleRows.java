package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * People from CSV. A row matches an existing person by email, then by name and organization
 * (also within the file); an organization named in a row is the visible one of that name, or
 * is created with the person.
 */
@Component(service = ImportType.class)
public final class PeopleRows extends RecordImport {

    @Activate
    public PeopleRows(@Reference CustomFields customFields, @Reference AccessControl access) {
        super(ContactsModule.ID, "people", ContactsModule.PERSON, PeopleCsv.FORM, List.of(ContactsModule.IMPORT, ContactsModule.WRITE), customFields,
                access);
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        Matcher matcher = new Matcher(ctx, user, rows);
        return fields -> importRow(ctx, user, custom, fields, matcher);
    }

    private RowOutcome importRow(ObjectContext ctx, UserPrincipal user, FieldSchema custom, Map<String, Object> fields,
            Matcher matcher) {
        String organizationName = (String) fields.remove("organization");
        if (organizationName != null && organizationName.length() > 200) {
            return RowOutcome.failed("organization: is longer than 200 characters");
        }
        String organizationId = organizationName == null ? null : matcher.organization(organizationName);
        if (organizationId != null) {
            fields.put("organizationId", organizationId);
        }
        FieldReader in = new FieldReader(fields);
        Person existing = matcher.find(fields, organizationId);
        Person person = existing != null ? existing : ctx.newObject(Person.class);
        Views.PersonView before = existing == null ? null : Views.person(existing, custom);
        PersonFields.apply(in, person, existing == null, custom);
        RowOutcome outcome = settle(ctx, person, existing == null, before, () -> Views.person(person, custom), in, user);
        if (!outcome.isFailed() && existing == null) {
            if (organizationName != null && organizationId == null) {
                matcher.createOrganization(organizationName, person);
            }
            matcher.remember(person);
        }
        return outcome;
    }

    /** Finds the people and organizations a batch refers to, in a few queries per batch. */
    private final class Matcher {

        private final ObjectContext ctx;
        private final UserPrincipal user;
        private final Map<String, Person> byEmail = new HashMap<>();
        private final Map<String, Person> byKey = new HashMap<>();
        private final Map<String, String> organizations = new HashMap<>();
        private final Map<String, Organization> newOrganizations = new HashMap<>();

        Matcher(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows) {
            this.ctx = ctx;
            this.user = user;
            Set<String> emails = new LinkedHashSet<>();
            Set<String> orgNames = new HashSet<>();
            for (Map<String, Object> row : rows) {
                String email = firstEmail(row);
                if (email != null) {
                    emails.add(email);
                }
                if (row.get("organization") instanceof String org) {
                    orgNames.add(org.toLowerCase(Locale.ROOT));
                }
            }
            for (Person p : lookup(ctx, user, Person.class, Person.PRIMARY_EMAIL, emails)) {
                byEmail.putIfAbsent(p.getPrimaryEmail(), p);
            }
            for (Organization o : lookup(ctx, user, Organization.class, Organization.NAME_KEY, orgNames)) {
                organizations.putIfAbsent(o.getNameKey(), o.getId());
            }
            // The second rule's keys (name + organization) of the whole batch, in one query.
            Set<String> keys = new HashSet<>();
            for (Map<String, Object> row : rows) {
                String orgId = row.get("organization") instanceof String org ? organizations.get(org.toLowerCase(Locale.ROOT)) : null;
                keys.add(PersonFields.dedupeKey((String) row.get("firstName"), (String) row.get("lastName"), orgId));
            }
            keys.remove("||");
            for (Person p : lookup(ctx, user, Person.class, Person.DEDUPE_KEY, keys)) {
                byKey.putIfAbsent(p.getDedupeKey(), p);
            }
        }

        /** A row's first email, as people are matched by it (lower case), or null. */
        private static String firstEmail(Map<String, Object> fields) {
            return fields.get("emails") instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)).toLowerCase(Locale.ROOT) : null;
        }

        /**
         * The person a row describes: the one with its (first) email; failing that, the one with
         * its name in its organization. A row that has an email only falls back to the name when
         * it names an organization too, and never onto a person with another address: two
         * people with one name and different emails are two people.
         */
        Person find(Map<String, Object> fields, String organizationId) {
            String email = firstEmail(fields);
            if (email != null) {
                Person p = byEmail.get(email);
                if (p != null) {
                    return p;
                }
                if (organizationId == null) {
                    return null;
                }
            }
            String key = PersonFields.dedupeKey((String) fields.get("firstName"), (String) fields.get("lastName"), organizationId);
            if (key.equals("||")) {
                return null;
            }
            Person candidate = byKey.get(key);
            if (candidate != null && email != null && candidate.getPrimaryEmail() != null && !email.equals(candidate.getPrimaryEmail())) {
                return null;
            }
            return candidate;
        }

        void remember(Person p) {
            if (p.getPrimaryEmail() != null) {
                byEmail.put(p.getPrimaryEmail(), p);
            }
            byKey.put(p.getDedupeKey(), p);
        }

        /** The id of a visible organization with this name, or null when there is none yet. */
        String organization(String name) {
            String key = name.strip().toLowerCase(Locale.ROOT);
            Organization created = newOrganizations.get(key);
            if (created != null) {
                return created.getId();
            }
            return organizations.get(key);
        }

        void createOrganization(String name, Person person) {
            Organization o = ctx.newObject(Organization.class);
            FieldReader in = new FieldReader(Map.of("name", name));
            OrganizationFields.apply(in, o, true, null);
            own(o, user);
            newOrganizations.put(o.getNameKey(), o);
            person.setOrganizationId(o.getId());
            PersonFields.derive(person);
        }
    }
}
