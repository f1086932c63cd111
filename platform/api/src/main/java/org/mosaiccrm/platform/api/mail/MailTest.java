package org.mosaiccrm.platform.api.mail;

/**
 * What became of a test mail sent at once.
 *
 * @param sent  whether the server took it
 * @param reply the server's own last answer (say {@code 250 OK} or {@code 535 5.7.8 Authentication
 *              failed}), or what failed when no server answered
 * @since 1.2
 */
public record MailTest(boolean sent, String reply) {
}
