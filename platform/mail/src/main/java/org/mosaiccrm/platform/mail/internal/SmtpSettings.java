package org.mosaiccrm.platform.mail.internal;

import java.util.Map;

/**
 * Where outgoing mail goes: an SMTP server, how the connection is secured, the account (if the
 * server wants one) and the sender's address.
 *
 * @param security {@code starttls} (port 587, the default), {@code tls} (port 465) or
 *                 {@code none} (a relay on a trusted network, or a test server)
 */
record SmtpSettings(String host, int port, String security, String username, String password, String fromAddress,
        String fromName) {

    static final String STARTTLS = "starttls";
    static final String TLS = "tls";
    static final String NONE = "none";

    /** Whether mail can be sent with these: a server and a sender. */
    boolean complete() {
        return host != null && !host.isBlank() && fromAddress != null && !fromAddress.isBlank();
    }

    static int defaultPort(String security) {
        return switch (security) {
            case TLS -> 465;
            case NONE -> 25;
            default -> 587;
        };
    }

    /**
     * {@code MOSAIC_MAIL_HOST}, {@code _PORT}, {@code _SECURITY}, {@code _USERNAME},
     * {@code _PASSWORD}, {@code _FROM} and {@code _FROM_NAME}: the settings until an
     * administrator saves others; without a host, none.
     */
    static SmtpSettings fromEnvironment(Map<String, String> env) {
        String host = blankToNull(env.get("MOSAIC_MAIL_HOST"));
        if (host == null) {
            return null;
        }
        String security = blankToNull(env.get("MOSAIC_MAIL_SECURITY"));
        security = security == null ? STARTTLS : security.trim().toLowerCase(java.util.Locale.ROOT);
        if (!Map.of(STARTTLS, 1, TLS, 1, NONE, 1).containsKey(security)) {
            throw new IllegalArgumentException("MOSAIC_MAIL_SECURITY must be starttls, tls or none, not " + security);
        }
        String port = blankToNull(env.get("MOSAIC_MAIL_PORT"));
        return new SmtpSettings(host.trim(), port == null ? defaultPort(security) : Integer.parseInt(port.trim()), security,
                blankToNull(env.get("MOSAIC_MAIL_USERNAME")), blankToNull(env.get("MOSAIC_MAIL_PASSWORD")),
                blankToNull(env.get("MOSAIC_MAIL_FROM")), blankToNull(env.get("MOSAIC_MAIL_FROM_NAME")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Never the password: these are logged and shown. */
    @Override
    public String toString() {
        return "smtp " + security + "://" + (username == null ? "" : username + "@") + host + ":" + port + " from " + fromAddress;
    }
}
