/**
 * Custom fields as a platform service. A module declares which of its entities administrators
 * may extend ({@code ModuleDescriptor.customizable()}); the platform keeps every definition in one
 * table keyed by module and entity, serves {@code /api/v1/<module>/fields} and the console's page,
 * and hands each resource the entity's {@link FieldSchema} through {@link CustomFields}. The
 * values stay in the record's own {@code CUSTOM} column, so that a record is still one row.
 */
@Export
@Version("1.1.0")
package org.mosaiccrm.platform.api.fields;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
