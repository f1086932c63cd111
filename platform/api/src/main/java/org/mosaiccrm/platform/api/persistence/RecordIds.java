package org.mosaiccrm.platform.api.persistence;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Record ids: time-ordered UUIDs (version 7 layout). Ordered by creation time, so that a
 * primary key index stays append-mostly and "newest first" is a key order; random in the
 * low bits, so that several nodes create ids without coordinating.
 */
public final class RecordIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    public static String newId() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** True when the text has the shape of a record id; used to answer 404 early for junk ids. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
