/**
 * Listing, enabling and disabling modules at runtime.
 */
@Export
@Version("1.1.0")
package org.mosaiccrm.platform.api.modules;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
