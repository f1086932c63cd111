package org.mosaiccrm.contacts.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.jobs.BatchResult;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * Organizations from CSV. A row matches an existing organization the user may reach by its
 * domain, then by its name (also within the file) — but never one that has another domain:
 * two companies of one name on different domains are two companies.
 */
final class OrganizationRows implements ImportRows {

    private final AccessControl access;

    OrganizationRows(AccessControl access) {
        this.access = access;
    }

    @Override
    public String type() {
        return "organizations";
    }

    @Override
    public String entity() {
        return CustomFields.ORGANIZATION;
    }

    @Override
    public CsvForm form() {
        return OrganizationsCsv.FORM;
    }

    @Override
    public Batch batch(ObjectContext ctx, UserPrincipal user, List<String> header, List<List<String>> rows, CustomFields.Schema custom) {
        Matcher matcher = new Matcher(ctx, user, rows, header);
        return (cells, rowNumber, result) -> importRow(ctx, user, header, custom, cells, rowNumber, matcher, result);
    }

    private static void importRow(ObjectContext ctx, UserPrincipal user, List<String> header, CustomFields.Schema custom,
            List<String> cells, long rowNumber, Matcher matcher, BatchResult result) {
        FieldReader cellErrors = new FieldReader(Map.of());
        Map<String, Object> fields = OrganizationsCsv.FORM.fields(header, cells, custom, cellErrors);
        if (!cellErrors.errors().isEmpty()) {
            ImportRows.fail(OrganizationsCsv.FORM, cellErrors.errors().get(0), rowNumber, result);
            return;
        }
        FieldReader in = new FieldReader(fields);
        Organization existing = matcher.find((String) fields.get("name"), (String) fields.get("domain"));
        Organization org = existing != null ? existing : ctx.newObject(Organization.class);
        Views.OrganizationView before = existing == null ? null : Views.organization(existing, custom);
        OrganizationFields.apply(in, org, existing == null, custom);
        if (ImportRows.settle(ctx, org, existing == null, before, () -> Views.organization(org, custom), in, OrganizationsCsv.FORM,
                user, rowNumber, result) && existing == null) {
            matcher.remember(org);
        }
    }

    /** Finds the organizations a batch refers to, in two queries per batch. */
    private final class Matcher {

        private final Map<String, Organization> byDomain = new HashMap<>();
        private final Map<String, Organization> byName = new HashMap<>();

        Matcher(ObjectContext ctx, UserPrincipal user, List<List<String>> rows, List<String> header) {
            int nameColumn = header.indexOf("name");
            int domainColumn = header.indexOf("domain");
            Set<String> names = new HashSet<>();
            Set<String> domains = new HashSet<>();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    continue;
                }
                if (nameColumn >= 0 && !ImportRows.cell(row, nameColumn).isEmpty()) {
                    names.add(ImportRows.cell(row, nameColumn).toLowerCase(Locale.ROOT));
                }
                if (domainColumn >= 0 && !ImportRows.cell(row, domainColumn).isEmpty()) {
                    domains.add(OrganizationFields.domain(ImportRows.cell(row, domainColumn)));
                }
            }
            for (Organization o : ImportRows.lookup(ctx, access, user, Organization.class, Organization.DOMAIN, domains)) {
                byDomain.putIfAbsent(o.getDomain(), o);
            }
            for (Organization o : ImportRows.lookup(ctx, access, user, Organization.class, Organization.NAME_KEY, names)) {
                byName.putIfAbsent(o.getNameKey(), o);
            }
        }

        /** The organization a row with this name and domain describes, or null for a new one. */
        Organization find(String name, String domain) {
            String normalized = domain == null ? null : OrganizationFields.domain(domain);
            if (normalized != null && byDomain.containsKey(normalized)) {
                return byDomain.get(normalized);
            }
            Organization candidate = name == null ? null : byName.get(name.strip().toLowerCase(Locale.ROOT));
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
