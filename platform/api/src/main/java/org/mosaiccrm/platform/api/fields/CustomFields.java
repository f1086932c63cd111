package org.mosaiccrm.platform.api.fields;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The custom fields of a module's entities, as the platform keeps them. Resources ask for an
 * entity's {@link FieldSchema} on every read and write of its records; the answer is cached, so
 * this costs nothing, and a change an administrator makes counts from the next request on this
 * node and within a second on the others.
 */
@ProviderType
public interface CustomFields {

    /**
     * The active fields of the entity, in the order the administrator set; an empty schema for
     * an entity its module did not declare customizable (or a module that is not enabled).
     */
    FieldSchema schema(String module, String entity);
}
