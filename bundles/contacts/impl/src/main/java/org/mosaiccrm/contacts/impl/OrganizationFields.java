package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import org.mosaiccrm.platform.api.rest.FieldReader;
import java.util.Locale;
import java.util.Set;

/** The writable fields of an organization, shared by the REST resource and the CSV import. */
final class OrganizationFields {

    static final Set<String> WRITABLE = Set.of("name", "domain", "industry", "size", "phones", "addresses", "tags", "ownerId", "teamId",
            FieldSchema.FIELD);
    static final Set<String> SIZES = Set.of("1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+");

    private OrganizationFields() {
    }

    /** A domain as stored: lower case, without a scheme or path ({@code https://Example.com/about} → {@code example.com}). */
    static String domain(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    }

    /**
     * Applies the fields present in the reader, custom fields checked against {@code custom}
     * (null: leave them alone); the caller checks {@link FieldReader#errors()}.
     */
    static void apply(FieldReader in, Organization o, boolean creating, FieldSchema custom) {
        if (custom != null && (in.has(FieldSchema.FIELD) || creating)) {
            o.setCustomJson(custom.apply(in, o.getCustomJson(), creating));
        }
        if (in.has("name")) {
            String name = in.text("name", 200);
            o.setName(name);
            o.nameChanged();
        }
        if (in.has("domain")) {
            String domain = in.text("domain", 253);
            if (domain != null) {
                domain = domain(domain);
                if (!FieldReader.DOMAIN.matcher(domain).matches()) {
                    in.error("domain", "notADomain", "is not a domain name such as example.com");
                }
            }
            o.setDomain(domain);
        }
        if (in.has("industry")) {
            o.setIndustry(in.text("industry", 100));
        }
        if (in.has("size")) {
            o.setSize(in.choice("size", SIZES));
        }
        if (in.has("phones")) {
            o.setPhonesJson(Json.write(in.labelled("phones", "number", FieldReader.PHONE, 40, "phone number")));
        }
        if (in.has("addresses")) {
            o.setAddressesJson(Json.write(in.addresses("addresses")));
        }
        if (in.has("tags")) {
            o.setTagsJson(Json.write(in.tags("tags")));
        }
        if (o.getName() == null) {
            in.error("name", "required", "is required");
        }
    }
}
