/**
 * Money: decimal amounts with an ISO 4217 currency, read from request bodies, stored as
 * DECIMAL(19, 4) and written as decimal strings ({@link Money}).
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.platform.api.money;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
