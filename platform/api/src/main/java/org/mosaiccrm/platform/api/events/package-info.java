/**
 * What followers of committed changes use: the EventAdmin events posted after every commit
 * ({@link RecordEvents}) and the database's change log that every node can follow ({@link ChangeLog}).
 */
@Export
@Version("1.2.0")
package org.mosaiccrm.platform.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
