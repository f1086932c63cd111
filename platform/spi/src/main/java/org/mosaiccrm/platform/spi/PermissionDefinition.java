package org.mosaiccrm.platform.spi;

import java.util.regex.Pattern;

/**
 * A permission a module defines, e.g. {@code notes.read}. Its id starts with the module id
 * and a dot, so that permissions of different modules never collide.
 */
public record PermissionDefinition(String id, String description) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z][a-z0-9.-]*");

    public PermissionDefinition {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A permission id looks like 'module.action': " + id);
        }
    }
}
