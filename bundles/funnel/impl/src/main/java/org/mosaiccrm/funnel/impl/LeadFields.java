package org.mosaiccrm.funnel.impl;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.csv.CsvCells;
import org.mosaiccrm.platform.api.csv.CsvForm;
import org.mosaiccrm.platform.api.fields.FieldSchema;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * A lead's field spec, the one place that says what a lead is made of: the REST API, the
 * {@link org.mosaiccrm.funnel.api.Leads} service and the CSV import all go through {@link #apply}.
 */
final class LeadFields {

    static final Set<String> CREATABLE = Set.of("firstName", "lastName", "company", "email", "phone", "source", "status", "reason", "notes",
            "ownerId", "teamId", FieldSchema.FIELD);
    static final Set<String> PATCHABLE = Set.of("firstName", "lastName", "company", "email", "phone", "source", "status", "reason", "notes",
            "ownerId", "teamId", FieldSchema.FIELD, "version");
    /** The CSV columns, before the custom fields' {@code cf.<key>} columns. */
    static final CsvForm CSV = new CsvForm(List.of("firstName", "lastName", "company", "email", "phone", "source", "status", "reason",
            "notes"), Map.of(), Map.of());

    private LeadFields() {
    }

    /**
     * The fields onto the lead; errors collected on the reader. A lead needs a name or an
     * email; a disqualified lead needs the reason.
     */
    static void apply(FieldReader in, Lead lead, boolean creating, FieldSchema custom) {
        if (in.has("firstName")) {
            lead.setFirstName(in.text("firstName", 100));
        }
        if (in.has("lastName")) {
            lead.setLastName(in.text("lastName", 100));
        }
        if (in.has("company")) {
            lead.setCompany(in.text("company", 200));
        }
        if (in.has("email")) {
            String email = in.text("email", 320);
            if (email != null && !FieldReader.EMAIL.matcher(email).matches()) {
                in.error("email", "notAnEmail", "is not an email address");
            }
            lead.setEmail(email);
        }
        if (in.has("phone")) {
            String phone = in.text("phone", 40);
            if (phone != null && !FieldReader.PHONE.matcher(phone).matches()) {
                in.error("phone", "notAPhone", "is not a phone number");
            }
            lead.setPhone(phone);
        }
        if (in.has("source")) {
            lead.setSource(in.text("source", 100));
        }
        if (in.has("status")) {
            String status = in.choice("status", Lead.STATUSES);
            if (status != null) {
                lead.setStatus(status);
            }
        } else if (creating) {
            lead.setStatus(Lead.NEW);
        }
        if (in.has("reason")) {
            lead.setReason(in.text("reason", 200));
        }
        if (in.has("notes")) {
            lead.setNotes(in.verbatim("notes", 4000));
        }
        if (creating || in.has(FieldSchema.FIELD)) {
            lead.setCustomJson(custom.apply(in, lead.getCustomJson(), creating));
        }
        if (lead.getFirstName() == null && lead.getLastName() == null && lead.getEmail() == null) {
            in.error("lastName", "a lead needs a first name, a last name or an email address");
        }
        if (Lead.DISQUALIFIED.equals(lead.getStatus()) && lead.getReason() == null) {
            in.error("reason", "is needed when a lead is disqualified");
        }
    }

    /** The lead as a CSV row, in {@code CSV.columns(custom)} order. */
    static List<String> row(Lead l, FieldSchema custom) {
        List<String> row = new java.util.ArrayList<>(java.util.stream.Stream.of(l.getFirstName(), l.getLastName(), l.getCompany(),
                l.getEmail(), l.getPhone(), l.getSource(), l.getStatus(), l.getReason(), l.getNotes()).map(CsvCells::cell).toList());
        row.addAll(custom.cells(l.getCustomJson()));
        return row;
    }
}
