package org.mosaiccrm.funnel.impl;

import java.util.List;
import java.util.function.BiConsumer;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.ResultBatchIterator;
import org.apache.cayenne.exp.Expression;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;

/**
 * How the funnel's histories (orders, deals) are read for analyses: the user's read permission
 * checked, one query with the access rule inside it, read from its result set in batches, each
 * batch handed on with its context so that its dependants (lines, moves) are read by id.
 */
final class HistoryReads {

    static final int BATCH = 500;
    /** Ids per look-up of a batch's dependants. */
    static final int CHUNK = 100;

    private HistoryReads() {
    }

    static <T extends MosaicRecord> void inBatches(Persistence persistence, AccessControl access, UserPrincipal user, Class<T> type,
            Expression where, ObjectSelect<T> ordered, BiConsumer<ObjectContext, List<T>> each) {
        requireRead(user);
        ObjectSelect<T> select = ordered.where(Records.visible(access, user, where));
        persistence.read(ctx -> {
            try (ResultBatchIterator<T> batches = select.batchIterator(ctx, BATCH)) {
                for (List<T> batch : batches) {
                    each.accept(ctx, batch);
                }
            }
            return null;
        });
    }

    /** 403 unless the user may read the funnel: what every history read checks first. */
    static void requireRead(UserPrincipal user) {
        if (!user.hasPermission(FunnelModule.READ)) {
            throw Problems.missingPermission(FunnelModule.READ, "See the funnel's deals and orders");
        }
    }

    /** A batch's ids in look-ups of {@link #CHUNK}. */
    static List<List<String>> chunks(List<? extends MosaicRecord> batch) {
        return Records.fixedChunks(batch.stream().map(MosaicRecord::getId).toList(), CHUNK);
    }
}
