package org.mosaiccrm.platform.security.internal;

import java.util.List;

public record RoleRecord(String id, String name, boolean builtin, List<String> permissions, long version) {
}
