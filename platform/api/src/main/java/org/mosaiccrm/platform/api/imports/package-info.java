/**
 * CSV import as a platform service. A module registers one {@link ImportType} per kind of
 * record it imports; {@link Imports} stores the upload and runs it as one resumable job
 * (checkpoints, per-row errors, progress at {@code GET /api/v1/jobs/{id}}) for every type.
 */
@Export
@Version("1.1.0")
package org.mosaiccrm.platform.api.imports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
