package org.mosaiccrm.campaigns.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.BaseProperty;
import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** A campaign (table CA_CAMPAIGN): a template sent to a segment's people as a job; its tracking key signs its links and is never shown. */
public class Campaign extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> NAME = PropertyFactory.createString("name", String.class);
    public static final StringProperty<String> NAME_KEY = PropertyFactory.createString("nameKey", String.class);
    public static final StringProperty<String> SEGMENT_ID = PropertyFactory.createString("segmentId", String.class);
    public static final StringProperty<String> TEMPLATE_ID = PropertyFactory.createString("templateId", String.class);
    public static final DateProperty<LocalDateTime> SCHEDULED_AT = PropertyFactory.createDate("scheduledAt", LocalDateTime.class);
    public static final StringProperty<String> FOLLOW_UP_JSON = PropertyFactory.createString("followUpJson", String.class);
    public static final StringProperty<String> STATE = PropertyFactory.createString("state", String.class);
    public static final StringProperty<String> JOB_ID = PropertyFactory.createString("jobId", String.class);
    public static final StringProperty<String> SENT_BY = PropertyFactory.createString("sentBy", String.class);
    public static final DateProperty<LocalDateTime> STARTED_AT = PropertyFactory.createDate("startedAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> FINISHED_AT = PropertyFactory.createDate("finishedAt", LocalDateTime.class);
    public static final BaseProperty<Boolean> AUDIENCE_DONE = PropertyFactory.createBase("audienceDone", Boolean.class);
    public static final StringProperty<String> AUDIENCE_AFTER = PropertyFactory.createString("audienceAfter", String.class);
    public static final StringProperty<String> TRACKING_KEY = PropertyFactory.createString("trackingKey", String.class);

    public String getName() {
        return (String) readProperty(NAME.getName());
    }

    public void setName(String value) {
        writeProperty(NAME.getName(), value);
    }

    public String getNameKey() {
        return (String) readProperty(NAME_KEY.getName());
    }

    public void setNameKey(String value) {
        writeProperty(NAME_KEY.getName(), value);
    }

    public String getSegmentId() {
        return (String) readProperty(SEGMENT_ID.getName());
    }

    public void setSegmentId(String value) {
        writeProperty(SEGMENT_ID.getName(), value);
    }

    public String getTemplateId() {
        return (String) readProperty(TEMPLATE_ID.getName());
    }

    public void setTemplateId(String value) {
        writeProperty(TEMPLATE_ID.getName(), value);
    }

    public LocalDateTime getScheduledAt() {
        return (LocalDateTime) readProperty(SCHEDULED_AT.getName());
    }

    public void setScheduledAt(LocalDateTime value) {
        writeProperty(SCHEDULED_AT.getName(), value);
    }

    public String getFollowUpJson() {
        return (String) readProperty(FOLLOW_UP_JSON.getName());
    }

    public void setFollowUpJson(String value) {
        writeProperty(FOLLOW_UP_JSON.getName(), value);
    }

    public String getState() {
        return (String) readProperty(STATE.getName());
    }

    public void setState(String value) {
        writeProperty(STATE.getName(), value);
    }

    public String getJobId() {
        return (String) readProperty(JOB_ID.getName());
    }

    public void setJobId(String value) {
        writeProperty(JOB_ID.getName(), value);
    }

    public String getSentBy() {
        return (String) readProperty(SENT_BY.getName());
    }

    public void setSentBy(String value) {
        writeProperty(SENT_BY.getName(), value);
    }

    public LocalDateTime getStartedAt() {
        return (LocalDateTime) readProperty(STARTED_AT.getName());
    }

    public void setStartedAt(LocalDateTime value) {
        writeProperty(STARTED_AT.getName(), value);
    }

    public LocalDateTime getFinishedAt() {
        return (LocalDateTime) readProperty(FINISHED_AT.getName());
    }

    public void setFinishedAt(LocalDateTime value) {
        writeProperty(FINISHED_AT.getName(), value);
    }

    public Boolean getAudienceDone() {
        return (Boolean) readProperty(AUDIENCE_DONE.getName());
    }

    public void setAudienceDone(Boolean value) {
        writeProperty(AUDIENCE_DONE.getName(), value);
    }

    public String getAudienceAfter() {
        return (String) readProperty(AUDIENCE_AFTER.getName());
    }

    public void setAudienceAfter(String value) {
        writeProperty(AUDIENCE_AFTER.getName(), value);
    }

    public String getTrackingKey() {
        return (String) readProperty(TRACKING_KEY.getName());
    }

    public void setTrackingKey(String value) {
        writeProperty(TRACKING_KEY.getName(), value);
    }
}
