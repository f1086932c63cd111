package org.mosaiccrm.contacts.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * People from CSV. A row matches an existing person by email, then by name and organization
 * (also within the file); an organization named in a row is the visible one of that name, or
 * is created with the person.
 */
final class PeopleRows implements ImportRows {

    private final AccessControl access;

    PeopleRows(AccessControl access) {
        this.access = access;
    }

    @Override
    public String type() {
        return "people";
    }

    @Override
    public String entity() {
        return CustomFields.PERSON;
    }

    @Override
    public CsvForm form() {
        return PeopleCsv.FORM;
    }

    @Override
    public Batch batch(ObjectContext ctx, UserPrincipal user, List<String> header, List<List<String>> rows, CustomFields.Schema custom) {
        Matcher matcher = new Matcher(ctx, user, rows, header);
        return (cells, rowNumber, result) -> importRow(ctx, user, header, custom, cells, rowNumber, matcher, result);
    }

    private void importRow(ObjectContext ctx, UserPrincipal user, List<String> header, CustomFields.Schema custom, List<String> cells,
            long rowNumber, Matcher matcher, BatchResult result) {
        FieldReader cellErrors = new FieldReader(Map.of());
        Map<String, Object> fields = PeopleCsv.FORM.fields(header, cells, custom, cellErrors);
        if (!cellErrors.errors().isEmpty()) {
            ImportRows.fail(PeopleCsv.FORM, cellErrors.errors().get(0), rowNumber, result);
            return;
        }
        String organizationName = (String) fields.remove("organization");
        if (organizationName != null && organizationName.length() > 200) {
            result.failed(rowNumber, "organization: is longer than 200 characters");
            return;
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
        if (ImportRows.settle(ctx, person, existing == null, before, () -> Views.person(person, custom), in, PeopleCsv.FORM, user,
                rowNumber, result) && existing == null) {
            if (organizationName != null && organizationId == null) {
                matcher.createOrganization(organizationName, person);
            }
            matcher.remember(person);
        }
    }

    /** Finds the people and organizations a batch refers to, in a few queries per batch. */
    private final class Matcher {

        private final ObjectContext ctx;
        private final UserPrincipal user;
        private final Map<String, Person> byEmail = new HashMap<>();
        private final Map<String, Person> byKey = new HashMap<>();
        private final Map<String, String> organizations = new HashMap<>();
        private final Map<String, Organization> newOrganizations = new HashMap<>();

        Matcher(ObjectContext ctx, UserPrincipal user, List<List<String>> rows, List<String> header) {
            this.ctx = ctx;
            this.user = user;
            int emailColumn = header.indexOf("email");
            int first = header.indexOf("firstName");
            int last = header.indexOf("lastName");
            int org = header.indexOf("organization");
            Set<String> emails = new LinkedHashSet<>();
            Set<String> orgNames = new HashSet<>();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    continue;
                }
                if (emailColumn >= 0 && !row.get(emailColumn).isBlank()) {
                    emails.add(ImportRows.cell(row, emailColumn).split(";")[0].strip().toLowerCase(Locale.ROOT));
                }
                if (org >= 0 && !ImportRows.cell(row, org).isEmpty()) {
                    orgNames.add(ImportRows.cell(row, org).toLowerCase(Locale.ROOT));
                }
            }
            for (Person p : ImportRows.lookup(ctx, access, user, Person.class, Person.PRIMARY_EMAIL, emails)) {
                byEmail.putIfAbsent(p.getPrimaryEmail(), p);
            }
            for (Organization o : ImportRows.lookup(ctx, access, user, Organization.class, Organization.NAME_KEY, orgNames)) {
                organizations.putIfAbsent(o.getNameKey(), o.getId());
            }
            // The second rule's keys (name + organization) of the whole batch, in one query.
            Set<String> keys = new HashSet<>();
            for (List<String> row : rows) {
                if (row.size() == header.size()) {
                    String orgId = org < 0 || ImportRows.cell(row, org).isEmpty() ? null
                            : organizations.get(ImportRows.cell(row, org).toLowerCase(Locale.ROOT));
                    keys.add(PersonFields.dedupeKey(first < 0 ? null : ImportRows.cell(row, first),
                            last < 0 ? null : ImportRows.cell(row, last), orgId));
                }
            }
            keys.remove("||");
            for (Person p : ImportRows.lookup(ctx, access, user, Person.class, Person.DEDUPE_KEY, keys)) {
                byKey.putIfAbsent(p.getDedupeKey(), p);
            }
        }

        /**
         * The person a row describes: the one with its (first) email; failing that, the one with
         * its name in its organization. A row that has an email only falls back to the name when
         * it names an organization too, and never onto a person with another address: two
         * people with one name and different emails are two people.
         */
        Person find(Map<String, Object> fields, String organizationId) {
            Object emails = fields.get("emails");
            String email = null;
            if (emails instanceof List<?> list && !list.isEmpty()) {
                email = String.valueOf(list.get(0)).toLowerCase(Locale.ROOT);
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
            o.setOwnerId(user.id());
            o.setTeamId(user.teamId());
            newOrganizations.put(o.getNameKey(), o);
            person.setOrganizationId(o.getId());
            PersonFields.derive(person);
        }
    }
}
