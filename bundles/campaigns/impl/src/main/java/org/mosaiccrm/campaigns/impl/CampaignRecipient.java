package org.mosaiccrm.campaigns.impl;

import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** One person a campaign mails (table CA_RECIPIENT): what they were sent, the Message-ID replies and bounces are matched by, and every response. */
public class CampaignRecipient extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> CAMPAIGN_ID = PropertyFactory.createString("campaignId", String.class);
    public static final StringProperty<String> PERSON_ID = PropertyFactory.createString("personId", String.class);
    public static final StringProperty<String> EMAIL = PropertyFactory.createString("email", String.class);
    public static final StringProperty<String> FIRST_NAME = PropertyFactory.createString("firstName", String.class);
    public static final StringProperty<String> LAST_NAME = PropertyFactory.createString("lastName", String.class);
    public static final StringProperty<String> JOB_TITLE = PropertyFactory.createString("jobTitle", String.class);
    public static final StringProperty<String> ORGANIZATION_NAME = PropertyFactory.createString("organizationName", String.class);
    public static final StringProperty<String> PERSON_OWNER_ID = PropertyFactory.createString("personOwnerId", String.class);
    public static final StringProperty<String> STATUS = PropertyFactory.createString("status", String.class);
    public static final StringProperty<String> MESSAGE_ID = PropertyFactory.createString("messageId", String.class);
    public static final StringProperty<String> TOKEN = PropertyFactory.createString("token", String.class);
    public static final NumericProperty<Integer> ATTEMPTS = PropertyFactory.createNumeric("attempts", Integer.class);
    public static final DateProperty<LocalDateTime> NEXT_AT = PropertyFactory.createDate("nextAt", LocalDateTime.class);
    public static final StringProperty<String> LAST_REPLY = PropertyFactory.createString("lastReply", String.class);
    public static final DateProperty<LocalDateTime> SENT_AT = PropertyFactory.createDate("sentAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> OPENED_AT = PropertyFactory.createDate("openedAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> CLICKED_AT = PropertyFactory.createDate("clickedAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> UNSUBSCRIBED_AT = PropertyFactory.createDate("unsubscribedAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> REPLIED_AT = PropertyFactory.createDate("repliedAt", LocalDateTime.class);
    public static final DateProperty<LocalDateTime> BOUNCED_AT = PropertyFactory.createDate("bouncedAt", LocalDateTime.class);
    /** When a response the campaign's follow-up counts as interest first came; its owner got a call task then. */
    public static final DateProperty<LocalDateTime> INTERESTED_AT = PropertyFactory.createDate("interestedAt", LocalDateTime.class);
    /** The first call task of the follow-up (contacts' task; the next calls follow from it). */
    public static final StringProperty<String> FOLLOW_UP_TASK_ID = PropertyFactory.createString("followUpTaskId", String.class);

    /**
     * A recipient is part of its campaign: its changes are logged and audited with the campaign's
     * (one entry per page of recipients gathered, per message recorded), not one entry each.
     */
    private static final PartOf PART_OF = new PartOf("Campaign", CAMPAIGN_ID.getName());

    @Override
    public PartOf partOf() {
        return PART_OF;
    }
    /** A delivery report's status and the receiving server's words, {@code hard:} or {@code soft:} first. */
    public static final StringProperty<String> BOUNCE_REASON = PropertyFactory.createString("bounceReason", String.class);

    public String getCampaignId() {
        return (String) readProperty(CAMPAIGN_ID.getName());
    }

    public void setCampaignId(String value) {
        writeProperty(CAMPAIGN_ID.getName(), value);
    }

    public String getPersonId() {
        return (String) readProperty(PERSON_ID.getName());
    }

    public void setPersonId(String value) {
        writeProperty(PERSON_ID.getName(), value);
    }

    public String getEmail() {
        return (String) readProperty(EMAIL.getName());
    }

    public void setEmail(String value) {
        writeProperty(EMAIL.getName(), value);
    }

    public String getFirstName() {
        return (String) readProperty(FIRST_NAME.getName());
    }

    public void setFirstName(String value) {
        writeProperty(FIRST_NAME.getName(), value);
    }

    public String getLastName() {
        return (String) readProperty(LAST_NAME.getName());
    }

    public void setLastName(String value) {
        writeProperty(LAST_NAME.getName(), value);
    }

    public String getJobTitle() {
        return (String) readProperty(JOB_TITLE.getName());
    }

    public void setJobTitle(String value) {
        writeProperty(JOB_TITLE.getName(), value);
    }

    public String getOrganizationName() {
        return (String) readProperty(ORGANIZATION_NAME.getName());
    }

    public void setOrganizationName(String value) {
        writeProperty(ORGANIZATION_NAME.getName(), value);
    }

    public String getPersonOwnerId() {
        return (String) readProperty(PERSON_OWNER_ID.getName());
    }

    public void setPersonOwnerId(String value) {
        writeProperty(PERSON_OWNER_ID.getName(), value);
    }

    public String getStatus() {
        return (String) readProperty(STATUS.getName());
    }

    public void setStatus(String value) {
        writeProperty(STATUS.getName(), value);
    }

    public String getMessageId() {
        return (String) readProperty(MESSAGE_ID.getName());
    }

    public void setMessageId(String value) {
        writeProperty(MESSAGE_ID.getName(), value);
    }

    public String getToken() {
        return (String) readProperty(TOKEN.getName());
    }

    public void setToken(String value) {
        writeProperty(TOKEN.getName(), value);
    }

    public Integer getAttempts() {
        return (Integer) readProperty(ATTEMPTS.getName());
    }

    public void setAttempts(Integer value) {
        writeProperty(ATTEMPTS.getName(), value);
    }

    public LocalDateTime getNextAt() {
        return (LocalDateTime) readProperty(NEXT_AT.getName());
    }

    public void setNextAt(LocalDateTime value) {
        writeProperty(NEXT_AT.getName(), value);
    }

    public String getLastReply() {
        return (String) readProperty(LAST_REPLY.getName());
    }

    public void setLastReply(String value) {
        writeProperty(LAST_REPLY.getName(), value);
    }

    public LocalDateTime getSentAt() {
        return (LocalDateTime) readProperty(SENT_AT.getName());
    }

    public void setSentAt(LocalDateTime value) {
        writeProperty(SENT_AT.getName(), value);
    }

    public LocalDateTime getOpenedAt() {
        return (LocalDateTime) readProperty(OPENED_AT.getName());
    }

    public void setOpenedAt(LocalDateTime value) {
        writeProperty(OPENED_AT.getName(), value);
    }

    public LocalDateTime getClickedAt() {
        return (LocalDateTime) readProperty(CLICKED_AT.getName());
    }

    public void setClickedAt(LocalDateTime value) {
        writeProperty(CLICKED_AT.getName(), value);
    }

    public LocalDateTime getUnsubscribedAt() {
        return (LocalDateTime) readProperty(UNSUBSCRIBED_AT.getName());
    }

    public void setUnsubscribedAt(LocalDateTime value) {
        writeProperty(UNSUBSCRIBED_AT.getName(), value);
    }

    public LocalDateTime getRepliedAt() {
        return (LocalDateTime) readProperty(REPLIED_AT.getName());
    }

    public void setRepliedAt(LocalDateTime value) {
        writeProperty(REPLIED_AT.getName(), value);
    }

    public LocalDateTime getBouncedAt() {
        return (LocalDateTime) readProperty(BOUNCED_AT.getName());
    }

    public void setBouncedAt(LocalDateTime value) {
        writeProperty(BOUNCED_AT.getName(), value);
    }

    public LocalDateTime getInterestedAt() {
        return (LocalDateTime) readProperty(INTERESTED_AT.getName());
    }

    public void setInterestedAt(LocalDateTime value) {
        writeProperty(INTERESTED_AT.getName(), value);
    }

    public String getFollowUpTaskId() {
        return (String) readProperty(FOLLOW_UP_TASK_ID.getName());
    }

    public void setFollowUpTaskId(String value) {
        writeProperty(FOLLOW_UP_TASK_ID.getName(), value);
    }

    public String getBounceReason() {
        return (String) readProperty(BOUNCE_REASON.getName());
    }

    public void setBounceReason(String value) {
        writeProperty(BOUNCE_REASON.getName(), value);
    }
}
