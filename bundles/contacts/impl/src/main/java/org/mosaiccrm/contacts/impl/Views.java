package org.mosaiccrm.contacts.impl;

import org.mosaiccrm.platform.api.fields.FieldSchema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** How contact records look in JSON. */
final class Views {

    private Views() {
    }

    public record Consent(boolean granted, Instant at, String source) {
    }

    /** The primary address bounced for good: when, and the receiving server's words. */
    public record Undeliverable(String address, Instant at, String reason) {
    }

    public record PersonView(String id, long version, String firstName, String lastName, List<Map<String, String>> emails,
            List<Map<String, String>> phones, List<Map<String, String>> addresses, String jobTitle, String organizationId,
            String lifecycleStage, String source, Consent emailConsent, Undeliverable emailUndeliverable, List<String> tags,
            Map<String, Object> customFields, String ownerId, String teamId, Instant createdAt, Instant updatedAt) {
    }

    public record OrganizationView(String id, long version, String name, String domain, String industry, String size,
            List<Map<String, String>> phones, List<Map<String, String>> addresses, List<String> tags,
            Map<String, Object> customFields, String ownerId, String teamId, Instant createdAt, Instant updatedAt) {
    }

    public record ActivityView(String id, long version, String type, String direction, String subject, String body,
            Instant occurredAt, String personId, String organizationId, List<String> participants, String sourceModule,
            String ownerId, String teamId, Instant createdAt) {
    }

    /** {@code kind} todo or call; a call's {@code outcome} once logged, {@code nextId} the call that followed it. */
    public record TaskView(String id, long version, String title, Instant dueAt, String assigneeId, String personId,
            String organizationId, boolean done, Instant remindedAt, String ownerId, String teamId, Instant createdAt,
            Instant updatedAt, String kind, String outcome, Integer repeatDays, String source, String nextId) {
    }

    public record RelationshipView(String id, long version, String personId, String organizationId, String kind, String title,
            String ownerId, String teamId, Instant createdAt, Instant updatedAt) {
    }

    static RelationshipView relationship(Relationship r) {
        return new RelationshipView(r.getId(), r.getVersion(), r.getPersonId(), r.getOrganizationId(), r.getKind(), r.getTitle(),
                r.getOwnerId(), r.getTeamId(), at(r.getCreatedAt()), at(r.getUpdatedAt()));
    }

    /** The person as JSON; custom values of the active fields of {@code custom}, or all stored ones when null. */
    static PersonView person(Person p, FieldSchema custom) {
        return new PersonView(p.getId(), p.getVersion(), p.getFirstName(), p.getLastName(), Json.listOfMaps(p.getEmailsJson()),
                Json.listOfMaps(p.getPhonesJson()), Json.listOfMaps(p.getAddressesJson()), p.getJobTitle(), p.getOrganizationId(),
                p.getLifecycleStage(), p.getSource(), new Consent(p.isEmailConsent(), at(p.getEmailConsentAt()), p.getEmailConsentSource()),
                p.isEmailUndeliverable() ? new Undeliverable(p.getEmailBounced(), at(p.getEmailBouncedAt()), p.getEmailBounceReason()) : null,
                Json.strings(p.getTagsJson()), customFields(p.getCustomJson(), custom), p.getOwnerId(), p.getTeamId(), at(p.getCreatedAt()), at(p.getUpdatedAt()));
    }

    /** The organization as JSON; custom values as for {@link #person}. */
    static OrganizationView organization(Organization o, FieldSchema custom) {
        return new OrganizationView(o.getId(), o.getVersion(), o.getName(), o.getDomain(), o.getIndustry(), o.getSize(),
                Json.listOfMaps(o.getPhonesJson()), Json.listOfMaps(o.getAddressesJson()), Json.strings(o.getTagsJson()),
                customFields(o.getCustomJson(), custom), o.getOwnerId(), o.getTeamId(), at(o.getCreatedAt()), at(o.getUpdatedAt()));
    }

    static ActivityView activity(Activity a) {
        return new ActivityView(a.getId(), a.getVersion(), a.getType(), a.getDirection(), a.getSubject(), a.getBody(),
                at(a.getOccurredAt()), a.getPersonId(), a.getOrganizationId(), Json.strings(a.getParticipantsJson()),
                a.getSourceModule(), a.getOwnerId(), a.getTeamId(), at(a.getCreatedAt()));
    }

    static TaskView task(Task t) {
        return new TaskView(t.getId(), t.getVersion(), t.getTitle(), at(t.getDueAt()), t.getAssigneeId(), t.getPersonId(),
                t.getOrganizationId(), t.isDone(), at(t.getRemindedAt()), t.getOwnerId(), t.getTeamId(), at(t.getCreatedAt()),
                at(t.getUpdatedAt()), t.getKind(), t.getOutcome(), t.getRepeatDays(), t.getSource(), t.getNextId());
    }

    private static Map<String, Object> customFields(String stored, FieldSchema custom) {
        return custom == null ? FieldSchema.read(stored) : custom.view(stored);
    }

    static Instant at(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
