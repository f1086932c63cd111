package org.mosaiccrm.funnel.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The deals a user may see with the history of their stage moves, for analyses of the sales
 * process (conversion per stage, win rate, cycle length, forecast against actual). The record
 * access rule is inside the funnel's query: another team's deals never reach the caller.
 *
 * @since 1.1
 */
@ProviderType
public interface DealHistory {

    /** A move into {@code toStageId} (from none when the deal was created), with the deal's amount at the time. */
    record Move(String fromStageId, String toStageId, Instant movedAt, BigDecimal amount, String currency) {
    }

    /**
     * A deal as it is now, with its moves oldest first. {@code closedAt} is set while it is in a won
     * or lost stage; {@code probability} is its own, or null when its stage's applies.
     */
    record Deal(String id, String pipelineId, String stageId, String ownerId, String teamId, Instant createdAt, Instant closedAt,
            BigDecimal amount, String currency, LocalDate expectedClose, Integer probability, List<Move> moves) {

        public Deal {
            moves = List.copyOf(moves);
        }
    }

    /** Which deals: of one pipeline (required), of one owner and one team when given (null: any the user may see). */
    record Filter(String pipelineId, String ownerId, String teamId) {
    }

    /**
     * Hands every deal of the pipeline the user may see that the filter selects to {@code each},
     * in order of creation, with its moves. Reads in batches: memory stays bounded whatever the
     * number of deals. Fails with 403 when the user may not read the funnel.
     */
    void forEach(UserPrincipal user, Filter filter, Consumer<Deal> each);
}
