package org.mosaiccrm.platform.api.mail;

/**
 * An IMAP mailbox a module reads (a campaign's reply address, a ticket queue's): the server, how
 * the connection is secured, the sign-in and the folder.
 *
 * @param security {@code tls}, {@code starttls} or {@code none}, as {@link MailAccount}
 * @param password never shown or logged ({@link #toString()} leaves it out)
 * @param folder   the folder read, {@code INBOX} when null
 * @since 1.3
 */
public record ImapAccount(String host, int port, String security, String username, String password, String folder) {

    public ImapAccount {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("An IMAP account needs a host and a port");
        }
        if (!MailAccount.STARTTLS.equals(security) && !MailAccount.TLS.equals(security) && !MailAccount.NONE.equals(security)) {
            throw new IllegalArgumentException("security must be starttls, tls or none");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("An IMAP account needs a user to sign in as");
        }
        folder = folder == null || folder.isBlank() ? "INBOX" : folder;
    }

    /** Never the password: accounts are logged. */
    @Override
    public String toString() {
        return "imap " + security + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
}
