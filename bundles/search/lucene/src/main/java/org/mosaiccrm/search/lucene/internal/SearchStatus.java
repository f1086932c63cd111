package org.mosaiccrm.search.lucene.internal;

import java.time.Instant;

/**
 * {@code GET /api/v1/search/status}: {@code ready} or {@code rebuilding}, the number of
 * documents, the progress of a rebuild under way, the change log sequence applied, and what
 * the last finished full rebuild did (the first indexing of a
 * newly arrived record type shows as progress only); {@code compacting} while the documents a
 * rebuild replaced are merged away in the background (searches answer meanwhile, somewhat
 * slower).
 */
public record SearchStatus(String state, long documents, Progress progress, long sequence, LastRebuild lastRebuild, boolean compacting) {

    public record Progress(String reason, long done, long total, Instant startedAt) {
    }

    public record LastRebuild(String reason, Instant startedAt, Instant finishedAt, long documents) {
    }
}
