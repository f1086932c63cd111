package org.mosaiccrm.platform.api.mail;

/**
 * An SMTP account a module sends through instead of the platform's own (a campaign's sender,
 * say): the server, how the connection is secured, the sign-in and the sender.
 *
 * @param security {@code starttls}, {@code tls} or {@code none}
 * @param username null when the server takes mail without signing in
 * @param password null for none; never shown or logged ({@link #toString()} leaves it out)
 * @param replyTo  where replies go, or null for the sender
 * @since 1.2
 */
public record MailAccount(String host, int port, String security, String username, String password, String fromAddress,
        String fromName, String replyTo) {

    public static final String STARTTLS = "starttls";
    public static final String TLS = "tls";
    public static final String NONE = "none";

    public MailAccount {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("An SMTP account needs a host and a port");
        }
        if (!STARTTLS.equals(security) && !TLS.equals(security) && !NONE.equals(security)) {
            throw new IllegalArgumentException("security must be starttls, tls or none");
        }
        if (!Mail.isAddress(fromAddress) || replyTo != null && !Mail.isAddress(replyTo)) {
            throw new IllegalArgumentException("An SMTP account needs a sender's address");
        }
    }

    /** Never the password: accounts are logged. */
    @Override
    public String toString() {
        return "smtp " + security + "://" + (username == null ? "" : username + "@") + host + ":" + port + " from " + fromAddress;
    }
}
