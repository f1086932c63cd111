/**
 * Topics and properties of the EventAdmin events published after every commit.
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.platform.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
