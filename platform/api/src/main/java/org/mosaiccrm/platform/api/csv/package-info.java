/**
 * CSV as RFC 4180 defines it, streamed in both directions, with formula-safe output for
 * every export of customer data, and {@link CsvExport}, the one way a list is exported.
 */
@Export
@Version("1.2.0")
package org.mosaiccrm.platform.api.csv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
