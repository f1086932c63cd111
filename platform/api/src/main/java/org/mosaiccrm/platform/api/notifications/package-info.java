/**
 * In-app notifications: what modules tell a user (a task is due, a ticket was assigned).
 */
@Export
@Version("1.1.0")
package org.mosaiccrm.platform.api.notifications;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
