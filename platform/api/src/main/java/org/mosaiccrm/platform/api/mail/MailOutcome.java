package org.mosaiccrm.platform.api.mail;

/**
 * What became of one message handed to the server.
 *
 * @param reply the server's own last answer ({@code 250 2.0.0 OK}, {@code 550 5.1.1 No such user}),
 *              or what failed when the connection broke
 * @since 1.2
 */
public record MailOutcome(Kind kind, String reply) {

    public enum Kind {
        /** The server took it. */
        SENT,
        /** Refused for now (a 4xx answer): nothing was sent, try again later. */
        RETRY,
        /** Refused for good (a 5xx answer, or the message could not be written): nothing was sent. */
        REFUSED,
        /** The connection failed while the message was on its way: it may have arrived; never send it again by itself. */
        UNKNOWN
    }
}
