package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import org.apache.cayenne.exp.property.DateProperty;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * One move of a deal from a stage to another (table FN_STAGE_MOVE): who, when, and the deal's
 * amount at that moment — the raw data of conversion analytics. Never changed once written;
 * owned like its deal, so the access rule that hides the deal hides its history.
 */
public class StageMove extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> DEAL_ID = PropertyFactory.createString("dealId", String.class);
    public static final StringProperty<String> PIPELINE_ID = PropertyFactory.createString("pipelineId", String.class);
    /** Null for the deal's first stage, when it was created. */
    public static final StringProperty<String> FROM_STAGE_ID = PropertyFactory.createString("fromStageId", String.class);
    public static final StringProperty<String> TO_STAGE_ID = PropertyFactory.createString("toStageId", String.class);
    public static final DateProperty<LocalDateTime> MOVED_AT = PropertyFactory.createDate("movedAt", LocalDateTime.class);
    public static final StringProperty<String> MOVED_BY = PropertyFactory.createString("movedBy", String.class);
    public static final NumericProperty<BigDecimal> AMOUNT = PropertyFactory.createNumeric("amount", BigDecimal.class);
    public static final StringProperty<String> CURRENCY = PropertyFactory.createString("currency", String.class);

    public String getDealId() {
        return (String) readProperty(DEAL_ID.getName());
    }

    public void setDealId(String id) {
        writeProperty(DEAL_ID.getName(), id);
    }

    public String getPipelineId() {
        return (String) readProperty(PIPELINE_ID.getName());
    }

    public void setPipelineId(String id) {
        writeProperty(PIPELINE_ID.getName(), id);
    }

    public String getFromStageId() {
        return (String) readProperty(FROM_STAGE_ID.getName());
    }

    public void setFromStageId(String id) {
        writeProperty(FROM_STAGE_ID.getName(), id);
    }

    public String getToStageId() {
        return (String) readProperty(TO_STAGE_ID.getName());
    }

    public void setToStageId(String id) {
        writeProperty(TO_STAGE_ID.getName(), id);
    }

    public LocalDateTime getMovedAt() {
        return (LocalDateTime) readProperty(MOVED_AT.getName());
    }

    public void setMovedAt(LocalDateTime at) {
        writeProperty(MOVED_AT.getName(), at);
    }

    public String getMovedBy() {
        return (String) readProperty(MOVED_BY.getName());
    }

    public void setMovedBy(String userId) {
        writeProperty(MOVED_BY.getName(), userId);
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
}
