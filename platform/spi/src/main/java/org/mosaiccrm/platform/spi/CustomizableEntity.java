package org.mosaiccrm.platform.spi;

import java.util.Objects;

/**
 * An entity of a module that administrators may give custom fields, declared by the module's
 * {@link ModuleDescriptor#customizable()}. The platform serves its definitions at
 * {@code /api/v1/<module>/fields?entity=<entity>} and on the console's page; the module keeps the
 * values in a {@code CUSTOM VARCHAR(8000)} column of the entity's table and reads and checks
 * them through {@code org.mosaiccrm.platform.api.fields.FieldSchema}.
 *
 * @param entity             the entity's id within the module, e.g. {@code person}: lower case letters, digits and dashes
 * @param label              what a field list is called in the console, e.g. "People"
 * @param plural             the records in messages, lower case, e.g. "people" ("is not a custom field of people")
 * @param readPermission     who may read the definitions (the forms of everyone who may read the records need them)
 * @param customizePermission who may add, change and archive fields (usually administrators only)
 */
public record CustomizableEntity(String entity, String label, String plural, String readPermission, String customizePermission) {

    public CustomizableEntity {
        Objects.requireNonNull(entity, "entity");
        if (!entity.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("An entity id is lower case letters, digits and dashes: " + entity);
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(readPermission, "readPermission");
        Objects.requireNonNull(customizePermission, "customizePermission");
    }
}
