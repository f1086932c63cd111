package org.mosaiccrm.platform.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open, signed-in connection to an SMTP server ({@link Mailer#connect}), for sending many
 * messages one by one and learning what became of each. Not for use by two threads at once.
 *
 * @since 1.2
 */
@ProviderType
public interface MailConnection extends AutoCloseable {

    /** Sends one message now. */
    MailOutcome send(MailMessage message);

    /** Whether the server still holds the connection (it may drop an idle one): open a new one if not. */
    boolean connected();

    @Override
    void close();
}
