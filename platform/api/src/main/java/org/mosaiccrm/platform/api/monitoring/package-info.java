/**
 * What a bundle contributes to monitoring: {@link MetricsSource}s add their figures to
 * {@code GET /api/v1/metrics} (Prometheus text format) and {@link HealthCheck}s their part to
 * {@code GET /api/v1/health}. Both are DS services: a module's figures and health part appear
 * while its bundle runs and are gone the moment it is switched off.
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.platform.api.monitoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
