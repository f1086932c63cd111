/**
 * Text that modules fill in for a record: merge fields ({@code {{person.firstName|there}}}) in
 * campaign templates and canned responses.
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.platform.api.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
