package org.mosaiccrm.funnel.impl;

import java.sql.SQLException;

import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.spi.MigrationContext;

/** The funnel's migration 7: indexes of the sales board and the forecast. */
final class BoardIndexes {

    private BoardIndexes() {
    }

    /**
     * What the board and the forecast read, found by their measurements (docs/bench/funnel.md):
     * the board's sums per stage and currency, and the forecast's per period, read from indexes
     * that hold every column they need (PIPELINE_ID first, then what they filter and group by,
     * owner and team last for the access rule), so that they never touch the deals' rows; a
     * stage's newest cards for everyone and for a team through (TEAM_ID, STAGE_ID, UPDATED_AT,
     * ID), which Derby, unable to scan an index backwards, also needs descending.
     */
    static void create(MigrationContext context) throws SQLException {
        context.execute(
                "CREATE INDEX FN_DEAL_BOARD ON FN_DEAL (PIPELINE_ID, STAGE_ID, CURRENCY, PROBABILITY, AMOUNT, TEAM_ID, OWNER_ID)",
                "CREATE INDEX FN_DEAL_FORECAST ON FN_DEAL (PIPELINE_ID, EXPECTED_CLOSE, CLOSED_AT, STAGE_ID, CURRENCY, PROBABILITY,"
                        + " AMOUNT, TEAM_ID, OWNER_ID)",
                "CREATE INDEX FN_DEAL_WON ON FN_DEAL (PIPELINE_ID, CLOSED_AT, STAGE_ID, CURRENCY, PROBABILITY, AMOUNT, TEAM_ID, OWNER_ID)",
                "CREATE INDEX FN_DEAL_STAGE_T ON FN_DEAL (TEAM_ID, STAGE_ID, UPDATED_AT, ID)");
        if (context.database() == DatabaseKind.DERBY) {
            context.execute("CREATE INDEX FN_DEAL_STAGE_D ON FN_DEAL (STAGE_ID, UPDATED_AT DESC, ID DESC)",
                    "CREATE INDEX FN_DEAL_STAGE_TD ON FN_DEAL (TEAM_ID, STAGE_ID, UPDATED_AT DESC, ID DESC)");
        }
    }
}
