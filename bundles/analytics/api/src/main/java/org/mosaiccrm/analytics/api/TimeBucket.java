package org.mosaiccrm.analytics.api;

import java.util.Locale;

/** The lengths figures are split into in time. */
public enum TimeBucket {
    DAY, WEEK, MONTH, QUARTER;

    /** As the API writes it: {@code day}, {@code week}, {@code month}, {@code quarter}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bucket of a code, or null for anything else. */
    public static TimeBucket ofCode(String code) {
        for (TimeBucket b : values()) {
            if (b.code().equals(code)) {
                return b;
            }
        }
        return null;
    }
}
