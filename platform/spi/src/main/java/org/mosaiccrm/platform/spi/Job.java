package org.mosaiccrm.platform.spi;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Scheduled work of a module (reminders, sends, SLA timers, mailbox polling). The platform
 * runs it every {@link #interval()} on exactly one node at a time, holding a lease in the
 * database while it runs; unregistering the service (module disabled) stops it.
 */
@ConsumerType
public interface Job {

    /** Stable id, unique across modules, e.g. {@code contacts.reminders}. */
    String id();

    Duration interval();

    void run() throws Exception;
}
