package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.FieldReader;

/**
 * The writable fields of a person, shared by the REST resource and the CSV import so that
 * both accept and refuse exactly the same values.
 */
final class PersonFields {

    static final Set<String> WRITABLE = Set.of("firstName", "lastName", "emails", "phones", "jobTitle", "organizationId",
            "lifecycleStage", "source", "emailConsent", "addresses", "tags", "ownerId", "teamId", FieldSchema.FIELD);
    static final Set<String> STAGES = Set.of("subscriber", "lead", "opportunity", "customer", "evangelist", "other");
    static final Set<String> CONSENT_FIELDS = Set.of("granted", "at", "source");

    private PersonFields() {
    }

    /**
     * Applies the fields present in the reader, custom fields checked against {@code custom};
     * the caller checks {@link FieldReader#errors()}.
     */
    static void apply(FieldReader in, Person p, boolean creating, FieldSchema custom) {
        if (in.has(FieldSchema.FIELD) || creating) {
            p.setCustomJson(custom.apply(in, p.getCustomJson(), creating));
        }
        if (in.has("firstName")) {
            p.setFirstName(in.text("firstName", 100));
        }
        if (in.has("lastName")) {
            p.setLastName(in.text("lastName", 100));
        }
        if (in.has("emails")) {
            p.setEmailsJson(Json.write(in.labelled("emails", "address", FieldReader.EMAIL, 320, "email address")));
        }
        if (in.has("phones")) {
            p.setPhonesJson(Json.write(in.labelled("phones", "number", FieldReader.PHONE, 40, "phone number")));
        }
        if (in.has("addresses")) {
            p.setAddressesJson(Json.write(in.addresses("addresses")));
        }
        if (in.has("jobTitle")) {
            p.setJobTitle(in.text("jobTitle", 150));
        }
        if (in.has("organizationId")) {
            String org = in.text("organizationId", 36);
            if (org != null && !RecordIds.isWellFormed(org)) {
                in.error("organizationId", "notAnId", "is not an organization id");
            }
            p.setOrganizationId(org);
        }
        if (in.has("lifecycleStage")) {
            p.setLifecycleStage(in.choice("lifecycleStage", STAGES));
        }
        if (in.has("source")) {
            p.setSource(in.text("source", 100));
        }
        if (in.has("tags")) {
            p.setTagsJson(Json.write(in.tags("tags")));
        }
        if (in.has("emailConsent")) {
            applyConsent(in, p);
        } else if (creating) {
            p.setEmailConsent(false);
        }
        derive(p);
        if (p.getFirstName() == null && p.getLastName() == null && p.getPrimaryEmail() == null) {
            in.error("lastName", "contacts.personNeedsName", "a person needs a first name, a last name or an email address");
        }
    }

    private static void applyConsent(FieldReader in, Person p) {
        Object raw = in.has("emailConsent") ? rawConsent(in) : null;
        if (raw == null) {
            p.setEmailConsent(false);
            p.setEmailConsentAt(null);
            p.setEmailConsentSource(null);
            return;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            in.error("emailConsent", "must be an object {\"granted\",\"at\",\"source\"}");
            return;
        }
        for (Object key : m.keySet()) {
            if (!CONSENT_FIELDS.contains(key)) {
                in.error("emailConsent." + key, "is not a field of a consent; use " + CONSENT_FIELDS);
            }
        }
        @SuppressWarnings("unchecked")
        FieldReader consent = new FieldReader((Map<String, Object>) m);
        Boolean granted = consent.flag("granted");
        p.setEmailConsent(Boolean.TRUE.equals(granted));
        p.setEmailConsentAt(consent.instant("at"));
        p.setEmailConsentSource(consent.text("source", 200));
        if (Boolean.TRUE.equals(granted) && (p.getEmailConsentAt() == null || p.getEmailConsentSource() == null)) {
            in.error("emailConsent", "contacts.consentNeedsDateAndSource", "a granted consent needs the date (at) and the source it was given through");
        }
        consent.errors().forEach(e -> in.error(new org.mosaiccrm.platform.api.rest.FieldError("emailConsent." + e.field(), e.message(), e.code(), e.params())));
    }

    private static Object rawConsent(FieldReader in) {
        return in.raw("emailConsent");
    }

    /** Keeps the columns that queries and deduplication use in step with the fields. */
    static void derive(Person p) {
        List<Map<String, String>> emails = Json.listOfMaps(p.getEmailsJson());
        String primary = emails.isEmpty() ? null : emails.get(0).get("address").toLowerCase(Locale.ROOT);
        p.setPrimaryEmail(primary);
        StringBuilder search = new StringBuilder();
        append(search, p.getFirstName());
        append(search, p.getLastName());
        for (Map<String, String> e : emails) {
            append(search, e.get("address"));
        }
        String text = search.toString().toLowerCase(Locale.ROOT);
        p.setSearchText(text.length() > 1200 ? text.substring(0, 1200) : text);
        p.setDedupeKey(dedupeKey(p.getFirstName(), p.getLastName(), p.getOrganizationId()));
        p.sortKeys();
    }

    /** The second deduplication rule: the same name in the same organization. */
    static String dedupeKey(String first, String last, String organizationId) {
        String key = (first == null ? "" : first.strip().toLowerCase(Locale.ROOT)) + "|"
                + (last == null ? "" : last.strip().toLowerCase(Locale.ROOT)) + "|" + (organizationId == null ? "" : organizationId);
        return key.length() > 520 ? key.substring(0, 520) : key;
    }

    private static void append(StringBuilder sb, String value) {
        if (value != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(value);
        }
    }
}
