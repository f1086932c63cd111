package org.mosaiccrm.platform.api.monitoring;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link MetricsSource} writes: one family per metric name, declared once with its help
 * text, then its samples. Names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} (not starting with {@code __}); label values may be any text,
 * the writer escapes them. Anything else is refused with an {@link IllegalArgumentException}.
 */
@ProviderType
public interface MetricsWriter {

    /** A value that goes up and down (a queue's length, bytes in use). */
    Family gauge(String name, String help);

    /** A count that only grows while the process runs; exposed as {@code <name>_total}. */
    Family counter(String name, String help);

    /** The samples of one metric family. */
    @ProviderType
    interface Family {

        /**
         * One sample; {@code labels} are pairs of a label name and its value
         * ({@code "state", "queued"}), each name once.
         */
        Family sample(double value, String... labels);
    }
}
