package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.AuditLog;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Merges a duplicate into a survivor, in one transaction: the fields named in {@code take}
 * come from the duplicate, every other field keeps the survivor's value; emails, phones and
 * tags are united so that no address is lost; every activity, task and relationship of the
 * duplicate moves to the survivor; the duplicate is deleted; the merge is audited.
 */
@Component(service = Merger.class)
public class Merger {

    static final Set<String> PERSON_TAKEABLE = Set.of("firstName", "lastName", "jobTitle", "organizationId", "lifecycleStage",
            "source", "addresses", "emailConsent");
    static final Set<String> ORGANIZATION_TAKEABLE = Set.of("name", "domain", "industry", "size", "addresses");

    @Reference
    private AccessControl access;

    @Reference
    private AuditLog audit;

    @Reference
    private Persistence persistence;

    /** What a merge asks: {"duplicateId", "take": [fields to take from the duplicate], "version"}; 400 naming what is wrong. */
    record Request(String duplicateId, List<String> take, Long expected) {

        static Request read(Map<String, Object> body) {
            FieldReader merge = FieldReader.of(body, Set.of("duplicateId", "take", "version"), "merge");
            Long expected = merge.expectedVersion(null);
            List<String> take = merge.has("take") ? merge.texts("take") : List.of();
            String duplicateId = merge.text("duplicateId", 36);
            merge.requireValid();
            return new Request(duplicateId, take, expected);
        }
    }

    /** Runs a merge in one transaction; a survivor changed since the version the client saw is refused (409) and nothing moves. */
    <R extends MosaicRecord> R merge(Request request, java.util.function.Function<ObjectContext, R> work) {
        return persistence.write(ctx -> {
            R survivor = work.apply(ctx);
            if (request.expected() != null) {
                survivor.requireVersion(request.expected());
            }
            return survivor;
        });
    }

    Person mergePeople(ObjectContext ctx, UserPrincipal user, String survivorId, String duplicateId, List<String> take) {
        check(survivorId, duplicateId, take, PERSON_TAKEABLE);
        Person survivor = Records.find(ctx, access, user, Person.class, survivorId, "person");
        Person duplicate = Records.find(ctx, access, user, Person.class, duplicateId, "person");
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("survivor", Views.person(survivor, null));
        before.put("duplicate", Views.person(duplicate, null));
        for (String field : take) {
            switch (field) {
                case "emailConsent" -> {
                    survivor.setEmailConsent(duplicate.isEmailConsent());
                    survivor.setEmailConsentAt(duplicate.getEmailConsentAt());
                    survivor.setEmailConsentSource(duplicate.getEmailConsentSource());
                }
                case "addresses" -> survivor.setAddressesJson(duplicate.getAddressesJson());
                default -> survivor.writeProperty(field, duplicate.readProperty(field));
            }
        }
        survivor.setEmailsJson(Json.write(unite(Json.listOfMaps(survivor.getEmailsJson()), Json.listOfMaps(duplicate.getEmailsJson()),
                "address")));
        survivor.setPhonesJson(Json.write(unite(Json.listOfMaps(survivor.getPhonesJson()), Json.listOfMaps(duplicate.getPhonesJson()),
                "number")));
        survivor.setTagsJson(Json.write(uniteTags(survivor.getTagsJson(), duplicate.getTagsJson())));
        survivor.setCustomJson(FieldSchema.unite(survivor.getCustomJson(), duplicate.getCustomJson()));
        PersonFields.derive(survivor);
        // A bounce belongs to the address that bounced: the duplicate's goes along when that
        // address is now the survivor's primary one (a survivor without an address of its own),
        // so that campaigns keep leaving it out.
        String bounced = duplicate.getEmailBounced();
        if (bounced != null && bounced.equals(survivor.getPrimaryEmail()) && !bounced.equals(survivor.getEmailBounced())) {
            survivor.setEmailBounced(bounced);
            survivor.setEmailBouncedAt(duplicate.getEmailBouncedAt());
            survivor.setEmailBounceReason(duplicate.getEmailBounceReason());
        }
        for (Activity a : ObjectSelect.query(Activity.class).where(Activity.PERSON_ID.eq(duplicateId)).select(ctx)) {
            a.setPersonId(survivorId);
        }
        for (Task t : ObjectSelect.query(Task.class).where(Task.PERSON_ID.eq(duplicateId)).select(ctx)) {
            t.setPersonId(survivorId);
        }
        for (Relationship r : ObjectSelect.query(Relationship.class).where(Relationship.PERSON_ID.eq(duplicateId)).select(ctx)) {
            r.setPersonId(survivorId);
        }
        ctx.deleteObject(duplicate);
        audit.record("contacts.person.merged", "contacts/person/" + survivorId, Map.of("duplicate", duplicateId, "take", take,
                "before", before));
        return survivor;
    }

