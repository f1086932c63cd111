package org.mosaiccrm.funnel.impl;

import java.math.BigDecimal;

import org.apache.cayenne.BaseDataObject;
import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A row of the sales board's totals (table FN_BOARD_SUM, kept by {@link BoardSums}): how many
 * deals, and their amount, share a pipeline, stage, currency, own probability, team and owner.
 * Owner and team have the names {@link MosaicRecord} gives them, so the access rule that hides
 * a deal applies to its totals unchanged. Read only: {@link BoardSums} writes the table by SQL.
 */
public class BoardSum extends BaseDataObject {

    private static final long serialVersionUID = 1L;

    /** The currency of deals without an amount's currency: keys hold no nulls (a NULL never equals itself). */
    static final String NO_CURRENCY = "";
    /** The probability of deals that take their stage's. */
    static final int STAGE_PROBABILITY = -1;

    public static final StringProperty<String> PIPELINE_ID = PropertyFactory.createString("pipelineId", String.class);
    public static final StringProperty<String> STAGE_ID = PropertyFactory.createString("stageId", String.class);
    public static final StringProperty<String> CURRENCY = PropertyFactory.createString("currency", String.class);
    public static final NumericProperty<Integer> PROBABILITY = PropertyFactory.createNumeric("probability", Integer.class);
    public static final NumericProperty<Long> DEALS = PropertyFactory.createNumeric("deals", Long.class);
    public static final NumericProperty<BigDecimal> AMOUNT = PropertyFactory.createNumeric("amount", BigDecimal.class);
}
