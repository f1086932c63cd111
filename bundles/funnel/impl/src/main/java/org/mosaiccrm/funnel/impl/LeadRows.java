package org.mosaiccrm.funnel.impl;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.fields.CustomFields;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.imports.ImportType;
import org.mosaiccrm.platform.api.imports.RecordImport;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Leads from CSV ({@code POST /api/v1/funnel/import?type=leads}), the columns of
 * {@link LeadFields#CSV} and the leads' active custom fields. A row whose email is that of a
 * lead the user may reach (and that is not converted) updates it, so importing a file again
 * creates nothing new; other rows are new leads of the importing user and their team.
 */
@Component(service = ImportType.class)
public final class LeadRows extends RecordImport {

    @Activate
    public LeadRows(@Reference CustomFields customFields, @Reference AccessControl access) {
        super(FunnelModule.ID, "leads", FunnelModule.LEAD, LeadFields.CSV, List.of(FunnelModule.IMPORT, FunnelModule.WRITE), customFields,
                access);
    }

    @Override
    protected Batch batch(ObjectContext ctx, UserPrincipal user, List<Map<String, Object>> rows, FieldSchema custom) {
        Set<String> emails = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            if (row.get("email") instanceof String e) {
                emails.add(e.strip().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Lead> byEmail = new HashMap<>();
        for (Lead l : lookup(ctx, user, Lead.class, Lead.EMAIL_KEY, emails)) {
            if (!Lead.CONVERTED.equals(l.getStatus())) {
                byEmail.putIfAbsent(l.getEmailKey(), l);
            }
        }
        return fields -> {
            String email = fields.get("email") instanceof String e ? e.strip().toLowerCase(Locale.ROOT) : null;
            Lead existing = email == null ? null : byEmail.get(email);
            Lead lead = existing != null ? existing : ctx.newObject(Lead.class);
            List<String> before = existing == null ? null : LeadFields.row(existing, custom);
            FieldReader in = new FieldReader(fields);
            LeadFields.apply(in, lead, existing == null, custom);
            var outcome = settle(ctx, lead, existing == null, before, () -> LeadFields.row(lead, custom), in, user);
            if (!outcome.isFailed() && existing == null) {
                if (chosenOwnership() == null) {
                    LeadAssignment.assign(ctx, access, lead);
                }
                if (lead.getEmailKey() != null) {
                    byEmail.put(lead.getEmailKey(), lead);
                }
            }
            return outcome;
        };
    }
}
