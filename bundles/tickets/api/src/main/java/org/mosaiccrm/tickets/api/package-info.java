/**
 * The tickets module's contract with other modules: the statuses, priorities and channels a
 * ticket has ({@link TicketStatus}, {@link Priority}, {@link Channel}), which analytics and
 * automation read, and the names of its records in events and the change log
 * ({@link TicketEvents}).
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.tickets.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
