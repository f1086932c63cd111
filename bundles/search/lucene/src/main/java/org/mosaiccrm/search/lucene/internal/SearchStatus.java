package org.mosaiccrm.search.lucene.internal;

import java.time.Instant;

/**
 * {@code GET /api/v1/search/status}: {@code ready} or {@code rebuilding}, the number of
 * documents, the progress of a rebuild under way, the change log sequence applied, and what
 * the last finished rebuild did.
 */
public record SearchStatus(String state, long documents, Progress progress, long sequence, LastRebuild lastRebuild) {

    public record Progress(String reason, long done, long total, Instant startedAt) {
    }

    public record LastRebuild(String reason, Instant startedAt, Instant finishedAt, long documents) {
    }
}
