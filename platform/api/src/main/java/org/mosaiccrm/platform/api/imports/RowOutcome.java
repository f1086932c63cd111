package org.mosaiccrm.platform.api.imports;

/** What importing one row did; a failed row carries the reason the job reports with its number. */
public record RowOutcome(Kind kind, String reason) {

    public enum Kind {
        CREATED, UPDATED, SKIPPED, FAILED
    }

    private static final RowOutcome CREATED = new RowOutcome(Kind.CREATED, null);
    private static final RowOutcome UPDATED = new RowOutcome(Kind.UPDATED, null);
    private static final RowOutcome SKIPPED = new RowOutcome(Kind.SKIPPED, null);

    public static RowOutcome created() {
        return CREATED;
    }

    public static RowOutcome updated() {
        return UPDATED;
    }

    /** A row that matched a record it would not change. */
    public static RowOutcome skipped() {
        return SKIPPED;
    }

    public static RowOutcome failed(String reason) {
        return new RowOutcome(Kind.FAILED, reason);
    }

    public boolean isFailed() {
        return kind == Kind.FAILED;
    }
}
