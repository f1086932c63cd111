/**
 * Files stored for records (a ticket's attachments, later a person's documents): one mechanism
 * for every module. The bytes live in the database with the record they belong to, so a backup
 * of the database holds them and everything can be rebuilt from it. Uploads are read under a
 * size limit ({@code MOSAIC_ATTACHMENT_MAX_MB}), names are cleaned of paths and control
 * characters, and downloads are always served as attachments with {@code nosniff} and a type from
 * a short allow-list, never as HTML or SVG a browser would run.
 */
@Export
@Version("1.0.0")
package org.mosaiccrm.platform.api.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
