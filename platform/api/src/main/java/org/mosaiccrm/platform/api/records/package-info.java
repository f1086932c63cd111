/**
 * The record module kit over REST: finding records within the user's reach, deleting with the
 * version seen, and the one shape of create, read and update answers. Lists: {@code
 * org.mosaiccrm.platform.api.persistence.RecordLists}; bodies: {@code
 * org.mosaiccrm.platform.api.rest.FieldReader}; owner and team of many records at once: {@link
 * org.mosaiccrm.platform.api.records.RecordAssignments}.
 */
@Export
@Version("1.2.0")
package org.mosaiccrm.platform.api.records;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
