package org.mosaiccrm.platform.spi;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered by every module bundle: who the module is and what it needs. The module
 * registry and the admin console read it; the permissions become grantable to roles.
 */
@ConsumerType
public interface ModuleDescriptor {

    /** Short, stable id: lower case letters, digits and dashes, e.g. {@code contacts}. */
    String id();

    String name();

    String version();

    /** Ids of modules this one needs enabled. */
    Set<String> requires();

    List<PermissionDefinition> permissions();

    /**
     * The module's entities that administrators may give custom fields; none unless the module
     * says so. A default, so that descriptors written before custom fields were a platform
     * service keep compiling and running.
     */
    default List<CustomizableEntity> customizable() {
        return List.of();
    }

    /**
     * What the module grants the built-in roles when it is first enabled, so that a fresh
     * install works for every role at once. Only permissions of this module count; others are
     * ignored. None unless the module says so (a default, so older descriptors keep working).
     */
    default List<DefaultGrant> defaultGrants() {
        return List.of();
    }
}
