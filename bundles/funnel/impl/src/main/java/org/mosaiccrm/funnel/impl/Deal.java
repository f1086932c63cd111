package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A deal (table FN_DEAL): what may be sold to an organization and its people, in a stage of a
 * pipeline, for an amount in a currency. Columns and attributes: funnel.map.xml.
 */
public class Deal extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> TITLE = PropertyFactory.createString("title", String.class);
    /** The title lower-cased: what the list sorts by, with an index of its own. */
    public static final StringProperty<String> TITLE_KEY = PropertyFactory.createString("titleKey", String.class);
    public static final StringProperty<String> PIPELINE_ID = PropertyFactory.createString("pipelineId", String.class);
    public static final StringProperty<String> STAGE_ID = PropertyFactory.createString("stageId", String.class);
    public static final NumericProperty<BigDecimal> AMOUNT = PropertyFactory.createNumeric("amount", BigDecimal.class);
    public static final StringProperty<String> CURRENCY = PropertyFactory.createString("currency", String.class);
    public static final DateProperty<LocalDate> EXPECTED_CLOSE = PropertyFactory.createDate("expectedClose", LocalDate.class);
    /** The deal's own chance of being won, 0–100; null: its stage's. */
    public static final NumericProperty<Integer> PROBABILITY = PropertyFactory.createNumeric("probability", Integer.class);
    public static final StringProperty<String> ORGANIZATION_ID = PropertyFactory.createString("organizationId", String.class);
    /** The ids of the deal's people, a JSON array. */
    public static final StringProperty<String> PERSON_IDS_JSON = PropertyFactory.createString("personIdsJson", String.class);
    public static final StringProperty<String> NEXT_STEP = PropertyFactory.createString("nextStep", String.class);
    public static final DateProperty<LocalDate> NEXT_STEP_AT = PropertyFactory.createDate("nextStepAt", LocalDate.class);
    /** When the deal reached a won or lost stage; null while open. */
    public static final DateProperty<LocalDateTime> CLOSED_AT = PropertyFactory.createDate("closedAt", LocalDateTime.class);
    /** Why it was won or lost. */
    public static final StringProperty<String> CLOSE_REASON = PropertyFactory.createString("closeReason", String.class);
    /** When the deal entered its current stage. */
    public static final DateProperty<LocalDateTime> STAGE_SINCE = PropertyFactory.createDate("stageSince", LocalDateTime.class);
    public static final StringProperty<String> CUSTOM_JSON = PropertyFactory.createString("customJson", String.class);

    public static final int TITLE_MAX = 200;

    public String getTitle() {
        return (String) readProperty(TITLE.getName());
    }

    public void setTitle(String title) {
        writeProperty(TITLE.getName(), title);
        writeProperty(TITLE_KEY.getName(), title == null ? null : title.toLowerCase(Locale.ROOT));
    }

    public String getPipelineId() {
        return (String) readProperty(PIPELINE_ID.getName());
    }

    public void setPipelineId(String id) {
        writeProperty(PIPELINE_ID.getName(), id);
    }

    public String getStageId() {
        return (String) readProperty(STAGE_ID.getName());
    }

    public void setStageId(String id) {
        writeProperty(STAGE_ID.getName(), id);
    }

    public BigDecimal getAmount() {
        return (BigDecimal) readProperty(AMOUNT.getName());
    }

    public void setAmount(BigDecimal amount) {
        writeProperty(AMOUNT.getName(), amount);
    }

    public String getCurrency() {
        return (String) readProperty(CURRENCY.getName());
    }

    public void setCurrency(String currency) {
        writeProperty(CURRENCY.getName(), currency);
    }

    public LocalDate getExpectedClose() {
        return (LocalDate) readProperty(EXPECTED_CLOSE.getName());
    }

    public void setExpectedClose(LocalDate date) {
        writeProperty(EXPECTED_CLOSE.getName(), date);
    }

    public Integer getProbability() {
        return (Integer) readProperty(PROBABILITY.getName());
    }

    public void setProbability(Integer probability) {
        writeProperty(PROBABILITY.getName(), probability);
    }

    public String getOrganizationId() {
        return (String) readProperty(ORGANIZATION_ID.getName());
    }

    public void setOrganizationId(String id) {
        writeProperty(ORGANIZATION_ID.getName(), id);
    }

    public String getPersonIdsJson() {
        return (String) readProperty(PERSON_IDS_JSON.getName());
    }

    public void setPersonIdsJson(String json) {
        writeProperty(PERSON_IDS_JSON.getName(), json);
    }

    public String getNextStep() {
        return (String) readProperty(NEXT_STEP.getName());
    }

    public void setNextStep(String step) {
        writeProperty(NEXT_STEP.getName(), step);
    }

    public LocalDate getNextStepAt() {
        return (LocalDate) readProperty(NEXT_STEP_AT.getName());
    }

    public void setNextStepAt(LocalDate date) {
        writeProperty(NEXT_STEP_AT.getName(), date);
    }

    public LocalDateTime getClosedAt() {
        return (LocalDateTime) readProperty(CLOSED_AT.getName());
    }

    public void setClosedAt(LocalDateTime at) {
        writeProperty(CLOSED_AT.getName(), at);
    }

    public String getCloseReason() {
        return (String) readProperty(CLOSE_REASON.getName());
    }

    public void setCloseReason(String reason) {
        writeProperty(CLOSE_REASON.getName(), reason);
    }

    public LocalDateTime getStageSince() {
        return (LocalDateTime) readProperty(STAGE_SINCE.getName());
    }

    public void setStageSince(LocalDateTime at) {
        writeProperty(STAGE_SINCE.getName(), at);
    }

    public String getCustomJson() {
        return (String) readProperty(CUSTOM_JSON.getName());
    }

    public void setCustomJson(String json) {
        writeProperty(CUSTOM_JSON.getName(), json);
    }
}
