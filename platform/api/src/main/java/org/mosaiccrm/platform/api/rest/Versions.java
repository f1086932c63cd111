package org.mosaiccrm.platform.api.rest;

import javax.ws.rs.core.EntityTag;

/**
 * The version an update is based on, from {@code If-Match} or the body's {@code version}.
 * Records answer with {@code ETag: "<version>"}, so a client can send either back.
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The expected version, or null when the client sent none. When both are sent they must
     * agree; a header that is not a version this server issued is refused with 400.
     */
    public static Long expected(String ifMatch, Object bodyVersion) {
        Long fromBody = null;
        if (bodyVersion != null) {
            if (!(bodyVersion instanceof Number n) || n.longValue() != n.doubleValue() || n.longValue() < 1) {
                throw Problems.invalid("version", "notAVersion", "must be a positive whole number");
            }
            fromBody = n.longValue();
        }
        Long fromHeader = null;
        if (ifMatch != null && !ifMatch.isBlank()) {
            String raw = ifMatch.trim();
            if (raw.startsWith("W/")) {
                raw = raw.substring(2);
            }
            raw = raw.replace("\"", "");
            try {
                fromHeader = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw Problems.of(400, "bad-if-match", "Bad If-Match", "If-Match must carry the ETag of the record, e.g. \"3\".");
            }
        }
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw Problems.invalid("version", "disagrees with the If-Match header");
        }
        return fromHeader != null ? fromHeader : fromBody;
    }
}
