/**
 * The analytics module's contract with other modules: a module contributes its measures as
 * {@link Metric} services, each evaluated by the module itself inside the calling user's reach,
 * counted in the {@link TimeBuckets} (day, week, month, quarter) of the company's time zone.
 * A module's metrics come and go with its services: disabling the module removes them.
 */
@Export
@Version("1.1.0")
package org.mosaiccrm.analytics.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