    Organization mergeOrganizations(ObjectContext ctx, UserPrincipal user, String survivorId, String duplicateId, List<String> take) {
        check(survivorId, duplicateId, take, ORGANIZATION_TAKEABLE);
        Organization survivor = Records.find(ctx, access, user, Organization.class, survivorId, "organization");
        Organization duplicate = Records.find(ctx, access, user, Organization.class, duplicateId, "organization");
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("survivor", Views.organization(survivor, null));
        before.put("duplicate", Views.organization(duplicate, null));
        for (String field : take) {
            if ("addresses".equals(field)) {
                survivor.setAddressesJson(duplicate.getAddressesJson());
            } else {
                survivor.writeProperty(field, duplicate.readProperty(field));
            }
        }
        survivor.nameChanged();
        survivor.setPhonesJson(Json.write(unite(Json.listOfMaps(survivor.getPhonesJson()), Json.listOfMaps(duplicate.getPhonesJson()),
                "number")));
        survivor.setTagsJson(Json.write(uniteTags(survivor.getTagsJson(), duplicate.getTagsJson())));
        survivor.setCustomJson(FieldSchema.unite(survivor.getCustomJson(), duplicate.getCustomJson()));
        for (Person p : ObjectSelect.query(Person.class).where(Person.ORGANIZATION_ID.eq(duplicateId)).select(ctx)) {
            p.setOrganizationId(survivorId);
            PersonFields.derive(p);
        }
        for (Activity a : ObjectSelect.query(Activity.class).where(Activity.ORGANIZATION_ID.eq(duplicateId)).select(ctx)) {
            a.setOrganizationId(survivorId);
        }
        for (Task t : ObjectSelect.query(Task.class).where(Task.ORGANIZATION_ID.eq(duplicateId)).select(ctx)) {
            t.setOrganizationId(survivorId);
        }
        for (Relationship r : ObjectSelect.query(Relationship.class).where(Relationship.ORGANIZATION_ID.eq(duplicateId)).select(ctx)) {
            r.setOrganizationId(survivorId);
        }
        ctx.deleteObject(duplicate);
        audit.record("contacts.organization.merged", "contacts/organization/" + survivorId,
                Map.of("duplicate", duplicateId, "take", take, "before", before));
        return survivor;
    }

    private static void check(String survivorId, String duplicateId, List<String> take, Set<String> takeable) {
        if (duplicateId == null) {
            throw Problems.invalid("duplicateId", "required", "is required");
        }
        if (duplicateId.equals(survivorId)) {
            throw Problems.invalid("duplicateId", "must name another record than the survivor");
        }
        List<String> refused = new ArrayList<>();
        for (String f : take) {
            if (!takeable.contains(f)) {
                refused.add(f);
            }
        }
        if (!refused.isEmpty()) {
            throw Problems.invalid("take", "names fields that cannot be taken from the duplicate: " + refused + "; choose from "
                    + takeable + " (emails, phones and tags are always united)");
        }
    }

    private static List<Map<String, String>> unite(List<Map<String, String>> a, List<Map<String, String>> b, String key) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Map<String, String> e : a) {
            all.putIfAbsent(e.get(key).toLowerCase(java.util.Locale.ROOT), e);
        }
        for (Map<String, String> e : b) {
            all.putIfAbsent(e.get(key).toLowerCase(java.util.Locale.ROOT), e);
        }
        return new ArrayList<>(all.values()).subList(0, Math.min(all.size(), 10));
    }

    private static List<String> uniteTags(String a, String b) {
        Set<String> tags = new LinkedHashSet<>(Json.strings(a));
        tags.addAll(Json.strings(b));
        return new ArrayList<>(tags);
    }
}
