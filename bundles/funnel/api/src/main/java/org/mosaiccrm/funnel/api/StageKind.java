package org.mosaiccrm.funnel.api;

import java.util.Locale;

/** What reaching a stage means for a deal: still being worked, won, or lost. */
public enum StageKind {
    OPEN, WON, LOST;

    /** As JSON and the database write it: {@code open}, {@code won}, {@code lost}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a code, or null for anything else. */
    public static StageKind ofCode(String code) {
        for (StageKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        return null;
    }
}
