/**
 * Mail for the platform and its modules. Outgoing: a {@link Mail} is queued inside the
 * transaction of what caused it and sent by the platform once that commits, at most once.
 * Incoming (since 1.3): an {@link Inbox} reads an IMAP mailbox, each new message handed to the
 * module in the transaction that also moves the mailbox's high-water mark, so none is handled twice.
 * Since 1.4 a queued mail may carry stored files as attachments ({@link Mail#withFiles}).
 */
@Export
@Version("1.4.0")
package org.mosaiccrm.platform.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
