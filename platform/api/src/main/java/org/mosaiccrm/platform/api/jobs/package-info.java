/**
 * Long-running work a user started (an import, a rebuild) and its progress, readable at
 * {@code GET /api/v1/jobs/{id}}; checkpoints make such work resumable after a crash.
 */
@Export
@Version("1.3.0")
package org.mosaiccrm.platform.api.jobs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
