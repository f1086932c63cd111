package org.mosaiccrm.platform.spi;

import java.util.Set;

/**
 * Permissions of its own a module gives a built-in role when it is first enabled. The platform
 * applies a module's grants once per role and remembers that it did, so a permission an
 * administrator later revokes is never granted again (not on restart, not on re-enabling).
 *
 * @param role        the built-in role
 * @param permissions ids of permissions the module defines ({@link ModuleDescriptor#permissions()})
 */
public record DefaultGrant(BuiltInRole role, Set<String> permissions) {

    public DefaultGrant {
        if (role == null) {
            throw new IllegalArgumentException("A default grant names a built-in role");
        }
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    public static DefaultGrant of(BuiltInRole role, String... permissions) {
        return new DefaultGrant(role, Set.of(permissions));
    }
}
