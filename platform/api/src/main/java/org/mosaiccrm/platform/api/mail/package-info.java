/**
 * Outgoing mail for the platform and its modules: a {@link Mail} is queued inside the
 * transaction of what caused it and sent by the platform once that commits, at most once.
 */
@Export
@Version("1.2.0")
package org.mosaiccrm.platform.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
