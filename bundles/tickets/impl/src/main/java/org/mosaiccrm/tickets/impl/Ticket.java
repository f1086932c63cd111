package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.*;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A support ticket: what a customer asked, where it stands, and its SLA clocks (their state as JSON, their due times in columns of their own for lists and warnings). */
public class Ticket extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final NumericProperty<Long> NUMBER = PropertyFactory.createNumeric("number", Long.class);
    public static final StringProperty<String> SUBJECT = PropertyFactory.createString("subject", String.class);
    public static final StringProperty<String> SUBJECT_KEY = PropertyFactory.createString("subjectKey", String.class);
    public static final StringProperty<String> DESCRIPTION = PropertyFactory.createString("description", String.class);
    public static final StringProperty<String> REQUESTER_ID = PropertyFactory.createString("requesterId", String.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    public static final StringProperty<String> CHANNEL = PropertyFactory.createString("channel", String.class);
    public static final StringProperty<String> PRIORITY = PropertyFactory.createString("priority", String.class);
    public static final StringProperty<String> STATUS = PropertyFactory.createString("status", String.class);
    public static final StringProperty<String> QUEUE_ID = PropertyFactory.createString("queueId", String.class);
    public static final StringProperty<String> ASSIGNEE_ID = PropertyFactory.createString("assigneeId", String.class);
    public static final StringProperty<String> TAGS_JSON = PropertyFactory.createString("tagsJson", String.class);
    public static final StringProperty<String> POLICY_ID = PropertyFactory.createString("policyId", String.class);
    public static final StringProperty<String> SLA_STATE = PropertyFactory.createString("slaState", String.class);
    /** The ticket this one was merged into (it is closed then, its conversation moved there). */
    public static final StringProperty<String> MERGED_INTO = PropertyFactory.createString("mergedInto", String.class);
    /** The SLA warnings sent, as {@code clock:kind} keys ({@link SlaWarnings}). */
    public static final StringProperty<String> SLA_WARNED = PropertyFactory.createString("slaWarned", String.class);
    /**
     * The earliest time (UTC) at which the ticket may owe an SLA warning it has not been sent, null
     * when it can owe none: what the warning job looks up through its index instead of reading
     * every open ticket ({@link SlaWarnings#next}).
     */
    public static final DateProperty<java.time.LocalDateTime> NEXT_WARNING_AT = PropertyFactory.createDate("nextWarningAt", java.time.LocalDateTime.class);
    public static final DateProperty<java.time.LocalDateTime> FIRST_RESPONSE_DUE = PropertyFactory.createDate("firstResponseDue", java.time.LocalDateTime.class);
    public static final DateProperty<java.time.LocalDateTime> NEXT_RESPONSE_DUE = PropertyFactory.createDate("nextResponseDue", java.time.LocalDateTime.class);
    public static final DateProperty<java.time.LocalDateTime> RESOLUTION_DUE = PropertyFactory.createDate("resolutionDue", java.time.LocalDateTime.class);
    public static final BaseProperty<Boolean> BREACHED = PropertyFactory.createBase("breached", Boolean.class);
    public static final DateProperty<java.time.LocalDateTime> SOLVED_AT = PropertyFactory.createDate("solvedAt", java.time.LocalDateTime.class);
    /** The customer's rating of the solved ticket, 1 to 5 ({@link TicketSatisfaction}). */
    public static final NumericProperty<Integer> SATISFACTION_SCORE = PropertyFactory.createNumeric("satisfactionScore", Integer.class);
    public static final StringProperty<String> SATISFACTION_COMMENT = PropertyFactory.createString("satisfactionComment", String.class);
    public static final DateProperty<java.time.LocalDateTime> RATED_AT = PropertyFactory.createDate("ratedAt", java.time.LocalDateTime.class);
    /** The custom fields' values, canonical JSON ({@link org.mosaiccrm.platform.api.fields.FieldSchema}): staff-only, never on the portal. */
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);

    public Long getNumber() {
        return (Long) readProperty(NUMBER.getName());
    }

    public void setNumber(Long value) {
        writeProperty(NUMBER.getName(), value);
    }

    public String getSubject() {
        return (String) readProperty(SUBJECT.getName());
    }

    public void setSubject(String value) {
        writeProperty(SUBJECT.getName(), value);
        writeProperty(SUBJECT_KEY.getName(), value == null ? null : value.toLowerCase(java.util.Locale.ROOT));
    }

    /** "#1234 Printer on fire": how the audit and the timeline name a ticket. */
    @Override
    public String displayName() {
        return "#" + getNumber() + " " + getSubject();
    }

    public String getSubjectKey() {
        return (String) readProperty(SUBJECT_KEY.getName());
    }

    public void setSubjectKey(String value) {
        writeProperty(SUBJECT_KEY.getName(), value);
    }

    public String getDescription() {
        return (String) readProperty(DESCRIPTION.getName());
    }

    public void setDescription(String value) {
        writeProperty(DESCRIPTION.getName(), value);
    }

    public String getRequesterId() {
        return (String) readProperty(REQUESTER_ID.getName());
    }

    public void setRequesterId(String value) {
        writeProperty(REQUESTER_ID.getName(), value);
    }

    public String getOrganizationId() {
        return (String) readProperty(ORGANIZATION_ID.getName());
    }

    public void setOrganizationId(String value) {
        writeProperty(ORGANIZATION_ID.getName(), value);
    }

    public String getChannel() {
        return (String) readProperty(CHANNEL.getName());
    }

    public void setChannel(String value) {
        writeProperty(CHANNEL.getName(), value);
    }

    public String getPriority() {
        return (String) readProperty(PRIORITY.getName());
    }

    public void setPriority(String value) {
        writeProperty(PRIORITY.getName(), value);
    }

    public String getStatus() {
        return (String) readProperty(STATUS.getName());
    }

    public void setStatus(String value) {
        writeProperty(STATUS.getName(), value);
    }

    public String getQueueId() {
        return (String) readProperty(QUEUE_ID.getName());
    }

    public void setQueueId(String value) {
        writeProperty(QUEUE_ID.getName(), value);
    }

    public String getAssigneeId() {
        return (String) readProperty(ASSIGNEE_ID.getName());
    }

    public void setAssigneeId(String value) {
        writeProperty(ASSIGNEE_ID.getName(), value);
    }

    public String getTagsJson() {
        return (String) readProperty(TAGS_JSON.getName());
    }

    public void setTagsJson(String value) {
        writeProperty(TAGS_JSON.getName(), value);
    }

    public String getPolicyId() {
        return (String) readProperty(POLICY_ID.getName());
    }

    public void setPolicyId(String value) {
        writeProperty(POLICY_ID.getName(), value);
    }

    public String getMergedInto() {
        return (String) readProperty(MERGED_INTO.getName());
    }

    public void setMergedInto(String value) {
        writeProperty(MERGED_INTO.getName(), value);
    }

    public String getSlaWarned() {
        return (String) readProperty(SLA_WARNED.getName());
    }

    public void setSlaWarned(String value) {
        writeProperty(SLA_WARNED.getName(), value);
    }

    public java.time.LocalDateTime getNextWarningAt() {
        return (java.time.LocalDateTime) readProperty(NEXT_WARNING_AT.getName());
    }

    public void setNextWarningAt(java.time.LocalDateTime value) {
        writeProperty(NEXT_WARNING_AT.getName(), value);
    }

    public String getSlaState() {
        return (String) readProperty(SLA_STATE.getName());
    }

    public void setSlaState(String value) {
        writeProperty(SLA_STATE.getName(), value);
    }

    public java.time.LocalDateTime getFirstResponseDue() {
        return (java.time.LocalDateTime) readProperty(FIRST_RESPONSE_DUE.getName());
    }

    public void setFirstResponseDue(java.time.LocalDateTime value) {
        writeProperty(FIRST_RESPONSE_DUE.getName(), value);
    }

    public java.time.LocalDateTime getNextResponseDue() {
        return (java.time.LocalDateTime) readProperty(NEXT_RESPONSE_DUE.getName());
    }

    public void setNextResponseDue(java.time.LocalDateTime value) {
        writeProperty(NEXT_RESPONSE_DUE.getName(), value);
    }

    public java.time.LocalDateTime getResolutionDue() {
        return (java.time.LocalDateTime) readProperty(RESOLUTION_DUE.getName());
    }

    public void setResolutionDue(java.time.LocalDateTime value) {
        writeProperty(RESOLUTION_DUE.getName(), value);
    }

    public Boolean isBreached() {
        return (Boolean) readProperty(BREACHED.getName());
    }

    public void setBreached(Boolean value) {
        writeProperty(BREACHED.getName(), value);
    }

    public java.time.LocalDateTime getSolvedAt() {
        return (java.time.LocalDateTime) readProperty(SOLVED_AT.getName());
    }

    public void setSolvedAt(java.time.LocalDateTime value) {
        writeProperty(SOLVED_AT.getName(), value);
    }

    public Integer getSatisfactionScore() {
        return (Integer) readProperty(SATISFACTION_SCORE.getName());
    }

    public void setSatisfactionScore(Integer value) {
        writeProperty(SATISFACTION_SCORE.getName(), value);
    }

    public String getSatisfactionComment() {
        return (String) readProperty(SATISFACTION_COMMENT.getName());
    }

    public void setSatisfactionComment(String value) {
        writeProperty(SATISFACTION_COMMENT.getName(), value);
    }

    public java.time.LocalDateTime getRatedAt() {
        return (java.time.LocalDateTime) readProperty(RATED_AT.getName());
    }

    public void setRatedAt(java.time.LocalDateTime value) {
        writeProperty(RATED_AT.getName(), value);
    }

    public String getCustomJson() {
        return (String) readProperty(CUSTOM_JSON.getName());
    }

    public void setCustomJson(String value) {
        writeProperty(CUSTOM_JSON.getName(), value);
    }
}
