/**
 * The campaigns module's contract with other modules: its id ({@link CampaignEvents#MODULE}),
 * which names it as the source of the timeline activities it records.
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.campaigns.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
