package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.imports.RowOutcome;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Organizations from CSV. A row matches an existing organization the user may reach by its
 * domain, then by its name (also within the file) — but never one that has another domain:
 * two companies of one name on different domains are two companies.
 */
@Component(service = ImportType.class)
public final class OrganizationRows extends RecordImport {

    @Activate
    public OrganizationRows(@Reference CustomFields customFields, @Reference AccessControl access) {
        super(ContactsModule.ID, "organizations", ContactsModule.ORGANIZATION, OrganizationsCsv.FORM, List.of(ContactsModule.IMPORT, ContactsModule.WRITE), customFields,
                access);
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        Matcher matcher = new Matcher(ctx, user, rows);
        return fields -> {
            FieldReader in = new FieldReader(fields);
            Organization existing = matcher.find((String) fields.get("name"), (String) fields.get("domain"));
            Organization org = existing != null ? existing : ctx.newObject(Organization.class);
            Views.OrganizationView before = existing == null ? null : Views.organization(existing, custom);
            OrganizationFields.apply(in, org, existing == null, custom);
            RowOutcome outcome = settle(ctx, org, existing == null, before, () -> Views.organization(org, custom), in, user);
            if (!outcome.isFailed() && existing == null) {
                matcher.remember(org);
            }
            return outcome;
        };
    }

    /** Finds the organizations a batch refers to, in two queries per batch. */
    private final class Matcher {

        private final Map<String, Organization> byDomain = new HashMap<>();
        private final Map<String, Organization> byName = new HashMap<>();

        Matcher(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows) {
            Set<String> names = new HashSet<>();
            Set<String> domains = new HashSet<>();
            for (Map<String, Object> row : rows) {
                if (row.get("name") instanceof String name) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
                if (row.get("domain") instanceof String domain) {
                    domains.add(OrganizationFields.domain(domain));
                }
            }
            for (Organization o : lookup(ctx, user, Organization.class, Organization.DOMAIN, domains)) {
                byDomain.putIfAbsent(o.getDomain(), o);
            }
            for (Organization o : lookup(ctx, user, Organization.class, Organization.NAME_KEY, names)) {
                byName.putIfAbsent(o.getNameKey(), o);
            }
        }

        /** The organization a row with this name and domain describes, or null for a new one. */
        Organization find(String name, String domain) {
            String normalized = domain == null ? null : OrganizationFields.domain(domain);
            if (normalized != null && byDomain.containsKey(normalized)) {
                return byDomain.get(normalized);
            }
            Organization candidate = name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
            if (candidate != null && normalized != null && candidate.getDomain() != null && !normalized.equals(candidate.getDomain())) {
                return null;
            }
            return candidate;
        }

        void remember(Organization o) {
            if (o.getDomain() != null) {
                byDomain.put(o.getDomain(), o);
            }
            byName.put(o.getNameKey(), o);
        }
    }
}
