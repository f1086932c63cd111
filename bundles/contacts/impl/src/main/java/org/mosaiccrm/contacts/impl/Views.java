package org.mosaiccrm.contacts.impl;

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

    public record PersonView(String id, long version, String firstName, String lastName, List<Map<String, String>> emails,
            List<Map<String, String>> phones, List<Map<String, String>> addresses, String jobTitle, String organizationId,
            String lifecycleStage, String source, Consent emailConsent, List<String> tags, String ownerId, String teamId,
            Instant createdAt, Instant updatedAt) {
    }

    public record OrganizationView(String id, long version, String name, String domain, String industry, String size,
            List<Map<String, String>> phones, List<Map<String, String>> addresses, List<String> tags, String ownerId,
            String teamId, Instant createdAt, Instant updatedAt) {
    }

    public record ActivityView(String id, long version, String type, String direction, String subject, String body,
            Instant occurredAt, String personId, String organizationId, List<String> participants, String sourceModule,
            String ownerId, String teamId, Instant createdAt) {
    }

    public record TaskView(String id, long version, String title, Instant dueAt, String assigneeId, String personId,
            String organizationId, boolean done, Instant remindedAt, String ownerId, String teamId, Instant createdAt,
            Instant updatedAt) {
    }

    static PersonView person(Person p) {
        return new PersonView(p.getId(), p.getVersion(), p.getFirstName(), p.getLastName(), Json.listOfMaps(p.getEmailsJson()),
                Json.listOfMaps(p.getPhonesJson()), Json.listOfMaps(p.getAddressesJson()), p.getJobTitle(), p.getOrganizationId(),
                p.getLifecycleStage(), p.getSource(), new Consent(p.isEmailConsent(), at(p.getEmailConsentAt()), p.getEmailConsentSource()),
                Json.strings(p.getTagsJson()), p.getOwnerId(), p.getTeamId(), at(p.getCreatedAt()), at(p.getUpdatedAt()));
    }

    static OrganizationView organization(Organization o) {
        return new OrganizationView(o.getId(), o.getVersion(), o.getName(), o.getDomain(), o.getIndustry(), o.getSize(),
                Json.listOfMaps(o.getPhonesJson()), Json.listOfMaps(o.getAddressesJson()), Json.strings(o.getTagsJson()),
                o.getOwnerId(), o.getTeamId(), at(o.getCreatedAt()), at(o.getUpdatedAt()));
    }

    static ActivityView activity(Activity a) {
        return new ActivityView(a.getId(), a.getVersion(), a.getType(), a.getDirection(), a.getSubject(), a.getBody(),
                at(a.getOccurredAt()), a.getPersonId(), a.getOrganizationId(), Json.strings(a.getParticipantsJson()),
                a.getSourceModule(), a.getOwnerId(), a.getTeamId(), at(a.getCreatedAt()));
    }

    static TaskView task(Task t) {
        return new TaskView(t.getId(), t.getVersion(), t.getTitle(), at(t.getDueAt()), t.getAssigneeId(), t.getPersonId(),
                t.getOrganizationId(), t.isDone(), at(t.getRemindedAt()), t.getOwnerId(), t.getTeamId(), at(t.getCreatedAt()),
                at(t.getUpdatedAt()));
    }

    static Instant at(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
