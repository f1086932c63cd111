package org.mosaiccrm.platform.security.internal;

/**
 * Who the current request runs for. Set by {@link AuthenticationFilter} at the start of
 * every API request — to null for anonymous ones, so nothing can leak from an earlier
 * request on the same thread — and cleared when the answer is written.
 */
final class RequestSecurity {

    /** {@code portal}: the customer's portal session, when the request came with one; only portal endpoints read it. */
    record Current(SessionInfo session, String address, PortalSession portal) {

        Current(SessionInfo session, String address) {
            this(session, address, null);
        }
    }

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private RequestSecurity() {
    }

    static void set(Current current) {
        CURRENT.set(current);
    }

    static Current get() {
        return CURRENT.get();
    }

    static void clear() {
        CURRENT.remove();
    }
}
