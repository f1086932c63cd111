/**
 * The contacts module's contract with other modules: append to the activity timeline of a
 * person or organization (a campaign response, a ticket reply), and the event topics of
 * contact records, and the directory through which other modules refer to people and
 * organizations.
 */
@Export
@Version("1.5.0")
package org.mosaiccrm.contacts.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
