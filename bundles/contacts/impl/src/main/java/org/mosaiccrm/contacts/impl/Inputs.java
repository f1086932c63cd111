package org.mosaiccrm.contacts.impl;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.mosaiccrm.platform.api.rest.ApiBody;

/**
 * The bodies contacts' resources read as a {@code Map} with {@code FieldReader}, written out
 * for the OpenAPI document ({@link ApiBody}): each record's components are exactly the field
 * set the resource accepts ({@code InputsTest} holds them to it), so the document names the
 * real fields and their types. Nothing reads a body into these records.
 */
final class Inputs {

    private Inputs() {
    }

    /** An email: {@code {"address","label"}}, or a plain string taken as the address. */
    public record Email(String address, String label) {
    }

    /** A phone: {@code {"number","label"}}, or a plain string taken as the number. */
    public record Phone(String number, String label) {
    }

    public record Address(String label, String street, String city, String region, String postalCode, String country) {
    }

    /** {@link PersonFields#WRITABLE}; lifecycleStage one of {@link PersonFields#STAGES}; a granted consent needs at and source. */
    public record PersonInput(String firstName, String lastName, List<Email> emails, List<Phone> phones, String jobTitle,
            String organizationId, String lifecycleStage, String source, Views.Consent emailConsent, List<Address> addresses,
            List<String> tags, String ownerId, String teamId, Map<String, Object> customFields) {
    }

    /** {@link OrganizationFields#WRITABLE}; size one of {@link OrganizationFields#SIZES}; name required. */
    public record OrganizationInput(String name, String domain, String industry, String size, List<Phone> phones,
            List<Address> addresses, List<String> tags, String ownerId, String teamId, Map<String, Object> customFields) {
    }

    /** {@code POST …/{id}/merge}: the duplicate merged into this record, the fields taken from it, the version merged into. */
    public record MergeInput(String duplicateId, List<String> take, Long version) {
    }

    /** {@code POST /contacts/people/{id}/remind}: a task due in {@code days} (0 to 3650). */
    public record ReminderInput(Integer days, String title) {
    }

    /** {@link ActivitiesResource#WRITABLE}. */
    public record ActivityInput(String type, String direction, String subject, String body, Instant occurredAt, String personId,
            String organizationId, List<String> participants) {
    }

    /** {@link TasksResource#WRITABLE}: a task about a person or an organization. */
    public record TaskInput(String title, Instant dueAt, String assigneeId, String personId, String organizationId, String kind,
            Integer repeatDays) {
    }

    /** {@code POST /contacts/tasks/{id}/outcome}: how the call went, a note for the call's activity, the task's version. */
    public record CallOutcomeInput(String outcome, String note, Long version) {
    }

    /** {@link TasksResource#PATCHABLE}. */
    public record TaskChanges(String title, Instant dueAt, String assigneeId, Boolean done) {
    }

    /** {@link RelationshipsResource#WRITABLE}; kind one of {@link RelationshipsResource#KINDS}. */
    public record RelationshipInput(String personId, String organizationId, String kind, String title) {
    }

    /** {@link RelationshipsResource#PATCHABLE}. */
    public record RelationshipChanges(String kind, String title) {
    }

}
