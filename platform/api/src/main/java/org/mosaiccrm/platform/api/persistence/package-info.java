/**
 * Transactional access to the one Cayenne runtime shared by all modules, and the base class of every record.
 */
@Export
@Version("1.7.0")
package org.mosaiccrm.platform.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
