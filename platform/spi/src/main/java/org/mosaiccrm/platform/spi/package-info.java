/**
 * The extension points of Mosaic. A module is a set of DS services implementing these
 * interfaces; each kind has exactly one consumer in the platform.
 */
@Export
@Version("1.5.0")
package org.mosaiccrm.platform.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
